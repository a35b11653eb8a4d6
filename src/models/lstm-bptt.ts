/**
 * How far back a loss reaches through an LSTM: for one loss J at step t, the norms
 *   ‖∂J/∂c(k)‖ and ‖∂J/∂h(k)‖   for k = t, t−1, …, 1, plotted against the distance t − k.
 * Along the cell path ∂c(k)/∂c(k−1) = diag f(k) (Hochreiter & Schmidhuber, 1997; Gers et al., 2000),
 * so with forget gates near 1 the gradient is carried almost unchanged, where the vanilla RNN's
 * ∂h(k)/∂h(k−1) = diag σ′(z(k)) W_h shrinks it at every step (Bengio et al., 1994; Pascanu et al., 2013).
 * The vanilla RNN's curve is in bptt.ts.
 */
import type {Arr, Mat} from "../engine/index.js";
import {mat} from "../engine/index.js";
import type {LstmCell, LstmTrace} from "./lstm-cell.js";

export interface LstmGradientFlow {
  /** Distances d = t − k, for d = 0 … t−1 (k = t … 1). */
  distance: Float64Array;
  /** ‖∂J/∂c(t−d)‖ at each distance. */
  dc: Float64Array;
  /** ‖∂J/∂h(t−d)‖ at each distance. */
  dh: Float64Array;
}

function rowNorm(m: Mat, r: number): number {
  let s = 0;
  for (let j = r * m.cols; j < (r + 1) * m.cols; j++) s += m.data[j] * m.data[j];
  return Math.sqrt(s);
}

/**
 * The flow of ∂J/∂h(t) = dhT (the read-out's gradient for the loss at step t, 1-based; (B, H) or
 * one row of H numbers for every sequence) back through a forward trace, read on sequence `row`.
 * The parameters' grads are left untouched.
 */
export function lstmGradientFlow(cell: LstmCell, trace: LstmTrace, t: number, dhT: Mat | Arr, row = 0): LstmGradientFlow {
  const T = trace.hs.length, B = trace.h0.rows, H = cell.hiddenSize;
  if (t < 1 || t > T) throw new Error(`lstmGradientFlow: step ${t} outside 1…${T}`);
  const seed = mat(B, H, cell.dtype); // ∂J/∂h(t): (B, H)
  const src = "data" in dhT ? dhT.data : dhT;
  for (let r = 0; r < B; r++) seed.data.set(src.length === H ? src : src.subarray(r * H, (r + 1) * H), r * H);
  const dhs: Mat[] = new Array<Mat>(t);
  dhs[t - 1] = seed;
  const grads = cell.backward({...trace, ...truncate(trace, t)}, dhs, {paramGrads: false});
  const distance = new Float64Array(t), dc = new Float64Array(t), dh = new Float64Array(t);
  for (let d = 0; d < t; d++) {
    distance[d] = d;
    dc[d] = rowNorm(grads.dc[t - 1 - d], row);
    dh[d] = rowNorm(grads.dh[t - 1 - d], row);
  }
  return {distance, dc, dh};
}

/** The trace of the first t steps (the steps after t do not reach J(t)). */
function truncate(trace: LstmTrace, t: number): Partial<LstmTrace> {
  const B = trace.h0.rows;
  const cut = (m: Mat) => mat(t * B, m.cols, undefined, m.data.subarray(0, t * B * m.cols));
  return {
    hs: trace.hs.slice(0, t),
    c: trace.c.slice(0, t),
    f: trace.f.slice(0, t),
    i: trace.i.slice(0, t),
    cTilde: trace.cTilde.slice(0, t),
    o: trace.o.slice(0, t),
    tanhC: trace.tanhC.slice(0, t),
    X: cut(trace.X),
    Hprev: cut(trace.Hprev)
  };
}
