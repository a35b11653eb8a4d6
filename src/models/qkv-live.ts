/**
 * The live model of chapter 5 (query, key, value). Nothing is trained: every query computes the
 * look-up of lookup.ts or the measurement of entropy-vs-d.ts, so the page can drag vectors and
 * move sliders while the worker answers. trainStep does nothing and reports no metric.
 *
 * Queries (each View carries the same `kind`):
 *   lookup        one query among keys and values (the 2-D figure): scores, α, output, entropy
 *   entropy-vs-d  mean entropy of α against d, with and without 1/√d (seeded)
 *   matrices      Q Kᵀ → scale → softmax → ·V for several queries at once, every stage (the stepper)
 */
import {fromRows, mat, normalInit} from "../engine/index.js";
import type {Mat} from "../engine/index.js";
import {Rng} from "../engine/rng.js";
import type {LiveModel, Metrics, ModelInfo} from "../workers/protocol.js";
import {entropyVsD, type EntropyCurve} from "./attention/entropy-vs-d.js";
import {lookupMatrices, softLookup, type Lookup, type LookupOptions} from "./attention/lookup.js";
import {toGrid, type Grid} from "./attention/grid.js";

export interface QkvConfig {
  /** Seed of the example matrices and of the entropy measurement. */
  seed: number;
  /** Width d of queries and keys in the matrix example. */
  d: number;
  /** Number of queries and of keys/values in the matrix example. */
  queries: number;
  keys: number;
  /** Width of the values in the matrix example. */
  dv: number;
}

export const defaultQkvConfig: QkvConfig = {seed: 1, d: 4, queries: 3, keys: 4, dv: 2};

/** The page's entropy chart: look-ups of one query among 16 keys, 100 of them per d (seeded by `seed`). */
export const ENTROPY_CHART = {keys: 16, trials: 100};

export type QkvQuery =
  | ({kind: "lookup"; query: number[]; keys: number[][]; values: number[][]} & LookupOptions)
  | {kind: "entropy-vs-d"; ds?: number[]; keys?: number; trials?: number; temperature?: number}
  | ({kind: "matrices"; Q?: number[][]; K?: number[][]; V?: number[][]} & LookupOptions);

export type QkvLookupView = {kind: "lookup"} & Lookup;
export type QkvEntropyView = {kind: "entropy-vs-d"} & EntropyCurve;
export interface QkvMatricesView {
  kind: "matrices";
  Q: Grid; // (n_q, d)
  K: Grid; // (n_k, d)
  V: Grid; // (n_k, d_v)
  QKt: Grid; // (n_q, n_k) raw dot products
  S: Grid; // (n_q, n_k) = s · Q Kᵀ / τ
  A: Grid; // (n_q, n_k) = softmax(S) by rows
  O: Grid; // (n_q, d_v) = A V
  /** s/τ, the multiplier from Q Kᵀ to S. */
  scale: number;
}
export type QkvView = QkvLookupView | QkvEntropyView | QkvMatricesView;

/** A (rows, cols) matrix of N(0, 1) entries rounded to one decimal, so the stepper's numbers read easily. */
function example(rows: number, cols: number, rng: Rng): Mat {
  const m = normalInit(mat(rows, cols, "float64"), rng, 1);
  for (let i = 0; i < m.data.length; i++) m.data[i] = Math.round(m.data[i] * 10) / 10;
  return m;
}

export class QkvLive implements LiveModel<QkvConfig, QkvQuery, QkvView> {
  private config: QkvConfig = defaultQkvConfig;
  private Q: Mat = mat(0, 0);
  private K: Mat = mat(0, 0);
  private V: Mat = mat(0, 0);

  constructor() {
    this.reset(defaultQkvConfig);
  }

  reset(config: QkvConfig): ModelInfo {
    this.config = {...defaultQkvConfig, ...config};
    const {seed, d, queries, keys, dv} = this.config;
    const rng = new Rng(seed);
    this.Q = example(queries, d, rng);
    this.K = example(keys, d, rng);
    this.V = example(keys, dv, rng);
    return {parameters: 0};
  }

  trainStep(): Metrics {
    return {};
  }

  query(q: QkvQuery): QkvView {
    if (q.kind === "lookup") return {kind: "lookup", ...softLookup(q.query, q.keys, q.values, q)};
    if (q.kind === "entropy-vs-d") return {kind: "entropy-vs-d", ...entropyVsD({...q, seed: this.config.seed})};
    const Q = q.Q ? fromRows(q.Q, "float64") : this.Q;
    const K = q.K ? fromRows(q.K, "float64") : this.K;
    const V = q.V ? fromRows(q.V, "float64") : this.V;
    const st = lookupMatrices(Q, K, V, q);
    return {kind: "matrices", Q: toGrid(Q), K: toGrid(K), V: toGrid(V), QKt: toGrid(st.QKt), S: toGrid(st.S), A: toGrid(st.A), O: toGrid(st.O), scale: st.scale};
  }
}
