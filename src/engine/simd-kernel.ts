/**
 * The float32 product kernel in WebAssembly SIMD, C = op(A)·B in the module's memory, with C and B
 * row-major, m a multiple of 4 and n a multiple of 8 (simd-gemm.ts pads to that). op(A)(i, p) is the
 * float at byte aRow·i + aCol·p from A, so A may be stored either way round (A or Aᵀ):
 *
 *   for i in 0, 4, …, m − 4:                         a 4×8 block of C …
 *     for j in 0, 8, …, n − 8:
 *       acc[r][h] = 0  (r < 4 rows, h < 2 four-lane halves)  … held in 8 vector registers
 *       for p in 0 … k − 1:
 *         b0, b1 = B[p, j … j+3], B[p, j+4 … j+7]    two vector reads
 *         for r < 4:  x = op(A)(i+r, p) in all four lanes   one read, "splat"
 *                     acc[r][0] += x·b0;  acc[r][1] += x·b1
 *       C[i+r, j … j+7] = acc[r]
 *
 * Per step of p: 6 reads for 64 multiply–adds, four lanes at a time, and no per-read bounds check,
 * map check or float32→float64 conversion (engines guard WebAssembly memory with reserved address
 * space instead), which is why it runs ~10× faster than the JS blocks. Sums are float32, as in
 * TensorFlow.js.
 */
import {forLoop, op, wasmModule, type Bytes} from "./wasm-asm.js";

/** Parameters: byte addresses of A, B, C; m, k, n; op(A)'s byte strides between rows and between columns. */
const A = 0, B = 1, C = 2, M = 3, K = 4, N = 5, aRow = 6, aCol = 7;
/** i32 locals. */
const i = 8, j = 9, p = 10, pa = 11, pb = 12, pc = 13, rowB = 14, rowC = 15;
/** rowA[r]: bytes from row i to row i + r of op(A). */
const rowA = [-1, aRow, 16, 17];
/** v128 locals: acc[r][h] is 18 + 2r + h, then b0, b1, x. */
const acc = (r: number, h: number) => 18 + 2 * r + h;
const b0 = 26, b1 = 27, x = 28;

const {get, set, i32Const, i32Add, i32Mul, f32x4Add, f32x4Mul, v128Load, v128Store, v128Load32Splat, v128Zero} = op;

/** local = left · right. */
const product = (local: number, left: Bytes, right: Bytes): Bytes => [...left, ...right, ...i32Mul, ...set(local)];
/** local += step. */
const advance = (local: number, step: Bytes): Bytes => [...get(local), ...step, ...i32Add, ...set(local)];
/** acc[r][h] += x · b. */
const multiplyAdd = (r: number, h: number, b: number): Bytes => [...get(acc(r, h)), ...get(x), ...get(b), ...f32x4Mul, ...f32x4Add, ...set(acc(r, h))];

const block: Bytes = [
  // acc = 0;  pa = &op(A)(i, 0);  pb = &B[0, j]
  ...[0, 1, 2, 3].flatMap((r) => [...v128Zero, ...set(acc(r, 0)), ...v128Zero, ...set(acc(r, 1))]),
  ...get(A), ...get(i), ...get(aRow), ...i32Mul, ...i32Add, ...set(pa),
  ...get(B), ...get(j), ...i32Const(4), ...i32Mul, ...i32Add, ...set(pb),
  ...forLoop(p, get(K), 1, [
    ...get(pb), ...v128Load(0), ...set(b0),
    ...get(pb), ...v128Load(16), ...set(b1),
    ...[0, 1, 2, 3].flatMap((r) => [
      // x = op(A)(i + r, p), in all four lanes
      ...get(pa), ...(r ? [...get(rowA[r]), ...i32Add] : []), ...v128Load32Splat(), ...set(x),
      ...multiplyAdd(r, 0, b0), ...multiplyAdd(r, 1, b1)
    ]),
    ...advance(pa, get(aCol)), // next column of op(A)
    ...advance(pb, get(rowB)) // next row of B
  ]),
  // C[i + r, j … j + 7] = acc[r]
  ...get(C), ...get(i), ...get(rowC), ...i32Mul, ...i32Add, ...get(j), ...i32Const(4), ...i32Mul, ...i32Add, ...set(pc),
  ...[0, 1, 2, 3].flatMap((r) => [
    ...get(pc), ...get(acc(r, 0)), ...v128Store(0),
    ...get(pc), ...get(acc(r, 1)), ...v128Store(16),
    ...advance(pc, get(rowC))
  ])
];

const body: Bytes = [
  ...product(rowA[2], get(aRow), i32Const(2)),
  ...product(rowA[3], get(aRow), i32Const(3)),
  ...product(rowB, get(N), i32Const(4)), // bytes per row of B and C
  ...product(rowC, get(N), i32Const(4)),
  ...forLoop(i, get(M), 4, forLoop(j, get(N), 8, block))
];

/** The module's bytes: exports `gemm(a, b, c, m, k, n, aRow, aCol)` and `memory`. */
export function simdKernelBytes(): Uint8Array<ArrayBuffer> {
  return wasmModule({name: "gemm", params: 8, i32Locals: 10, v128Locals: 11, body});
}
