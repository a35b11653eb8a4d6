/**
 * An encoder–decoder (Cho et al. 2014; Sutskever et al. 2014) in two variants that share everything
 * but the context c_t the decoder reads at step t:
 *   fixed:      c_t = h_last = [→h_n; ←h_1]                        the same vector at every step
 *   attention:  c_t = Σ_i α_{t,i} h_i,  α_{t,i} = softmax_i(align(s_{t−1}, h_i))   (Bahdanau et al. 2015)
 * The decoder (both variants):
 *   s_0 = tanh(W_s h_last + b_s)
 *   s_t = f(s_{t−1}, [y_{t−1}; c_t])                         f: a GRU or vanilla RNN cell
 *   p(y_t | y_<t, x) = softmax(W_o [s_t; c_t] + b_o)
 * Shapes: B sequences, n source positions, V target tokens, H = D = `hidden` (decoder state size =
 * annotation size), so every score function, dot included, applies. dX is ∂L/∂X.
 */
import type {DType, Mat, Param, Rng} from "../../engine/index.js";
import {addRowVector, glorotUniform, mat, matmul, param, sumRowsInto} from "../../engine/index.js";
import type {RecurrentCell, Trace} from "../recurrent.js";
import {attend, attendBackward} from "./attention.js";
import type {CellKind} from "./cell.js";
import {makeCell} from "./cell.js";
import {addIntoCols, concatCols, oneHot, sliceCols} from "./cols.js";
import type {EncoderTrace} from "./encoder.js";
import {Encoder} from "./encoder.js";
import type {Score, ScoreKind, ScoreStep} from "./scores.js";
import {makeScore} from "./scores.js";

export type Variant = "fixed" | "attention";

export interface Seq2seqConfig {
  variant: Variant;
  score: ScoreKind;
  cell: CellKind;
  srcVocab: number;
  tgtVocab: number;
  /** H: the decoder state's size and each annotation h_i's size. */
  hidden: number;
  /** A: the size of the additive score's hidden layer. */
  attentionSize: number;
  bidirectional: boolean;
  dtype: DType;
}

/** The source read once: annotations, keys for the score, and the decoder's first state. */
export interface Encoded {
  enc: EncoderTrace;
  keys: Mat[] | null;
  /** s_0: (B, H). */
  s0: Mat;
}

/** Everything one decoder step computed, kept for its backward pass and for display. */
export interface DecoderStep {
  score: ScoreStep | null;
  /** α_t: (B, n), null for the fixed variant. */
  alpha: Mat | null;
  /** c_t: (B, D). */
  c: Mat;
  cell: Trace;
  /** s_t: (B, H). */
  s: Mat;
  /** [s_t; c_t]: (B, H + D). */
  o: Mat;
  /** W_o [s_t; c_t] + b_o: (B, V). */
  logits: Mat;
}

export class Seq2seq {
  readonly config: Seq2seqConfig;
  readonly encoder: Encoder;
  readonly cell: RecurrentCell;
  readonly score: Score | null;
  readonly Ws: Param; // (H, D)
  readonly bs: Param; // (1, H)
  readonly Wo: Param; // (V, H + D)
  readonly bo: Param; // (1, V)
  readonly params: Param[];

  constructor(config: Seq2seqConfig, rng: Rng) {
    const {hidden: H, tgtVocab: V, dtype} = config;
    this.config = config;
    this.encoder = new Encoder(config.cell, config.srcVocab, H, config.bidirectional, dtype, rng);
    this.cell = makeCell(config.cell, "dec", V + H, H, dtype, rng);
    this.Ws = glorotParam("W_s", H, H, dtype, rng);
    this.bs = param("b_s", 1, H, dtype);
    this.Wo = glorotParam("W_o", V, 2 * H, dtype, rng);
    this.bo = param("b_o", 1, V, dtype);
    // Drawn last, so both variants built from one seed start with the same shared weights.
    this.score = config.variant === "attention" ? makeScore(config.score, H, H, config.attentionSize, dtype, rng) : null;
    this.params = [...this.encoder.params, ...(this.score?.params ?? []), this.Ws, this.bs, ...this.cell.params, this.Wo, this.bo];
  }

  /** Reads the source (ids by position, each (B)) and makes s_0. */
  encode(src: Int32Array[]): Encoded {
    const {srcVocab, dtype} = this.config;
    const enc = this.encoder.forward(src.map((ids) => oneHot(ids, srcVocab, dtype))); // h_i: (B, D)
    const s0 = matmul(enc.last, this.Ws.value, mat(enc.last.rows, this.config.hidden, dtype), {transB: true}); // (B, H)
    addRowVector(s0, this.bs.value.data);
    for (let j = 0; j < s0.data.length; j++) s0.data[j] = Math.tanh(s0.data[j]); // s_0 = tanh(W_s h_last + b_s)
    return {enc, keys: this.score ? this.score.keys(enc.hs) : null, s0};
  }

  /** One decoder step from s_{t−1} (B, H) and the previous tokens y_{t−1} (B). */
  step(e: Encoded, sPrev: Mat, yPrev: Int32Array): DecoderStep {
    const {tgtVocab: V, dtype} = this.config;
    let score: ScoreStep | null = null, alpha: Mat | null = null, c: Mat;
    if (this.score && e.keys) {
      score = this.score.step(sPrev, e.keys); // e_{t,i}: (B, n)
      ({alpha, c} = attend(score.e, e.enc.hs)); // α_t: (B, n), c_t: (B, D)
    } else {
      c = e.enc.last; // c_t = h_last: (B, D)
    }
    const x = concatCols(oneHot(yPrev, V, dtype), c); // [y_{t−1}; c_t]: (B, V + D)
    const cell = this.cell.forward([x], sPrev);
    const s = cell.hs[0]; // s_t: (B, H)
    const o = concatCols(s, c); // [s_t; c_t]: (B, H + D)
    const logits = matmul(o, this.Wo.value, mat(o.rows, V, dtype), {transB: true}); // (B, V)
    addRowVector(logits, this.bo.value.data);
    return {score, alpha, c, cell, s, o, logits};
  }

  /** Backpropagates dlogits[t] (B, V) for every step through the decoder and the encoder. */
  backward(e: Encoded, steps: DecoderStep[], dlogits: Mat[]): void {
    const {hidden: H, tgtVocab: V, dtype} = this.config;
    const {hs, last} = e.enc;
    const B = last.rows;
    const dhs = hs.map(() => mat(B, H, dtype)); // dh_i: (B, D)
    const dkeys = e.keys ? e.keys.map((k) => mat(B, k.cols, dtype)) : null; // dk_i: (B, K)
    const dlast = mat(B, H, dtype); // dh_last: (B, D)
    let dsNext = mat(B, H, dtype); // ∂L/∂s_t through step t+1
    for (let t = steps.length - 1; t >= 0; t--) {
      const st = steps[t], dz = dlogits[t];
      matmul(dz, st.o, this.Wo.grad, {transA: true, accumulate: true}); // dW_o += dzᵀ [s_t; c_t]: (V, H + D)
      sumRowsInto(dz, this.bo.grad.data); // db_o += Σ_b dz
      const dO = matmul(dz, this.Wo.value, mat(B, 2 * H, dtype)); // d[s_t; c_t] = dz W_o: (B, H + D)
      const ds = addIntoCols(sliceCols(dO, 0, H), dsNext, 0); // ds_t: (B, H)
      const dc = sliceCols(dO, H, H); // dc_t: (B, D)
      const {dxs, dh0} = this.cell.backward(st.cell, [ds]); // d[y_{t−1}; c_t]: (B, V + D), ds_{t−1}: (B, H)
      addIntoCols(dc, sliceCols(dxs[0], V, H), 0);
      if (this.score && st.alpha && st.score && dkeys) {
        const de = attendBackward(st.alpha, hs, dc, dhs); // de_t: (B, n)
        addIntoCols(dh0, st.score.backward(de, dkeys), 0); // ds_{t−1} += ∂e/∂s_{t−1}
      } else {
        addIntoCols(dlast, dc, 0); // dh_last += dc_t
      }
      dsNext = dh0;
    }
    // s_0 = tanh(W_s h_last + b_s):  da = ds_0 ⊙ (1 − s_0²)
    const da = mat(B, H, dtype); // (B, H)
    for (let j = 0; j < da.data.length; j++) da.data[j] = dsNext.data[j] * (1 - e.s0.data[j] ** 2);
    matmul(da, last, this.Ws.grad, {transA: true, accumulate: true}); // dW_s += daᵀ h_last: (H, D)
    sumRowsInto(da, this.bs.grad.data);
    matmul(da, this.Ws.value, dlast, {accumulate: true}); // dh_last += da W_s: (B, D)
    if (this.score && dkeys) this.score.keysBackward(hs, dkeys, dhs);
    this.encoder.backward(e.enc, dhs, dlast);
  }
}

function glorotParam(name: string, rows: number, cols: number, dtype: DType, rng: Rng): Param {
  const p = param(name, rows, cols, dtype);
  glorotUniform(p.value, rng);
  return p;
}
