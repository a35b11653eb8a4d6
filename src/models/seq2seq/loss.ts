/**
 * Training with teacher forcing: the decoder reads the true y_{t−1} at every step, and the loss is
 * the mean cross-entropy over the target tokens that are not <pad>:
 *   L = −(1/N) Σ_{b,t: y_t ≠ <pad>} log p(y_t | y_<t, x),   dz_t = (p_t − onehot(y_t)) / N
 */
import {crossEntropyLogits, mat, row} from "../../engine/index.js";
import type {Batch} from "./batch.js";
import type {DecoderStep, Encoded, Seq2seq} from "./model.js";
import {PAD} from "./vocab.js";

export interface LossResult {
  loss: number;
  /** Target tokens predicted right (argmax), and how many were scored. */
  correct: number;
  tokens: number;
}

/** The teacher-forced forward pass: the encoding and every decoder step. */
export function teacherForced(model: Seq2seq, batch: Batch): {encoded: Encoded; steps: DecoderStep[]} {
  const encoded = model.encode(batch.src);
  const steps: DecoderStep[] = [];
  let s = encoded.s0;
  for (const y of batch.yIn) {
    const st = model.step(encoded, s, y);
    steps.push(st);
    s = st.s;
  }
  return {encoded, steps};
}

/** L for `batch`; with `backward`, also adds ∂L/∂θ into every param's grad (the caller zeroes them). */
export function lossOn(model: Seq2seq, batch: Batch, backward = true): LossResult {
  const {encoded, steps} = teacherForced(model, batch);
  const {tgtVocab: V, dtype} = model.config;
  let tokens = 0;
  for (const y of batch.yOut) for (const id of y) if (id !== PAD) tokens++;
  let total = 0, correct = 0;
  const dlogits = steps.map((st, t) => {
    const dz = mat(batch.size, V, dtype); // dz_t: (B, V)
    for (let b = 0; b < batch.size; b++) {
      const y = batch.yOut[t][b];
      if (y === PAD) continue;
      const z = row(st.logits, b), g = row(dz, b);
      total += crossEntropyLogits(z, y, undefined, g);
      let best = 0;
      for (let k = 1; k < V; k++) if (z[k] > z[best]) best = k;
      if (best === y) correct++;
      for (let k = 0; k < V; k++) g[k] /= tokens;
    }
    return dz;
  });
  if (backward) model.backward(encoded, steps, dlogits);
  return {loss: total / tokens, correct, tokens};
}
