/**
 * A character language model on top of any recurrent cell (chapter 1; the LSTM of chapter 3 too):
 *   x(t) = onehot(c(t))  or  E[c(t)]         input: one-hot (V) or a learnt embedding row (D)
 *   h(t) = cell(h(t−1), x(t))                 (B, H)
 *   ŷ(t) = softmax(W_y h(t) + b_y)            next-character distribution, (B, V)
 *   J = (1 / T·B) Σ_t Σ_b CE(y(t), ŷ(t)),  CE = −log ŷ_{c(t+1)}   in nats per character
 * Minimising J is maximising the likelihood of the text (the cross-entropy of the notes).
 * Backward (dX is ∂J/∂X):
 *   dlogits = (ŷ − onehot(c(t+1))) / (T·B)
 *   dW_y += dlogitsᵀ h;  db_y += Σ dlogits;  dh(t) = dlogits W_y   → the cell's BPTT
 *   dE[c(t)] += dx(t)   (embedding only)
 *
 * Batches: `ids` and `targets` hold T·B ids, step-major (entry t·B + b is sequence b at step t),
 * the same row order as the stacked (T·B, ·) matrices below.
 */
import type {DType, Mat, Param, Rng} from "../engine/index.js";
import {addRowVector, crossEntropyLogits, glorotUniform, mat, matmul, normalInit, param, row, sumRowsInto} from "../engine/index.js";
import type {Vocab} from "../text/vocab.js";
import type {RecurrentCell, Trace} from "./recurrent.js";

/** What a cell continues from: [h] for the vanilla cell, [h, c] for the LSTM; passed to forward after xs. */
export type CellState = Mat[];

/** The state after the last step of a trace: [h(T)] by default. An LSTM passes (tr) => [h(T), c(T)]. */
export type Carry<T extends Trace> = (trace: T) => CellState;

export const carryH = (trace: Trace): CellState => (trace.hs.length ? [trace.hs[trace.hs.length - 1]] : []);

/** The states as one (T·B, H) matrix without copying, when the cell keeps them in one buffer in order. */
function stacked(hs: Mat[]): Mat | null {
  if (!hs.length) return null;
  const first = hs[0].data, n = first.length;
  for (let t = 1; t < hs.length; t++) {
    const d = hs[t].data;
    if (d.buffer !== first.buffer || d.byteOffset !== first.byteOffset + t * n * first.BYTES_PER_ELEMENT || d.length !== n) return null;
  }
  const Kind = first instanceof Float64Array ? Float64Array : Float32Array;
  const data = new Kind(first.buffer as ArrayBuffer, first.byteOffset, n * hs.length);
  return mat(hs.length * hs[0].rows, hs[0].cols, undefined, data);
}

export interface CharLMOptions<T extends Trace> {
  /** Embedding size D; 0 or omitted: one-hot inputs (the cell's inputSize must then be V). */
  embed?: number;
  dtype?: DType;
  carry?: Carry<T>;
}

export interface LMTrace<T extends Trace> {
  T: number;
  B: number;
  ids: Int32Array;
  cell: T;
  /** h(1)…h(T) stacked, (T·B, H); logits W_y h + b_y, (T·B, V). */
  H: Mat;
  logits: Mat;
}

export class CharLM<T extends Trace = Trace> {
  readonly cell: RecurrentCell<T>;
  readonly vocab: Vocab;
  readonly V: number;
  readonly dtype: DType;
  /** The embedding table E (V, D), or null for one-hot inputs. */
  readonly E: Param | null;
  readonly Wy: Param; // (V, H)
  readonly by: Param; // (1, V)
  readonly params: Param[];
  readonly carry: Carry<T>;
  /** Buffers that never leave a call (∂J/∂logits, ∂J/∂h), reused from one training step to the next. */
  private readonly scratch = new Map<string, Mat>();

  constructor(cell: RecurrentCell<T>, vocab: Vocab, {embed = 0, dtype = "float32", carry = carryH}: CharLMOptions<T>, rng: Rng) {
    const V = vocab.size, H = cell.hiddenSize, D = embed > 0 ? embed : V;
    if (cell.inputSize !== D) {
      throw new Error(`CharLM: the cell takes inputs of size ${cell.inputSize}, the ${embed > 0 ? "embedding" : "one-hot vocabulary"} gives ${D}`);
    }
    this.cell = cell;
    this.vocab = vocab;
    this.V = V;
    this.dtype = dtype;
    this.carry = carry;
    this.E = embed > 0 ? param("E", V, D, dtype) : null; // (V, D)
    if (this.E) normalInit(this.E.value, rng, 1 / Math.sqrt(D)); // rows of norm about 1, like a one-hot
    this.Wy = param("W_y", V, H, dtype);
    this.by = param("b_y", 1, V, dtype);
    glorotUniform(this.Wy.value, rng);
    this.params = [...(this.E ? [this.E] : []), ...cell.params, this.Wy, this.by];
  }

  /** A zeroed (rows, cols) buffer kept under `name` for calls that do not hand it out. */
  private buffer(name: string, rows: number, cols: number): Mat {
    let m = this.scratch.get(name);
    if (!m || m.rows !== rows || m.cols !== cols) this.scratch.set(name, (m = mat(rows, cols, this.dtype)));
    else m.data.fill(0);
    return m;
  }

  /** x(t) for every id: (T·B, D) stacked, split into T matrices of (B, D). */
  inputs(ids: Int32Array, T: number, B: number): Mat[] {
    const D = this.cell.inputSize;
    const X = mat(T * B, D, this.dtype); // (T·B, D)
    for (let r = 0; r < T * B; r++) {
      if (this.E) X.data.set(row(this.E.value, ids[r]), r * D); // x = E[c]
      else X.data[r * D + ids[r]] = 1; // x = onehot(c)
    }
    return Array.from({length: T}, (_, t) => mat(B, D, this.dtype, X.data.subarray(t * B * D, (t + 1) * B * D)));
  }

  /** Runs the model over T·B ids from `state` (zeros when omitted). */
  forward(ids: Int32Array, T: number, B: number, state: CellState = []): LMTrace<T> {
    if (ids.length !== T * B) throw new Error(`CharLM.forward: ${ids.length} ids for T=${T}, B=${B}`);
    const H = this.cell.hiddenSize;
    const run = this.cell.forward.bind(this.cell) as (xs: Mat[], ...state: Mat[]) => T;
    const cell = run(this.inputs(ids, T, B), ...state);
    const view = stacked(cell.hs);
    const Hs = view ?? mat(T * B, H, this.dtype); // h(1)…h(T): (T·B, H)
    if (!view) cell.hs.forEach((h, t) => Hs.data.set(h.data, t * B * H));
    const logits = matmul(Hs, this.Wy.value, mat(T * B, this.V, this.dtype), {transB: true}); // h W_yᵀ: (T·B, V)
    addRowVector(logits, this.by.value.data); // + b_y
    return {T, B, ids, cell, H: Hs, logits};
  }

  /** J in nats per character; writes ∂J/∂logits into dlogits (T·B, V) when given, probabilities into probs. */
  loss(trace: LMTrace<T>, targets: Int32Array, dlogits?: Mat, probs?: Mat): number {
    const n = trace.T * trace.B;
    let total = 0;
    for (let r = 0; r < n; r++) {
      total += crossEntropyLogits(row(trace.logits, r), targets[r], probs && row(probs, r), dlogits && row(dlogits, r));
    }
    if (dlogits) for (let i = 0; i < dlogits.data.length; i++) dlogits.data[i] /= n; // mean over T·B
    return total / n;
  }

  /** Adds every parameter's gradient from ∂J/∂logits; returns ∂J/∂h(0) (the state is a constant in training). */
  backward(trace: LMTrace<T>, dlogits: Mat): Mat {
    const {T, B} = trace, H = this.cell.hiddenSize, D = this.cell.inputSize;
    matmul(dlogits, trace.H, this.Wy.grad, {transA: true, accumulate: true}); // dW_y += dlogitsᵀ h: (V, H)
    sumRowsInto(dlogits, this.by.grad.data); // db_y += Σ dlogits: (V)
    const dH = matmul(dlogits, this.Wy.value, this.buffer("dH", T * B, H)); // dh(t) = dlogits W_y: (T·B, H)
    const dhs = Array.from({length: T}, (_, t) => mat(B, H, this.dtype, dH.data.subarray(t * B * H, (t + 1) * B * H)));
    const grads = this.cell.backward(trace.cell, dhs);
    if (this.E) {
      const dE = this.E.grad.data;
      grads.dxs.forEach((dx, t) => {
        for (let b = 0; b < B; b++) {
          const o = trace.ids[t * B + b] * D;
          for (let j = 0; j < D; j++) dE[o + j] += dx.data[b * D + j]; // dE[c(t)] += dx(t)
        }
      });
    }
    return grads.dh0;
  }

  /** One forward and backward pass: adds the gradients of J and returns J and the state to carry on from. */
  lossAndGrad(ids: Int32Array, targets: Int32Array, T: number, B: number, state: CellState = []): {loss: number; state: CellState} {
    const trace = this.forward(ids, T, B, state);
    const dlogits = this.buffer("dlogits", T * B, this.V); // (T·B, V)
    const loss = this.loss(trace, targets, dlogits);
    this.backward(trace, dlogits);
    return {loss, state: this.carry(trace.cell)};
  }
}
