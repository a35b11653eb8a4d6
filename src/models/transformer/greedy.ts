/**
 * Greedy decoding: y_t = argmax_k p(y_t = k | y_<t, x), appended to the decoder's input, until every
 * sequence has written <end> or maxSteps have run. The encoder runs once; the decoder reruns on
 * the whole prefix each step (no key/value cache: at these lengths the plain loop is fast enough
 * and is the model exactly as trained). The last run, over the whole output, is returned: thanks
 * to the causal mask its rows are the same numbers each step saw, so its attention maps are the
 * ones the decoding used.
 */
import {END, START} from "../seq2seq/vocab.js";
import type {DecoderCache, EncoderCache, Transformer} from "./model.js";

export interface GreedyResult {
  /** Tokens written, (B·steps): sequence b in row b; after its <end>, <end> again. */
  ys: Int32Array;
  steps: number;
  enc: EncoderCache;
  /** The decoder over <start> y_1 … y_{steps−1}: (B·steps) rows. */
  dec: DecoderCache;
}

export function greedyDecode(model: Transformer, src: ArrayLike<number>, n: number, B: number, maxSteps: number, lengths?: ArrayLike<number>): GreedyResult {
  const enc = model.encode(src, n, lengths); // M: (B·n, d)
  let yIn = new Int32Array(B).fill(START); // (B·1)
  let ys = new Int32Array(0);
  let dec = model.decode(enc, yIn, 1);
  for (let t = 1; t <= maxSteps; t++) {
    if (t > 1) dec = model.decode(enc, yIn, t); // Z: (B·t, V)
    const Z = dec.out.logits, V = Z.cols;
    const next = new Int32Array(B * t); // (B·t)
    let finished = true;
    for (let b = 0; b < B; b++) {
      next.set(ys.subarray(b * (t - 1), (b + 1) * (t - 1)), b * t); // y_1 … y_{t−1} of sequence b
      const prev = t > 1 ? ys[b * (t - 1) + t - 2] : START;
      let best = 0;
      const o = (b * t + t - 1) * V;
      for (let k = 1; k < V; k++) if (Z.data[o + k] > Z.data[o + best]) best = k;
      const y = prev === END ? END : best;
      next[b * t + t - 1] = y;
      if (y !== END) finished = false;
    }
    ys = next;
    if (finished || t === maxSteps) return {ys, steps: t, enc, dec};
    const grown = new Int32Array(B * (t + 1)); // <start> y_1 … y_t: (B·(t+1))
    for (let b = 0; b < B; b++) {
      grown[b * (t + 1)] = START;
      grown.set(ys.subarray(b * t, (b + 1) * t), b * (t + 1) + 1);
    }
    yIn = grown;
  }
  return {ys, steps: 0, enc, dec};
}

/** The ids sequence b wrote, up to and including its first <end> (if it wrote one). */
export function writtenIds(g: GreedyResult, b: number): number[] {
  const out: number[] = [];
  for (let t = 0; t < g.steps; t++) {
    const y = g.ys[b * g.steps + t];
    out.push(y);
    if (y === END) break;
  }
  return out;
}
