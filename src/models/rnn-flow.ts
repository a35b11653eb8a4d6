/**
 * How far back one loss reaches through the vanilla character RNN (chapter 3 sets it beside the
 * LSTM's curve of lstm-bptt.ts): for the loss J(t) = −log ŷ(t)_{c(t+1)} at one step t,
 *   ∂J(t)/∂h(t)   = W_yᵀ (ŷ(t) − onehot(c(t+1)))                      (bptt-lm.ts)
 *   ∂J(t)/∂h(k−1) = W_hᵀ (σ′(z(k)) ⊙ ∂J(t)/∂h(k))   for k = t, …, 2   (bptt.ts)
 * and their norms against the distance d = t − k. Runs in float64 on one sequence from zero state.
 */
import {jacobianTransposeTimes} from "./bptt.js";
import {sequenceFlow} from "./bptt-lm.js";
import type {CharLM} from "./char-lm.js";
import type {RnnCell, RnnTrace} from "./rnn-cell.js";

export interface RnnGradientFlow {
  /** Distances d = t − k, for d = 0 … t−1 (k = t … 1). */
  distance: Float64Array;
  /** ‖∂J(t)/∂h(t−d)‖ at each distance. */
  dh: Float64Array;
}

/** The flow of J(t)'s gradient for ids c(1)…c(t+1) (t inputs, the last one's target after them). */
export function rnnGradientFlow(lm: CharLM<RnnTrace>, cell: RnnCell, ids: Int32Array): RnnGradientFlow {
  const flow = sequenceFlow(lm, cell, ids); // reads c(1)…c(t)
  const t = flow.T;
  const distance = new Float64Array(t), dh = new Float64Array(t);
  let g = flow.dJdh[t - 1]; // ∂J(t)/∂h(t): (H)
  for (let d = 0; d < t; d++) {
    const k = t - d;
    distance[d] = d;
    dh[d] = Math.hypot(...g);
    if (k > 1) g = jacobianTransposeTimes(flow.Wh, flow.derivs, k - 1, k, g); // ∂J(t)/∂h(k−1): (H)
  }
  return {distance, dh};
}
