/**
 * C = op(A)·op(B) (+ C), in the three layouts backprop needs:
 *   forward   Y  = X·W        (NN)
 *   dX        dX = dY·Wᵀ      (NT)
 *   dW        dW = Xᵀ·dY      (TN, usually accumulated)
 * All three run the same blocked loop (gemm.ts), told by strides where op(A) and op(B) live, so a
 * transpose is never copied and nothing is allocated.
 */
import type {Mat} from "./mat.js";
import {gemm} from "./gemm.js";

export interface MatmulOptions {
  transA?: boolean;
  transB?: boolean;
  /** Add into C instead of overwriting it. */
  accumulate?: boolean;
}

export function matmul(A: Mat, B: Mat, C: Mat, {transA = false, transB = false, accumulate = false}: MatmulOptions = {}): Mat {
  const m = transA ? A.cols : A.rows;
  const k = transA ? A.rows : A.cols;
  const kB = transB ? B.cols : B.rows;
  const n = transB ? B.rows : B.cols;
  if (k !== kB || C.rows !== m || C.cols !== n) {
    throw new Error(`matmul: (${m}×${k})·(${kB}×${n}) into ${C.rows}×${C.cols}`);
  }
  if (transA && transB) throw new Error("matmul: Aᵀ·Bᵀ is not needed by any model");
  if (!accumulate) C.data.fill(0);
  gemm(A.data, B.data, C.data, m, k, n, {
    ars: transA ? 1 : k, // op(A)(i, p): A[i, p], or A[p, i] when transposed
    aps: transA ? m : 1,
    bps: transB ? 1 : n, // op(B)(p, j): B[p, j], or B[j, p] when transposed
    bcs: transB ? k : 1
  });
  return C;
}
