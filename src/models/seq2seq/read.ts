/**
 * What the page shows of one input, read from a model with greedy decoding: the translation with
 * its alignment matrix, and the numbers of one decoding step in the order they are computed:
 *   e_{t,i} = align(s_{t−1}, h_i) → α_{t,i} = softmax_i(e_{t,·}) → c_t = Σ_i α_{t,i} h_i
 *   → s_t = f(s_{t−1}, [y_{t−1}; c_t]) → p(y_t) = softmax(W_o [s_t; c_t] + b_o)
 */
import {softmax} from "../../engine/index.js";
import {greedy} from "./decode.js";
import type {Seq2seq} from "./model.js";
import type {Task} from "./task.js";
import {START} from "./vocab.js";

export interface Reading {
  /** The source tokens (characters, then <end>) and the written ones (up to and including <end>). */
  srcTokens: string[];
  outTokens: string[];
  output: string;
  /** α, row-major (outTokens.length × srcTokens.length); null for the fixed variant. */
  alignment: Float32Array | null;
}

export interface StepNumbers {
  t: number;
  /** y_{t−1}, the token fed in (<start> at t = 0), and y_t, the argmax written. */
  prevToken: string;
  token: string;
  /** e_{t,·} and α_{t,·} over the source tokens; null for the fixed variant. */
  scores: Float32Array | null;
  alpha: Float32Array | null;
  /** c_t (D), s_{t−1} and s_t (H). */
  context: Float32Array;
  prevState: Float32Array;
  state: Float32Array;
  /** p(y_t = k) over the target vocabulary. */
  probs: Float32Array;
}

function srcIds(task: Task, text: string): Int32Array[] {
  return task.src.encode(text).map((id) => Int32Array.of(id));
}

/** Greedy decoding of one (valid, normalised) source. */
function run(model: Seq2seq, task: Task, text: string) {
  return greedy(model, srcIds(task, text), task.maxTargetLength(text.length) + 2);
}

export function readTranslation(model: Seq2seq, task: Task, text: string): Reading {
  const {steps, ys} = run(model, task, text);
  const srcTokens = task.src.encode(text).map((id) => task.src.tokens[id]);
  const outIds = ys.map((y) => y[0]);
  const n = srcTokens.length;
  let alignment: Float32Array | null = null;
  if (model.config.variant === "attention") {
    alignment = new Float32Array(steps.length * n);
    steps.forEach((st, t) => alignment!.set(st.alpha!.data, t * n));
  }
  return {srcTokens, outTokens: outIds.map((id) => task.tgt.tokens[id]), output: task.tgt.decode(outIds), alignment};
}

/** The numbers of decoding step t (0-based), or null past the last step written. */
export function readStep(model: Seq2seq, task: Task, text: string, t: number): StepNumbers | null {
  const {encoded, steps, ys} = run(model, task, text);
  if (!Number.isInteger(t) || t < 0 || t >= steps.length) return null;
  const st = steps[t];
  const prev = t === 0 ? START : ys[t - 1][0];
  const f32 = (a: ArrayLike<number>) => Float32Array.from(a);
  const probs = new Float32Array(st.logits.cols); // p(y_t): (V)
  softmax(st.logits.data, probs);
  return {
    t,
    prevToken: task.tgt.tokens[prev],
    token: task.tgt.tokens[ys[t][0]],
    scores: st.score ? f32(st.score.e.data) : null,
    alpha: st.alpha ? f32(st.alpha.data) : null,
    context: f32(st.c.data),
    prevState: f32(t === 0 ? encoded.s0.data : steps[t - 1].s.data),
    state: f32(st.s.data),
    probs
  };
}

