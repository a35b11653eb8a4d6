/**
 * A very small WebAssembly assembler: just the instructions the SIMD kernels use, each returned
 * as its bytes, and a module with one memory and one function. Writing the kernel here in TS,
 * instead of shipping a compiled .wasm, keeps its source readable next to the code that calls it
 * and needs no toolchain. Encodings follow the WebAssembly core spec, binary format (§5) and the
 * fixed-width SIMD proposal (opcodes after the 0xFD prefix).
 */
export type Bytes = number[];

/** Unsigned LEB128. */
export function uleb(n: number): Bytes {
  const out: Bytes = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}

/** Signed LEB128 (32-bit). */
export function sleb(n: number): Bytes {
  const out: Bytes = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(byte & 0x40)) || (n === -1 && byte & 0x40)) return out.concat(byte);
    out.push(byte | 0x80);
  }
}

const simd = (opcode: number): Bytes => [0xfd, ...uleb(opcode)];
/** Memory immediate: alignment hint (log2 bytes) and a constant byte offset. */
const memarg = (alignLog2: number, offset: number): Bytes => [alignLog2, ...uleb(offset)];

export const I32 = 0x7f;
export const V128 = 0x7b;

/** The instructions, by their text-format names. */
export const op = {
  get: (local: number): Bytes => [0x20, ...uleb(local)],
  set: (local: number): Bytes => [0x21, ...uleb(local)],
  tee: (local: number): Bytes => [0x22, ...uleb(local)],
  i32Const: (v: number): Bytes => [0x41, ...sleb(v)],
  i32Add: [0x6a],
  i32Mul: [0x6c],
  i32LtS: [0x48],
  i32Eqz: [0x45],
  f32x4Add: simd(0xe4),
  f32x4Mul: simd(0xe6),
  /** 16 bytes from memory at (address + offset). */
  v128Load: (offset = 0): Bytes => [...simd(0x00), ...memarg(4, offset)],
  v128Store: (offset = 0): Bytes => [...simd(0x0b), ...memarg(4, offset)],
  /** One float32 from memory, copied into all four lanes. */
  v128Load32Splat: (offset = 0): Bytes => [...simd(0x09), ...memarg(2, offset)],
  v128Zero: [...simd(0x0c), ...new Array<number>(16).fill(0)]
};

/**
 * `for (x = 0; x < limit; x += step) body`, as a block around a loop: skip when the loop would not
 * run, otherwise run the body, step, and branch back while x < limit.
 */
export function forLoop(x: number, limit: Bytes, step: number, body: Bytes): Bytes {
  const enter = [0x02, 0x40], loop = [0x03, 0x40], brIf = (depth: number) => [0x0d, depth], end = 0x0b;
  return [
    ...op.i32Const(0), ...op.set(x),
    ...enter, ...op.get(x), ...limit, ...op.i32LtS, ...op.i32Eqz, ...brIf(0),
    ...loop, ...body,
    ...op.get(x), ...op.i32Const(step), ...op.i32Add, ...op.tee(x), ...limit, ...op.i32LtS, ...brIf(0),
    end, end
  ];
}

export interface FunctionSpec {
  /** Exported name. */
  name: string;
  /** Number of i32 parameters (locals 0 … params − 1). */
  params: number;
  /** Further i32 locals, then v128 locals, numbered after the parameters. */
  i32Locals: number;
  v128Locals: number;
  body: Bytes;
}

/** A module exporting `memory` (initialPages × 64 KiB, growable) and the function. */
export function wasmModule(f: FunctionSpec, initialPages = 1): Uint8Array<ArrayBuffer> {
  const vec = (items: Bytes[]): Bytes => [...uleb(items.length), ...items.flat()];
  const section = (id: number, content: Bytes): Bytes => [id, ...uleb(content.length), ...content];
  const name = (s: string): Bytes => vec([...s].map((ch) => [ch.charCodeAt(0)]));
  const funcType = [0x60, ...vec(new Array(f.params).fill([I32])), ...vec([])];
  const code = [...vec([[...uleb(f.i32Locals), I32], [...uleb(f.v128Locals), V128]]), ...f.body, 0x0b];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
    ...section(1, vec([funcType])), // types
    ...section(3, vec([[0]])), // function 0 has type 0
    ...section(5, vec([[0x00, ...uleb(initialPages)]])), // one memory, no maximum
    ...section(7, vec([[...name(f.name), 0x00, 0], [...name("memory"), 0x02, 0]])), // exports
    ...section(10, vec([[...uleb(code.length), ...code]])) // code
  ]);
}
