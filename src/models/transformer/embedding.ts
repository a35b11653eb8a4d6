/**
 * Token embeddings (Vaswani et al., 2017, §3.4): row `id` of a learned table E, optionally
 * multiplied by √d_model as in the paper, so the embeddings are not drowned by the position
 * encodings added next:
 *   X[i] = s · E[ids[i]],   s = √d_model or 1
 * Backward (dX is ∂L/∂X): dE[ids[i]] += s · dX[i]; ids have no gradient.
 */
import type {DType, Mat, Param, Rng} from "../../engine/index.js";
import {mat, normalInit, param} from "../../engine/index.js";

export interface EmbeddingCache {
  ids: ArrayLike<number>;
  /** s · E[ids], (N, d_model). */
  X: Mat;
}

export class Embedding {
  readonly E: Param; // (vocab, d_model)
  readonly scale: number;
  readonly params: Param[];

  constructor(readonly vocab: number, readonly dModel: number, rng: Rng, {name = "E", scaled = true, dtype = "float32" as DType} = {}) {
    this.E = param(name, vocab, dModel, dtype);
    this.scale = scaled ? Math.sqrt(dModel) : 1;
    // std 1/√d_model, so that s · E has entries of about unit size when scaled, and so that a tied
    // output projection X Eᵀ starts with logits of about unit size.
    normalInit(this.E.value, rng, 1 / Math.sqrt(dModel));
    this.params = [this.E];
  }

  forward(ids: ArrayLike<number>): EmbeddingCache {
    const d = this.dModel, E = this.E.value.data;
    const X = mat(ids.length, d, this.E.value.data instanceof Float64Array ? "float64" : "float32"); // (N, d_model)
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (!(id >= 0 && id < this.vocab)) throw new Error(`Embedding: token id ${id} outside 0…${this.vocab - 1}`);
      for (let j = 0; j < d; j++) X.data[i * d + j] = this.scale * E[id * d + j];
    }
    return {ids, X};
  }

  backward({ids}: EmbeddingCache, dX: Mat): void {
    const d = this.dModel, dE = this.E.grad.data;
    for (let i = 0; i < ids.length; i++) {
      const o = ids[i] * d;
      for (let j = 0; j < d; j++) dE[o + j] += this.scale * dX.data[i * d + j];
    }
  }
}
