/**
 * The numbers of one step of the chapter-1 model, for the page's equation stepper, in the order of
 * the equations (recomputed in float64 from the weights; h(t−1) comes from reading the text):
 *   z(t) = W_h h(t−1) + W_x x(t) + b,   h(t) = σ(z(t)),
 *   logits = W_y h(t) + b_y,   ŷ = softmax(logits),   J(t) = −log ŷ_{c(t+1)}
 */
import {activate, crossEntropyLogits, mat, matvec, row} from "../engine/index.js";
import type {CharLM} from "./char-lm.js";
import {readText} from "./char-read.js";
import type {RnnCell, RnnTrace} from "./rnn-cell.js";

export interface StepNumbers {
  /** 1-based: the step that reads character t of the text (of T). */
  t: number;
  T: number;
  char: string;
  /** The character that follows, or null at the last step. */
  nextChar: string | null;
  x: number[];
  hPrev: number[];
  Whh: number[];
  Wxx: number[];
  b: number[];
  z: number[];
  h: number[];
  logits: number[];
  probs: number[];
  /** The id of the next character and J(t) in nats (null at the last step). */
  target: number | null;
  loss: number | null;
}

const f64 = (a: ArrayLike<number>) => Float64Array.from(a);

export function stepNumbers(lm: CharLM<RnnTrace>, cell: RnnCell, text: string, t: number): StepNumbers {
  const reading = readText(lm, text);
  const T = reading.chars.length, H = cell.hiddenSize, V = lm.V;
  if (T === 0) throw new Error("stepNumbers: the text is empty");
  if (!Number.isInteger(t) || t < 1 || t > T) throw new Error(`stepNumbers: t must be a whole number from 1 to ${T}, not ${t}`);
  const id = reading.ids[t - 1];
  const x = new Float64Array(cell.inputSize); // x(t): (D)
  if (lm.E) x.set(row(lm.E.value, id));
  else x[id] = 1;
  const hPrev = t > 1 ? f64(reading.states.subarray((t - 2) * H, (t - 1) * H)) : new Float64Array(H); // h(t−1): (H)
  const as64 = (p: {value: {rows: number; cols: number; data: ArrayLike<number>}}) => mat(p.value.rows, p.value.cols, "float64", f64(p.value.data));
  const Whh = matvec(as64(cell.Wh), hPrev, new Float64Array(H)); // W_h h(t−1): (H)
  const Wxx = matvec(as64(cell.Wx), x, new Float64Array(H)); // W_x x(t): (H)
  const b = f64(cell.b.value.data);
  const z = Whh.map((v, i) => v + Wxx[i] + b[i]); // z(t): (H)
  const h = activate(cell.activation, z, new Float64Array(H)); // h(t): (H)
  const logits = matvec(as64(lm.Wy), h, new Float64Array(V)).map((v, i) => v + lm.by.value.data[i]); // (V)
  const probs = new Float64Array(V);
  const target = t < T ? reading.ids[t] : null;
  const loss = crossEntropyLogits(logits, target ?? 0, probs);
  return {
    t,
    T,
    char: reading.chars[t - 1],
    nextChar: t < T ? reading.chars[t] : null,
    x: Array.from(x),
    hPrev: Array.from(hPrev),
    Whh: Array.from(Whh),
    Wxx: Array.from(Wxx),
    b: Array.from(b),
    z: Array.from(z),
    h: Array.from(h),
    logits: Array.from(logits),
    probs: Array.from(probs),
    target,
    loss: target === null ? null : loss
  };
}
