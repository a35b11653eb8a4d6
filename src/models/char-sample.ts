/**
 * Sampling text from a character model, one character at a time:
 *   p = softmax(logits / τ),  c(t+1) ~ p,  then c(t+1) is fed back as the next input.
 * τ < 1 sharpens the distribution (safer, more repetitive text), τ > 1 flattens it; τ = 0 takes the
 * most likely character every time. The prompt is read first to set the state.
 */
import type {Rng} from "../engine/index.js";
import {alloc, row, softmax} from "../engine/index.js";
import type {CellState, CharLM} from "./char-lm.js";
import type {Trace} from "./recurrent.js";

export interface SampleOptions {
  /** Text read before sampling; empty: a newline if the vocabulary has one, else its first character. */
  prompt?: string;
  /** Characters to generate. */
  length: number;
  /** τ ≥ 0. */
  temperature: number;
  rng: Rng;
}

/** The index of the largest entry. */
function argmax(p: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
  return best;
}

/** Generated text (without the prompt) and the ids it was drawn as. */
export function sample<T extends Trace>(lm: CharLM<T>, {prompt = "", length, temperature, rng}: SampleOptions): {text: string; ids: Int32Array; prompt: string} {
  const start = prompt || (lm.vocab.has("\n") ? "\n" : lm.vocab.chars[1] ?? "");
  let ids = lm.vocab.encode(start);
  let trace = lm.forward(ids, ids.length, 1); // read the prompt: T = |prompt|, B = 1
  let state: CellState = lm.carry(trace.cell);
  const out = new Int32Array(Math.max(0, Math.floor(length)));
  const p = alloc(lm.V); // (V)
  for (let i = 0; i < out.length; i++) {
    const logits = row(trace.logits, trace.T - 1); // the last step's logits: (V)
    const next = temperature > 0 ? rng.categorical(softmax(logits, p, temperature)) : argmax(logits);
    out[i] = next;
    ids = Int32Array.of(next);
    trace = lm.forward(ids, 1, 1, state); // one step: (1, V)
    state = lm.carry(trace.cell);
  }
  return {text: lm.vocab.decode(out), ids: out, prompt: start};
}
