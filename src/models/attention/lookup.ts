/**
 * Attention as a soft dictionary look-up (chapter 5). A dictionary returns the value stored under
 * the one key that equals the query; attention returns a mix of every value, each weighted by how
 * well its key matches:
 *   e_i = s · (q · k_i) / τ,   α = softmax(e),   output = Σ_i α_i v_i
 * s = 1/√d when scaled (Vaswani et al., 2017, §3.2.1), else 1; τ is a temperature (τ → 0 gives
 * back the hard look-up of the best-matching key, τ → ∞ the plain average of the values).
 * The same look-up for many queries at once is the matrix form
 *   S = s · Q Kᵀ / τ,   A = softmax(S) row by row,   O = A V
 * and `lookupMatrices` returns each stage for the page's stepper.
 */
import type {Mat} from "../../engine/index.js";
import {entropy, mat, matmul, softmax} from "../../engine/index.js";
import {attentionForward} from "./scaled-dot-product.js";

export interface LookupOptions {
  /** Divide by √d (default false: the plain dot product of the first figure). */
  scaled?: boolean;
  /** τ > 0 (default 1). */
  temperature?: number;
}

export interface Lookup {
  /** q · k_i, before scaling. */
  dots: number[];
  /** e_i = s (q · k_i) / τ. */
  scores: number[];
  /** α = softmax(e). */
  weights: number[];
  /** Σ α_i v_i. */
  output: number[];
  /** Entropy of α in nats (0 = one key takes all; log n = uniform). */
  entropy: number;
  /** The multiplier s/τ applied to the dot products. */
  scale: number;
}

export function lookupScale(d: number, {scaled = false, temperature = 1}: LookupOptions): number {
  if (!(temperature > 0)) throw new Error(`lookup: temperature must be > 0, got ${temperature}`);
  return (scaled ? 1 / Math.sqrt(d) : 1) / temperature;
}

export function softLookup(q: ArrayLike<number>, keys: ArrayLike<number>[], values: ArrayLike<number>[], opts: LookupOptions = {}): Lookup {
  if (keys.length !== values.length || keys.length === 0) throw new Error(`lookup: ${keys.length} keys and ${values.length} values`);
  const d = q.length, s = lookupScale(d, opts);
  const dots = keys.map((k) => {
    if (k.length !== d) throw new Error(`lookup: a key of length ${k.length} for a query of length ${d}`);
    let e = 0;
    for (let j = 0; j < d; j++) e += q[j] * k[j];
    return e;
  });
  const scores = dots.map((e) => e * s);
  const weights = Array.from(softmax(Float64Array.from(scores), new Float64Array(scores.length)));
  const output = new Array<number>(values[0].length).fill(0);
  values.forEach((v, i) => {
    for (let j = 0; j < output.length; j++) output[j] += weights[i] * v[j];
  });
  return {dots, scores, weights, output, entropy: entropy(weights), scale: s};
}

export interface LookupSteps {
  /** Q Kᵀ, the raw dot products, (n_q, n_k). */
  QKt: Mat;
  /** S = s · Q Kᵀ / τ, (n_q, n_k). */
  S: Mat;
  /** A = softmax(S), (n_q, n_k). */
  A: Mat;
  /** O = A V, (n_q, d_v). */
  O: Mat;
  scale: number;
}

/** The look-up of every row of Q at once; Q (n_q, d), K (n_k, d), V (n_k, d_v). */
export function lookupMatrices(Q: Mat, K: Mat, V: Mat, opts: LookupOptions = {}): LookupSteps {
  const scale = lookupScale(Q.cols, opts);
  const QKt = matmul(Q, K, mat(Q.rows, K.rows, "float64"), {transB: true}); // Q Kᵀ: (n_q, n_k)
  const att = attentionForward(Q, K, V, {seqLen: Q.rows, keyLen: K.rows, scale}); // S, A: (n_q, n_k); O: (n_q, d_v)
  return {QKt, S: att.S, A: att.A, O: att.O, scale};
}
