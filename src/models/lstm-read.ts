/**
 * What the LSTM page shows of a character model reading a text (B = 1, state from zero):
 *   every gate f(t), i(t), c̃(t), o(t), the cell c(t) and the state h(t), as (n, H) heatmaps,
 *   the most likely next characters at every step,
 *   and one step t taken apart in the page's order:
 *     forget    z_f = W_f h(t−1) + U_f x(t) + b_f,  f = σ(z_f)
 *     input     z_i = W_i h(t−1) + U_i x(t) + b_i,  i = σ(z_i)
 *     candidate z_c = W_c h(t−1) + U_c x(t) + b_c,  c̃ = tanh(z_c)
 *     cell      c(t) = f ⊙ c(t−1) + i ⊙ c̃            (kept: f ⊙ c(t−1), written: i ⊙ c̃)
 *     output    z_o = W_o h(t−1) + U_o x(t) + b_o,  o = σ(z_o),  h(t) = o ⊙ tanh c(t)
 * The stepper's numbers are recomputed from the named weights W_f, U_f, … (not read off the trace),
 * so they show the equations at work.
 */
import type {Activation, Mat} from "../engine/index.js";
import {activate, matvec} from "../engine/index.js";
import type {CharLM} from "./char-lm.js";
import {readText, topK} from "./char-read.js";
import type {Gate, LstmCell, LstmTrace} from "./lstm-cell.js";

export interface GateReading {
  /** The text's characters (code points); n of them. */
  chars: string[];
  /** Steps n and hidden size H; every array below is (n, H) row-major, row t−1 for step t. */
  n: number;
  H: number;
  f: Float32Array;
  i: Float32Array;
  cTilde: Float32Array;
  o: Float32Array;
  c: Float32Array;
  h: Float32Array;
  /** The k most likely next characters after each step: ids and probabilities, (n, k) row-major, most likely first. */
  k: number;
  topIds: Int32Array;
  topProbs: Float32Array;
  /** J(t) = −log ŷ(t) of the character that does come next, nats (NaN at the last step); their mean. */
  losses: Float32Array;
  meanLoss: number;
}

/** Steps of a trace (each (1, H)) as one (n, H) array. */
function rows(steps: Mat[], H: number): Float32Array {
  const out = new Float32Array(steps.length * H); // (n, H)
  steps.forEach((m, t) => out.set(m.data.subarray(0, H), t * H));
  return out;
}

export function readGates(lm: CharLM<LstmTrace>, text: string, k = 5): GateReading {
  const reading = readText(lm, text);
  const n = reading.chars.length, H = lm.cell.hiddenSize;
  const trace = n ? lm.forward(reading.ids, n, 1).cell : null;
  const get = (steps: Mat[] | undefined) => (steps ? rows(steps, H) : new Float32Array(0));
  const top = topK(reading.probs, lm.V, k);
  return {
    chars: reading.chars,
    n,
    H,
    f: get(trace?.f),
    i: get(trace?.i),
    cTilde: get(trace?.cTilde),
    o: get(trace?.o),
    c: get(trace?.c),
    h: get(trace?.hs),
    k: Math.min(k, lm.V),
    topIds: top.ids,
    topProbs: top.probs,
    losses: Float32Array.from(reading.losses),
    meanLoss: reading.meanLoss
  };
}

export type LstmStage =
  | {stage: "forget"; z: Float32Array; f: Float32Array}
  | {stage: "input"; z: Float32Array; i: Float32Array}
  | {stage: "candidate"; z: Float32Array; cTilde: Float32Array}
  | {stage: "cell"; kept: Float32Array; written: Float32Array; c: Float32Array}
  | {stage: "output"; z: Float32Array; o: Float32Array; tanhC: Float32Array; h: Float32Array};

export interface LstmStep {
  /** The step (1-based), the character read at it, and the one that follows (null at the end). */
  t: number;
  char: string;
  nextChar: string | null;
  /** What the step starts from, (H) each. */
  hPrev: Float32Array;
  cPrev: Float32Array;
  /** The five stages in the page's order: forget, input, candidate, cell, output. */
  stages: LstmStage[];
}

/** Step t (1 ≤ t ≤ n) of reading `text`, taken apart. */
export function stepNumbers(lm: CharLM<LstmTrace>, text: string, t: number): LstmStep {
  const chars = Array.from(text), n = chars.length;
  if (!(t >= 1 && t <= n)) throw new Error(`stepNumbers: step ${t} outside 1…${n}`);
  const cell = lm.cell as LstmCell, H = cell.hiddenSize;
  const ids = lm.vocab.encode(chars.slice(0, t).join(""));
  const trace = lm.forward(ids, t, 1).cell; // reads characters 1…t
  const x = lm.inputs(ids.subarray(t - 1, t), 1, 1)[0].data; // x(t): (I)
  const hPrev = Float32Array.from(t > 1 ? trace.hs[t - 2].data : new Float32Array(H)); // h(t−1): (H)
  const cPrev = Float32Array.from(t > 1 ? trace.c[t - 2].data : new Float32Array(H)); // c(t−1): (H)
  const z = (g: Gate): Float32Array => {
    const out = new Float32Array(H); // z_g: (H)
    matvec(cell.get(`W_${g}`).value, hPrev, out); // W_g h(t−1)
    matvec(cell.get(`U_${g}`).value, x, out, true); // + U_g x(t)
    const b = cell.get(`b_${g}`).value.data;
    for (let j = 0; j < H; j++) out[j] += b[j]; // + b_g
    return out;
  };
  const zf = z("f"), zi = z("i"), zc = z("c"), zo = z("o");
  const apply = (fn: Activation, zg: Float32Array) => {
    const out = new Float32Array(H); // (H)
    activate(fn, zg, out);
    return out;
  };
  const f = apply("sigmoid", zf), i = apply("sigmoid", zi), cTilde = apply("tanh", zc), o = apply("sigmoid", zo);
  const kept = f.map((fj, j) => fj * cPrev[j]); // f ⊙ c(t−1)
  const written = i.map((ij, j) => ij * cTilde[j]); // i ⊙ c̃
  const c = kept.map((kj, j) => kj + written[j]); // c(t)
  const tanhC = apply("tanh", c);
  const h = o.map((oj, j) => oj * tanhC[j]); // h(t) = o ⊙ tanh c(t)
  return {
    t,
    char: chars[t - 1],
    nextChar: t < n ? chars[t] : null,
    hPrev,
    cPrev,
    stages: [
      {stage: "forget", z: zf, f},
      {stage: "input", z: zi, i},
      {stage: "candidate", z: zc, cTilde},
      {stage: "cell", kept, written, c},
      {stage: "output", z: zo, o, tanhC, h}
    ]
  };
}
