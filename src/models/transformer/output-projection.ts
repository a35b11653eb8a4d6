/**
 * The pre-softmax linear layer: logits over the vocabulary for every position.
 *   tied:      Z = X Eᵀ          (the paper shares E with the embedding, §3.4; Press & Wolf, 2017)
 *   separate:  Z = X W_out + b
 * Backward (dX is ∂L/∂X):
 *   tied:      dE += dZᵀ X;   dX = dZ E
 *   separate:  dW_out += Xᵀ dZ;  db += Σ_rows dZ;  dX = dZ W_outᵀ
 * With tying, E receives gradient from both ends of the model; its Param is the embedding's own.
 */
import type {DType, Mat, Param, Rng} from "../../engine/index.js";
import {addRowVector, glorotUniform, mat, matmul, param, sumRowsInto} from "../../engine/index.js";
import type {Embedding} from "./embedding.js";

export interface OutputCache {
  /** The input, (N, d_model). */
  X: Mat;
  /** Z, (N, vocab). */
  logits: Mat;
}

export class OutputProjection {
  readonly tied: boolean;
  readonly vocab: number;
  readonly dModel: number;
  /** E (tied, shared with the embedding: (vocab, d_model)) or W_out ((d_model, vocab)). */
  readonly W: Param;
  readonly b: Param | null; // (1, vocab), separate only
  /** Only the Params this layer owns (a tied E is listed by the embedding). */
  readonly params: Param[];
  private readonly dtype: DType;

  constructor(dModel: number, vocab: number, rng: Rng, {tieTo, name = "out", dtype = "float32" as DType}: {tieTo?: Embedding; name?: string; dtype?: DType} = {}) {
    this.dModel = dModel;
    this.vocab = vocab;
    this.dtype = dtype;
    if (tieTo) {
      if (tieTo.vocab !== vocab || tieTo.dModel !== dModel) throw new Error("OutputProjection: tied embedding has another shape");
      this.tied = true;
      this.W = tieTo.E;
      this.b = null;
      this.params = [];
    } else {
      this.tied = false;
      this.W = param(`${name}.W`, dModel, vocab, dtype);
      this.b = param(`${name}.b`, 1, vocab, dtype);
      glorotUniform(this.W.value, rng);
      this.params = [this.W, this.b];
    }
  }

  forward(X: Mat): OutputCache {
    const logits = mat(X.rows, this.vocab, this.dtype); // Z: (N, vocab)
    if (this.tied) matmul(X, this.W.value, logits, {transB: true}); // X Eᵀ
    else {
      matmul(X, this.W.value, logits); // X W_out
      addRowVector(logits, this.b!.value.data); // + b
    }
    return {X, logits};
  }

  backward({X}: OutputCache, dZ: Mat): Mat {
    const dX = mat(X.rows, this.dModel, this.dtype); // (N, d_model)
    if (this.tied) {
      matmul(dZ, X, this.W.grad, {transA: true, accumulate: true}); // dE += dZᵀ X: (vocab, d_model)
      matmul(dZ, this.W.value, dX); // dX = dZ E
    } else {
      matmul(X, dZ, this.W.grad, {transA: true, accumulate: true}); // dW_out += Xᵀ dZ: (d_model, vocab)
      sumRowsInto(dZ, this.b!.grad.data); // db += Σ dZ
      matmul(dZ, this.W.value, dX, {transB: true}); // dX = dZ W_outᵀ
    }
    return dX;
  }
}
