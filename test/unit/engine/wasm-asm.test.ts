import {describe, expect, it} from "vitest";
import {forLoop, op, sleb, uleb, wasmModule} from "../../../src/engine/wasm-asm.js";

describe("LEB128", () => {
  it("unsigned: the spec's example and the byte boundaries", () => {
    expect(uleb(0)).toEqual([0x00]);
    expect(uleb(127)).toEqual([0x7f]);
    expect(uleb(128)).toEqual([0x80, 0x01]);
    expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(uleb(2 ** 32 - 1)).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
  });
  it("signed: sign bit of the last byte decides", () => {
    expect(sleb(0)).toEqual([0x00]);
    expect(sleb(63)).toEqual([0x3f]);
    expect(sleb(64)).toEqual([0xc0, 0x00]);
    expect(sleb(-1)).toEqual([0x7f]);
    expect(sleb(-64)).toEqual([0x40]);
    expect(sleb(-65)).toEqual([0xbf, 0x7f]);
    expect(sleb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
  });
});

/**
 * f(n, step): for (x = 0; x < n; x += step) mem[0 … 3] += mem[4] (as four float lanes);
 * so afterwards mem[0] counts the iterations.
 */
function counter(): {run: (n: number, step: number) => number} {
  const x = 1;
  const body = [
    ...forLoop(x, op.get(0), 3, [
      ...op.i32Const(0), // address for the store
      ...op.i32Const(0), ...op.v128Load(0),
      ...op.i32Const(0), ...op.v128Load32Splat(16),
      ...op.f32x4Add, ...op.v128Store(0)
    ])
  ];
  const bytes = wasmModule({name: "f", params: 1, i32Locals: 1, v128Locals: 0, body});
  expect(WebAssembly.validate(bytes)).toBe(true);
  const {f, memory} = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as {f: (n: number) => void; memory: WebAssembly.Memory};
  const mem = new Float32Array(memory.buffer);
  return {
    run: (n) => {
      mem.fill(0, 0, 4);
      mem[4] = 1;
      f(n);
      expect(Array.from(mem.subarray(0, 4))).toEqual([mem[0], mem[0], mem[0], mem[0]]); // all four lanes
      return mem[0];
    }
  };
}

describe("wasmModule and forLoop", () => {
  it("builds a valid module whose loop runs ⌈n / step⌉ times, and not at all for n ≤ 0", () => {
    const {run} = counter();
    expect([run(0, 3), run(-5, 3), run(1, 3), run(3, 3), run(4, 3), run(10, 3)]).toEqual([0, 0, 1, 1, 2, 4]);
  });
  it("exports one memory of the requested initial size", () => {
    const bytes = wasmModule({name: "g", params: 0, i32Locals: 0, v128Locals: 0, body: []}, 3);
    const {memory, g} = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as {memory: WebAssembly.Memory; g: () => void};
    expect(memory.buffer.byteLength).toBe(3 * 65536);
    expect(g()).toBeUndefined();
  });
});
