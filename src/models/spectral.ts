/**
 * The two sizes of a recurrent matrix W that decide whether gradients vanish or explode
 * (Pascanu, Mikolov & Bengio, 2013, "On the difficulty of training recurrent neural networks"):
 *   s = σ_max(W) = max ‖Wv‖/‖v‖     the largest singular value, by power iteration on WᵀW
 *   ρ(W) = max |λ_i(W)|             the spectral radius, by Gelfand's formula ρ = lim ‖Wᵐ‖^(1/m)
 * with ρ ≤ s always (equal for a symmetric or orthogonal-times-scalar W).
 */
import type {Mat} from "../engine/index.js";
import {Rng, mat, matmul, matvec, matvecT} from "../engine/index.js";

function norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

export interface PowerOptions {
  /** At most this many iterations (default 3000). */
  iterations?: number;
  /** Stop when the estimate changes by less than this, relatively (default 1e-13). */
  tol?: number;
  /** The start vector is drawn from rng (default a fixed seed). */
  rng?: Rng;
  /** Start from this vector instead (e.g. the previous answer, for a matrix that changed a little). */
  start?: Float64Array;
}

/**
 * σ_max(W) and its right singular vector v (‖v‖ = 1): v ← WᵀW v / ‖WᵀW v‖, σ = ‖W v‖.
 * Each iteration costs two products with W (2·rows·cols). The estimate never exceeds σ_max.
 */
export function largestSingularValue(W: Mat, options: PowerOptions = {}): {value: number; vector: Float64Array} {
  const found = power(W, options);
  // A start vector can lie where W is zero though W is not: try again from a random one.
  return found.value === 0 && options.start ? power(W, {...options, start: undefined}) : found;
}

function power(W: Mat, {iterations = 3000, tol = 1e-13, rng, start}: PowerOptions): {value: number; vector: Float64Array} {
  const v = new Float64Array(W.cols);
  if (start) v.set(start);
  else {
    const r = rng ?? new Rng(0x5eed);
    for (let i = 0; i < v.length; i++) v[i] = r.normal();
  }
  const Wv = new Float64Array(W.rows); // (rows)
  let n0 = norm(v);
  if (n0 === 0) return {value: 0, vector: v};
  for (let i = 0; i < v.length; i++) v[i] /= n0;
  let sigma = 0;
  for (let it = 0; it < iterations; it++) {
    matvec(W, v, Wv); // W v: (rows)
    const next = norm(Wv); // ‖W v‖ → σ_max
    matvecT(W, Wv, v); // WᵀW v: (cols)
    n0 = norm(v);
    if (n0 === 0) return {value: 0, vector: v};
    for (let i = 0; i < v.length; i++) v[i] /= n0;
    const done = Math.abs(next - sigma) <= tol * next;
    sigma = next;
    if (done) break;
  }
  return {value: norm(matvec(W, v, Wv)), vector: v};
}

/**
 * ρ(W) for a square W, by repeated squaring: M ← (M / ‖M‖_F)², keeping the scale in logs, so
 * log ‖W^(2^k)‖ / 2^k → log ρ. Costs rows³ per squaring (at most `squarings`, default 48).
 */
export function spectralRadius(W: Mat, {squarings = 48, tol = 1e-12}: {squarings?: number; tol?: number} = {}): number {
  const n = W.rows;
  if (W.cols !== n) throw new Error("spectralRadius: square matrices only");
  let M = mat(n, n, "float64", Float64Array.from(W.data)); // (n, n)
  let next = mat(n, n, "float64"); // (n, n)
  let logScale = 0; // log of the factor taken out of W^(2^k) so far
  let estimate = NaN;
  for (let k = 0; k <= squarings; k++) {
    const f = norm(M.data);
    if (f === 0) return 0; // nilpotent: some power of W is exactly zero
    const logNorm = logScale + Math.log(f); // log ‖W^(2^k)‖_F
    const e = Math.exp(logNorm / 2 ** k);
    if (Math.abs(e - estimate) <= tol * e) return e;
    estimate = e;
    for (let i = 0; i < M.data.length; i++) M.data[i] /= f;
    logScale = 2 * logNorm; // W^(2^(k+1)) = (W^(2^k))², and we square M = W^(2^k) / e^logNorm
    matmul(M, M, next); // M²: (n, n)
    [M, next] = [next, M];
  }
  return estimate;
}

/** Scales W in place so that σ_max(W) = s; returns the factor used. */
export function scaleToSingularValue(W: Mat, s: number, options?: PowerOptions): number {
  const current = largestSingularValue(W, options).value;
  if (current === 0) throw new Error("scaleToSingularValue: W is zero");
  const k = s / current;
  for (let i = 0; i < W.data.length; i++) W.data[i] *= k;
  return k;
}
