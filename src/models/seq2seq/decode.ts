/**
 * Greedy decoding, as the model is read: y_t = argmax_k p(y_t = k | y_<t, x), fed back as the next
 * input, until every sequence has written <end> or `maxSteps` steps have run.
 */
import type {Mat} from "../../engine/index.js";
import type {DecoderStep, Encoded, Seq2seq} from "./model.js";
import {END, START} from "./vocab.js";

export interface Greedy {
  encoded: Encoded;
  steps: DecoderStep[];
  /** y_t per step, each (B). */
  ys: Int32Array[];
}

export function argmaxRow(m: Mat, b: number): number {
  let best = 0;
  for (let k = 1; k < m.cols; k++) if (m.data[b * m.cols + k] > m.data[b * m.cols + best]) best = k;
  return best;
}

export function greedy(model: Seq2seq, src: Int32Array[], maxSteps: number): Greedy {
  const B = src[0].length;
  const encoded = model.encode(src);
  const steps: DecoderStep[] = [];
  const ys: Int32Array[] = [];
  const done = new Uint8Array(B);
  let y = new Int32Array(B).fill(START);
  let s = encoded.s0;
  for (let t = 0; t < maxSteps && done.some((d) => !d); t++) {
    const st = model.step(encoded, s, y);
    y = Int32Array.from({length: B}, (_, b) => argmaxRow(st.logits, b));
    for (let b = 0; b < B; b++) if (y[b] === END) done[b] = 1;
    steps.push(st);
    ys.push(y);
    s = st.s;
  }
  return {encoded, steps, ys};
}

/** The ids sequence b wrote, up to and including its <end> (if it wrote one). */
export function written(ys: Int32Array[], b: number): number[] {
  const out: number[] = [];
  for (const y of ys) {
    out.push(y[b]);
    if (y[b] === END) break;
  }
  return out;
}
