/**
 * Why self-attention (Vaswani et al., 2017, §4 and Table 1): per layer, for n tokens of width d,
 * a kernel of width k and a restricted neighbourhood of r,
 *
 *   layer type                    complexity per layer   sequential operations   maximum path length
 *   self-attention                O(n²·d)                O(1)                    O(1)
 *   recurrent                     O(n·d²)                O(n)                    O(n)
 *   convolutional                 O(k·n·d²)              O(1)                    O(log_k(n))  (dilated; O(n/k) contiguous)
 *   self-attention (restricted)   O(r·n·d)               O(1)                    O(n/r)
 *
 * Beside the table, the exact multiply-add counts of this book's own layers, and a timer that
 * runs them, so the page can set the asymptotics next to numbers it measured:
 *   multi-head self-attention (src/models/attention/multi-head.ts):
 *     Q, K, V, O projections 4·n·d²  +  scores Q_k K_kᵀ over the heads n²·d  +  A_k V_k n²·d
 *   recurrent layer (src/models/rnn-cell.ts), input and state of width d:
 *     W_x x(t) and W_h h(t−1) at every step: 2·n·d²
 *   convolution (src/models/transformer/conv1d.ts): k·n·d²
 * The table's O(n²·d) counts attention's own work (scores and mixing), the part that grows with
 * n²; against the recurrent layer's 2·n·d², that part, 2·n²·d, is smaller exactly when n < d.
 */
import {mat, Rng} from "../engine/index.js";
import {MultiHeadAttention} from "./attention/multi-head.js";
import {RnnCell} from "./rnn-cell.js";
import {Conv1d} from "./transformer/conv1d.js";

export type LayerKind = "self-attention" | "recurrent" | "convolutional" | "restricted self-attention";

export interface Table1Row {
  layer: LayerKind;
  complexity: string;
  sequential: string;
  maxPath: string;
}

/** Table 1 of the paper, as data. */
export const TABLE_1: readonly Table1Row[] = [
  {layer: "self-attention", complexity: "O(n²·d)", sequential: "O(1)", maxPath: "O(1)"},
  {layer: "recurrent", complexity: "O(n·d²)", sequential: "O(n)", maxPath: "O(n)"},
  {layer: "convolutional", complexity: "O(k·n·d²)", sequential: "O(1)", maxPath: "O(log_k(n))"},
  {layer: "restricted self-attention", complexity: "O(r·n·d)", sequential: "O(1)", maxPath: "O(n/r)"}
];

/** ⌈log_k n⌉ (at least 1), in integers: the fewest layers of width-k kernels whose view spans n. */
function stackedLayers(n: number, k: number): number {
  let layers = 1;
  for (let span = k; span < n; span *= k) layers++;
  return layers;
}

export interface Sizes {
  /** Sequence length. */
  n: number;
  /** Representation width d (d_model). */
  d: number;
  /** Convolution kernel width (default 3). */
  k?: number;
  /** Neighbourhood of restricted self-attention (default n). */
  r?: number;
}

/** The leading terms of Table 1 evaluated at (n, d, k, r): per-layer work, sequential steps, path length. */
export function table1Values(layer: LayerKind, {n, d, k = 3, r = n}: Sizes): {complexity: number; sequential: number; maxPath: number} {
  switch (layer) {
    case "self-attention": return {complexity: n * n * d, sequential: 1, maxPath: 1};
    case "recurrent": return {complexity: n * d * d, sequential: n, maxPath: n};
    case "convolutional": return {complexity: k * n * d * d, sequential: 1, maxPath: stackedLayers(n, k)};
    case "restricted self-attention": return {complexity: r * n * d, sequential: 1, maxPath: Math.ceil(n / r)};
  }
}

/** Exact multiply-adds of one forward pass of our layers, split into their parts. */
export interface OpCount {
  /** Position-wise matrix products (projections, weights): grow as n·d². */
  projections: number;
  /** Token-to-token work (scores and mixing): grows as n²·d. Zero for recurrence and convolution. */
  pairwise: number;
  total: number;
  /** Steps that must run one after another. */
  sequential: number;
}

/** Multi-head self-attention, h heads of d/h: 4nd² + n²d + n²d (independent of h). */
export function selfAttentionOps(n: number, d: number): OpCount {
  const projections = 4 * n * d * d, pairwise = 2 * n * n * d;
  return {projections, pairwise, total: projections + pairwise, sequential: 1};
}

/** A recurrent layer with input and state of width d: 2d² per step, n steps in order. */
export function recurrentOps(n: number, d: number): OpCount {
  const projections = 2 * n * d * d;
  return {projections, pairwise: 0, total: projections, sequential: n};
}

/** A 1-D convolution of width k with d channels in and out: k·n·d². */
export function convolutionOps(n: number, d: number, k = 3): OpCount {
  const projections = k * n * d * d;
  return {projections, pairwise: 0, total: projections, sequential: 1};
}

export interface TimingRow {
  n: number;
  d: number;
  /** Mean milliseconds of one forward pass of each layer on one sequence. */
  attentionMs: number;
  recurrentMs: number;
  convolutionMs: number;
}

export interface TimingOptions {
  /** Kernel width of the convolution (default 3). */
  k?: number;
  /** Attention heads (default 2). */
  heads?: number;
  /** Repeat each measurement until this many milliseconds have passed (default 30). */
  minMs?: number;
  seed?: number;
}

/** Mean time of f over repeated calls lasting at least minMs (after one warm-up call). */
function timeIt(f: () => void, minMs: number): number {
  f();
  let calls = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < minMs || calls < 2) {
    f();
    calls++;
    t = performance.now();
  }
  return (t - t0) / calls;
}

/** Runs our three layers forward on one random sequence for every (n, d) of the grid. */
export function timeLayers(ns: number[], ds: number[], {k = 3, heads = 2, minMs = 30, seed = 1}: TimingOptions = {}): TimingRow[] {
  const rng = new Rng(seed);
  const rows: TimingRow[] = [];
  for (const d of ds) {
    const mha = new MultiHeadAttention({dModel: d, heads: d % heads === 0 ? heads : 1}, rng);
    const rnn = new RnnCell({inputSize: d, hiddenSize: d}, rng);
    const conv = new Conv1d(d, k, rng);
    for (const n of ns) {
      const X = mat(n, d); // (n, d)
      for (let i = 0; i < X.data.length; i++) X.data[i] = 2 * rng.uniform() - 1;
      const xs = Array.from({length: n}, (_, t) => ({rows: 1, cols: d, data: X.data.subarray(t * d, (t + 1) * d)})); // n × (1, d)
      rows.push({
        n,
        d,
        attentionMs: timeIt(() => mha.forward(X, n), minMs),
        recurrentMs: timeIt(() => rnn.forward(xs), minMs),
        convolutionMs: timeIt(() => conv.forward(X), minMs)
      });
    }
  }
  return rows;
}
