/**
 * The small model of chapter 7: embeddings, positions, one multi-head attention layer, two read-outs.
 *   X = E[symbol] + F[flag]         (B·n, d)     the symbol's embedding plus "is the key" (F: 2 × d)
 *   H = X + PE                      (B·n, d)
 *   M = MultiHead(H)                (B·n, d)     h heads of d/h, W_Q, W_K, W_V, W_O; padding masked
 *   R = H + M                       (B·n, d)
 *   Z_prev = R W_p + b_p,  Z_key = R W_k + b_k   (B·n, V) each
 *   J = CE(Z_prev, previous) + CE(Z_key, key)    (each a mean over the positions that ask)
 * `evaluate` takes a head mask: switch heads off and see which question's loss comes back.
 */
import type {DType, Mat, Param, Rng} from "../../engine/index.js";
import {mat, zeroGrads} from "../../engine/index.js";
import {Embedding} from "./embedding.js";
import {Linear} from "./linear.js";
import {maskedCrossEntropy} from "./masked-cross-entropy.js";
import {MultiHeadAttention, type MultiHeadCache} from "./multi-head.js";
import {makePositions, type PositionKind, type Positions} from "./positions.js";
import type {TwoQuestionsBatch} from "./two-questions-task.js";

export interface TwoQuestionsModelConfig {
  vocab: number;
  dModel: number;
  heads: number;
  maxLen: number;
  positions: PositionKind;
  dtype?: DType;
}

export interface TwoQuestionsForward {
  tokens: ArrayLike<number>;
  flags: ArrayLike<number>;
  seqLen: number;
  H: Mat; // (B·n, d)
  mha: MultiHeadCache; // per-head weights mha.heads[k].A: (B·n, n)
  R: Mat; // (B·n, d)
  Zprev: Mat; // (B·n, V)
  Zkey: Mat; // (B·n, V)
}

export interface TwoQuestionsLoss {
  loss: number;
  lossPrev: number;
  lossKey: number;
  accPrev: number;
  accKey: number;
}

export class TwoQuestionsModel {
  readonly symbols: Embedding;
  readonly flags: Embedding;
  readonly positions: Positions;
  readonly attention: MultiHeadAttention;
  readonly readPrev: Linear;
  readonly readKey: Linear;
  readonly params: Param[];
  readonly dtype: DType;

  constructor(readonly config: TwoQuestionsModelConfig, rng: Rng) {
    const {vocab, dModel, heads, maxLen, positions, dtype = "float32"} = config;
    this.dtype = dtype;
    this.symbols = new Embedding(vocab, dModel, rng, {dtype});
    this.flags = new Embedding(2, dModel, rng, {dtype});
    this.flags.E.name = "F";
    this.positions = makePositions(positions, maxLen, dModel, rng, dtype);
    this.attention = new MultiHeadAttention({dModel, heads, dtype}, rng);
    this.readPrev = new Linear(dModel, vocab, rng, {name: "_prev", dtype});
    this.readKey = new Linear(dModel, vocab, rng, {name: "_key", dtype});
    this.params = [...this.symbols.params, ...this.flags.params, ...this.positions.params, ...this.attention.params, ...this.readPrev.params, ...this.readKey.params];
  }

  forward(tokens: ArrayLike<number>, flags: ArrayLike<number>, seqLen: number, lengths?: number[], headMask?: ArrayLike<number>): TwoQuestionsForward {
    const X = this.symbols.forward(tokens); // E[symbol]: (B·n, d)
    const Fx = this.flags.forward(flags); // F[flag]: (B·n, d)
    for (let i = 0; i < X.data.length; i++) X.data[i] += Fx.data[i];
    const H = this.positions.forward(X, seqLen); // (B·n, d)
    const mha = this.attention.forward(H, seqLen, {lengths, headMask});
    const R = mat(H.rows, H.cols, this.dtype); // H + M: (B·n, d)
    for (let i = 0; i < R.data.length; i++) R.data[i] = H.data[i] + mha.Y.data[i];
    return {tokens, flags, seqLen, H, mha, R, Zprev: this.readPrev.forward(R), Zkey: this.readKey.forward(R)};
  }

  backward(f: TwoQuestionsForward, dZprev: Mat, dZkey: Mat): void {
    const dR = this.readPrev.backward(f.R, dZprev); // (B·n, d)
    const dRk = this.readKey.backward(f.R, dZkey);
    for (let i = 0; i < dR.data.length; i++) dR.data[i] += dRk.data[i];
    const {dX: dH} = this.attention.backward(f.mha, dR); // through M: (B·n, d)
    for (let i = 0; i < dH.data.length; i++) dH.data[i] += dR.data[i]; // + the residual path
    const dX = this.positions.backward(dH, f.seqLen);
    this.symbols.backward(f.tokens, dX);
    this.flags.backward(f.flags, dX);
  }

  private losses(f: TwoQuestionsForward, b: TwoQuestionsBatch, dZprev?: Mat, dZkey?: Mat): TwoQuestionsLoss {
    const p = maskedCrossEntropy(f.Zprev, b.previous, dZprev);
    const k = maskedCrossEntropy(f.Zkey, b.key, dZkey);
    return {loss: p.loss + k.loss, lossPrev: p.loss, lossKey: k.loss, accPrev: p.correct / Math.max(1, p.count), accKey: k.correct / Math.max(1, k.count)};
  }

  lossAndGrads(b: TwoQuestionsBatch): TwoQuestionsLoss {
    zeroGrads(this.params);
    const f = this.forward(b.tokens, b.flags, b.seqLen, b.lengths);
    const dZprev = mat(f.Zprev.rows, f.Zprev.cols, this.dtype), dZkey = mat(f.Zkey.rows, f.Zkey.cols, this.dtype);
    const r = this.losses(f, b, dZprev, dZkey);
    this.backward(f, dZprev, dZkey);
    return r;
  }

  /** Losses without gradients; headMask[k] = 0 switches head k off. */
  evaluate(b: TwoQuestionsBatch, headMask?: ArrayLike<number>): TwoQuestionsLoss {
    return this.losses(this.forward(b.tokens, b.flags, b.seqLen, b.lengths, headMask), b);
  }
}
