/**
 * Splitting d_model into h heads and joining them again (Vaswani et al., 2017, §3.2.2):
 *   split:   X (N, h·d_k)  →  X_1 … X_h, each (N, d_k): head k takes columns k·d_k … (k+1)·d_k − 1
 *   concat:  the inverse.  Each is the other's backward: d(split) = concat(d heads), and back.
 */
import type {Mat} from "../../engine/index.js";
import {dtypeOf, mat} from "../../engine/index.js";

export function splitHeads(X: Mat, heads: number): Mat[] {
  if (X.cols % heads !== 0) throw new Error(`splitHeads: ${X.cols} columns into ${heads} heads`);
  const dk = X.cols / heads, N = X.rows, dtype = dtypeOf(X.data);
  const out: Mat[] = [];
  for (let k = 0; k < heads; k++) {
    const Xk = mat(N, dk, dtype); // (N, d_k)
    for (let r = 0; r < N; r++) Xk.data.set(X.data.subarray(r * X.cols + k * dk, r * X.cols + (k + 1) * dk), r * dk);
    out.push(Xk);
  }
  return out;
}

export function concatHeads(parts: Mat[]): Mat {
  const N = parts[0].rows, dk = parts[0].cols, h = parts.length;
  const X = mat(N, h * dk, dtypeOf(parts[0].data)); // (N, h·d_k)
  parts.forEach((Xk, k) => {
    if (Xk.rows !== N || Xk.cols !== dk) throw new Error("concatHeads: heads of different shapes");
    for (let r = 0; r < N; r++) X.data.set(Xk.data.subarray(r * dk, (r + 1) * dk), r * X.cols + k * dk);
  });
  return X;
}
