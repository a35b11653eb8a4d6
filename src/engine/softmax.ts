/**
 * softmax(z)_i = exp(z_i − max z) / Σ_j exp(z_j − max z), with an optional temperature τ
 * (softmax(z / τ)). Subtracting the max keeps exp from overflowing; the result is unchanged.
 */
import type {Arr, Mat} from "./mat.js";
import {row} from "./mat.js";

export function softmax(z: Arr, p: Arr, temperature = 1): Arr {
  const n = z.length;
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (z[i] > max) max = z[i];
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const e = Math.exp((z[i] - max) / temperature);
    p[i] = e;
    sum += e;
  }
  for (let i = 0; i < n; i++) p[i] /= sum;
  return p;
}

/** Row-wise softmax of a matrix: each row of P sums to 1. P may be Z. */
export function softmaxRows(Z: Mat, P: Mat, temperature = 1): Mat {
  for (let i = 0; i < Z.rows; i++) softmax(row(Z, i), row(P, i), temperature);
  return P;
}

/** Backward through p = softmax(z): dz_i = p_i (dp_i − Σ_j p_j dp_j). dz may alias dp. */
export function softmaxBackward(p: Arr, dp: Arr, dz: Arr): Arr {
  let dot = 0;
  for (let i = 0; i < p.length; i++) dot += p[i] * dp[i];
  for (let i = 0; i < p.length; i++) dz[i] = p[i] * (dp[i] - dot);
  return dz;
}

/** Row-wise softmax backward. */
export function softmaxRowsBackward(P: Mat, dP: Mat, dZ: Mat): Mat {
  for (let i = 0; i < P.rows; i++) softmaxBackward(row(P, i), row(dP, i), row(dZ, i));
  return dZ;
}

/** Entropy −Σ p log p, in nats. */
export function entropy(p: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) if (p[i] > 0) h -= p[i] * Math.log(p[i]);
  return h;
}
