/**
 * Order blindness (chapter 6). Without positions, self-attention is permutation-equivariant:
 * shuffling the tokens shuffles the outputs the same way and changes nothing else,
 *   f(P X) = P f(X)   for every permutation matrix P,
 * because each output is Σ_j softmax_j(q_i·k_j) v_j, a sum that does not care in which order its
 * terms come. Adding positions (X + PE) breaks it: the same token now carries a different code at
 * a different place. (Up to rounding: float sums taken in another order differ in the last bits.)
 */
import type {Mat} from "../../engine/index.js";
import {dtypeOf, mat} from "../../engine/index.js";
import type {Rng} from "../../engine/rng.js";

/** (P X)[i] = X[perm[i]]: row i of the result is row perm[i] of X. */
export function permuteRows(X: Mat, perm: ArrayLike<number>): Mat {
  if (perm.length !== X.rows) throw new Error(`permuteRows: ${perm.length} indices for ${X.rows} rows`);
  const Y = mat(X.rows, X.cols, dtypeOf(X.data)); // (n, d)
  for (let i = 0; i < X.rows; i++) Y.data.set(X.data.subarray(perm[i] * X.cols, (perm[i] + 1) * X.cols), i * X.cols);
  return Y;
}

/** (P A Pᵀ)[i, j] = A[perm[i], perm[j]]: an (n, n) attention matrix seen in the shuffled order. */
export function permuteSquare(A: Mat, perm: ArrayLike<number>): Mat {
  const n = A.rows, B = mat(n, n, dtypeOf(A.data)); // (n, n)
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) B.data[i * n + j] = A.data[perm[i] * n + perm[j]];
  return B;
}

/** A random permutation of 0 … n − 1 that leaves the first `fixed` indices in place (e.g. ⟨s⟩). */
export function randomPermutation(n: number, rng: Rng, fixed = 0): number[] {
  const head = Array.from({length: fixed}, (_, i) => i);
  return [...head, ...rng.shuffle(Array.from({length: n - fixed}, (_, i) => i + fixed))];
}

export interface EquivarianceReport {
  /** f(X), f(P X) and P f(X). */
  Y: Mat;
  Yp: Mat;
  PY: Mat;
  /** max |f(P X) − P f(X)|: 0 (up to rounding) exactly when f commuted with the shuffle. */
  maxDiff: number;
}

/** Runs f on X and on its shuffle, and compares. */
export function equivariance(f: (X: Mat) => Mat, X: Mat, perm: ArrayLike<number>): EquivarianceReport {
  const Y = f(X);
  const Yp = f(permuteRows(X, perm));
  const PY = permuteRows(Y, perm);
  let maxDiff = 0;
  for (let i = 0; i < Yp.data.length; i++) maxDiff = Math.max(maxDiff, Math.abs(Yp.data[i] - PY.data[i]));
  return {Y, Yp, PY, maxDiff};
}
