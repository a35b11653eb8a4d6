/**
 * C = op(A)·op(B) (+ C), in the three layouts backprop needs:
 *   forward   Y  = X·W        (NN)
 *   dX        dX = dY·Wᵀ      (NT)
 *   dW        dW = Xᵀ·dY      (TN, usually accumulated)
 * Loops are ordered so the innermost loop walks memory contiguously and allocates nothing.
 */
import type {Mat} from "./mat.js";

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
  if (!accumulate) C.data.fill(0);
  if (transA && transB) throw new Error("matmul: Aᵀ·Bᵀ is not needed by any model");
  if (transA) matmulTN(A.data, B.data, C.data, m, k, n);
  else if (transB) matmulNT(A.data, B.data, C.data, m, k, n);
  else matmulNN(A.data, B.data, C.data, m, k, n);
  return C;
}

/** C(m,n) += A(m,k)·B(k,n): for each a_ip, add a_ip·(row p of B) to row i of C. */
function matmulNN(a: Float32Array | Float64Array, b: Float32Array | Float64Array, c: Float32Array | Float64Array, m: number, k: number, n: number): void {
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    let p = 0;
    for (; p + 1 < k; p += 2) {
      const a0 = a[i * k + p], a1 = a[i * k + p + 1];
      const b0 = p * n, b1 = b0 + n;
      for (let j = 0; j < n; j++) c[ci + j] += a0 * b[b0 + j] + a1 * b[b1 + j];
    }
    if (p < k) {
      const a0 = a[i * k + p], b0 = p * n;
      for (let j = 0; j < n; j++) c[ci + j] += a0 * b[b0 + j];
    }
  }
}

/** C(m,n) += A(m,k)·B(n,k)ᵀ: each entry is a dot product of two contiguous rows. */
function matmulNT(a: Float32Array | Float64Array, b: Float32Array | Float64Array, c: Float32Array | Float64Array, m: number, k: number, n: number): void {
  for (let i = 0; i < m; i++) {
    const ai = i * k;
    for (let j = 0; j < n; j++) {
      const bj = j * k;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      let p = 0;
      for (; p + 3 < k; p += 4) {
        s0 += a[ai + p] * b[bj + p];
        s1 += a[ai + p + 1] * b[bj + p + 1];
        s2 += a[ai + p + 2] * b[bj + p + 2];
        s3 += a[ai + p + 3] * b[bj + p + 3];
      }
      for (; p < k; p++) s0 += a[ai + p] * b[bj + p];
      c[i * n + j] += s0 + s1 + s2 + s3;
    }
  }
}

/** C(m,n) += A(k,m)ᵀ·B(k,n): for each row p, add a_pi·(row p of B) to row i of C. */
function matmulTN(a: Float32Array | Float64Array, b: Float32Array | Float64Array, c: Float32Array | Float64Array, m: number, k: number, n: number): void {
  for (let p = 0; p < k; p++) {
    const bp = p * n;
    for (let i = 0; i < m; i++) {
      const api = a[p * m + i];
      if (api === 0) continue;
      const ci = i * n;
      for (let j = 0; j < n; j++) c[ci + j] += api * b[bp + j];
    }
  }
}
