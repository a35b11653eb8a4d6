/**
 * Reading a text with a trained character model, for the page's heatmap and hover: at every
 * step t = 1…n the model reads character t and gives
 *   h(t)        its hidden state (H numbers)
 *   ŷ(t)        its distribution over character t + 1 (V numbers)
 *   J(t) = −log ŷ(t)_{c(t+1)}   its surprise at the character that does come next (none after the last).
 * The state starts from zero at the first character.
 */
import {crossEntropyLogits, mat, row} from "../engine/index.js";
import type {CharLM} from "./char-lm.js";
import type {Trace} from "./recurrent.js";

export interface Reading {
  /** The text's characters (code points) and their ids (0 for characters the model has not seen). */
  chars: string[];
  ids: Int32Array;
  /** Row t−1 is h(t): (n, H) row-major. */
  states: Float32Array;
  /** Row t−1 is ŷ(t), the distribution over the next character: (n, V) row-major. */
  probs: Float32Array;
  /** J(t) in nats; NaN at the last step, which has no next character. */
  losses: Float64Array;
  /** Mean of J(t) over the n − 1 steps with a next character (NaN when n < 2). */
  meanLoss: number;
}

export function readText<T extends Trace>(lm: CharLM<T>, text: string): Reading {
  const chars = Array.from(text);
  const n = chars.length, H = lm.cell.hiddenSize, V = lm.V;
  const ids = lm.vocab.encode(text);
  const states = new Float32Array(n * H); // (n, H)
  const probs = new Float32Array(n * V); // (n, V)
  const losses = new Float64Array(n).fill(NaN);
  if (n === 0) return {chars, ids, states, probs, losses, meanLoss: NaN};
  const trace = lm.forward(ids, n, 1); // T = n, B = 1
  states.set(trace.H.data);
  const p = mat(1, V, lm.dtype); // (1, V)
  let total = 0;
  for (let t = 0; t < n; t++) {
    const target = t + 1 < n ? ids[t + 1] : 0;
    const J = crossEntropyLogits(row(trace.logits, t), target, p.data);
    probs.set(p.data, t * V);
    if (t + 1 < n) {
      losses[t] = J;
      total += J;
    }
  }
  return {chars, ids, states, probs, losses, meanLoss: n > 1 ? total / (n - 1) : NaN};
}

/** The k most likely next characters at every step: ids and probabilities, (n, k) row-major. */
export function topK(probs: Float32Array, V: number, k: number): {ids: Int32Array; probs: Float32Array} {
  const n = probs.length / V, K = Math.min(k, V);
  const outIds = new Int32Array(n * K), outP = new Float32Array(n * K);
  const order = Array.from({length: V}, (_, i) => i);
  for (let t = 0; t < n; t++) {
    const p = probs.subarray(t * V, (t + 1) * V);
    order.sort((a, b) => p[b] - p[a] || a - b);
    for (let j = 0; j < K; j++) {
      outIds[t * K + j] = order[j];
      outP[t * K + j] = p[order[j]];
    }
  }
  return {ids: outIds, probs: outP};
}
