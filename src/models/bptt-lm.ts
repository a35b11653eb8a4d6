/**
 * What chapter 2's analyses need from the character RNN on one sequence c(1)…c(T+1):
 *   σ′(z(t)) for t = 1…T, J(t) = −log ŷ(t)_{c(t+1)}, and ∂J(t)/∂h(t) = W_yᵀ (ŷ(t) − onehot(c(t+1))),
 * the gradient each step's own loss puts on its own state, before it travels back (bptt.ts).
 */
import type {Mat} from "../engine/index.js";
import {crossEntropyLogits, matvecT, row} from "../engine/index.js";
import {derivatives, float64} from "./bptt.js";
import type {CharLM} from "./char-lm.js";
import type {RnnCell, RnnTrace} from "./rnn-cell.js";

export interface SequenceFlow {
  T: number;
  /** W_h in float64. */
  Wh: Mat;
  /** derivs[t − 1] = σ′(z(t)); dJdh[t − 1] = ∂J(t)/∂h(t); losses[t − 1] = J(t). */
  derivs: Float64Array[];
  dJdh: Float64Array[];
  losses: Float64Array;
}

/** The flow along ids (T + 1 ids: T inputs, each followed by its target), from zero state. */
export function sequenceFlow(lm: CharLM<RnnTrace>, cell: RnnCell, ids: Int32Array): SequenceFlow {
  const T = ids.length - 1, V = lm.V;
  if (T < 1) throw new Error("sequenceFlow: needs at least two characters");
  const trace = lm.forward(ids.subarray(0, T), T, 1);
  const Wy = float64(lm.Wy.value); // (V, H)
  const dz = new Float64Array(V); // ŷ − onehot: (V)
  const losses = new Float64Array(T);
  const dJdh = Array.from({length: T}, (_, t) => {
    losses[t] = crossEntropyLogits(row(trace.logits, t), ids[t + 1], undefined, dz);
    return matvecT(Wy, dz, new Float64Array(cell.hiddenSize)) as Float64Array; // W_yᵀ (ŷ − y): (H)
  });
  return {T, Wh: float64(cell.Wh.value), derivs: derivatives(cell.activation, trace.cell.hs), dJdh, losses};
}
