/**
 * Why the LSTM solves the adding problem and the vanilla RNN does not, in one plot: how strongly the
 * prediction ŷ = v · h(T) + a depends on the state k steps before the end,
 *   LSTM  ‖∂ŷ/∂c(T−d)‖ and ‖∂ŷ/∂h(T−d)‖      (lstm-bptt.ts: along c the factor is diag f)
 *   RNN   ‖∂ŷ/∂h(T−d)‖                        (bptt.ts: the factor is diag σ′(z) W_h)
 * for d = 0…T−1, both seeded with ∂ŷ/∂h(T) = v of their own read-out. The markers sit in the
 * first and second half, so a model that answers well needs these to stay large out to d ≈ T/2
 * and beyond.
 */
import {mat} from "../engine/index.js";
import type {AddingRun} from "./adding.js";
import {derivatives, float64, jacobianTransposeTimes} from "./bptt.js";
import {lstmGradientFlow} from "./lstm-bptt.js";
import type {LstmCell} from "./lstm-cell.js";
import type {RnnCell} from "./rnn-cell.js";

export interface AddingFlow {
  /** d = 0…T−1. */
  distance: Float64Array;
  lstmDc: Float64Array;
  lstmDh: Float64Array;
  rnnDh: Float64Array;
}

/** The flows on one sequence, values[t] and markers at the two steps in marks (0-based). */
export function addingFlow(lstm: AddingRun, rnn: AddingRun, values: ArrayLike<number>, marks: [number, number]): AddingFlow {
  const T = values.length;
  const xs = Array.from({length: T}, (_, t) => mat(1, 2, "float32", Float32Array.of(values[t], t === marks[0] || t === marks[1] ? 1 : 0))); // x(t): (1, 2)
  const lc = lstm.model.cell as LstmCell;
  const {dc: lstmDc, dh: lstmDh, distance} = lstmGradientFlow(lc, lc.forward(xs), T, lstm.model.v.value.data);
  const rc = rnn.model.cell as RnnCell;
  const derivs = derivatives(rc.activation, rc.forward(xs).hs); // σ′(z(j)), j = 1…T
  const Wh = float64(rc.Wh.value);
  const rnnDh = new Float64Array(T);
  let g: Float64Array = Float64Array.from(rnn.model.v.value.data); // ∂ŷ/∂h(T)
  for (let d = 0; d < T; d++) {
    rnnDh[d] = Math.hypot(...g);
    if (d < T - 1) g = jacobianTransposeTimes(Wh, derivs, T - d - 1, T - d, g); // ∂ŷ/∂h(T−d−1)
  }
  return {distance, lstmDc, lstmDh, rnnDh};
}
