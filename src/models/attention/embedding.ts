/**
 * A token embedding: a table E (vocab, d) whose row x is the vector of token x.
 *   X[r] = E[tokens[r]]            dE[tokens[r]] += dX[r]
 */
import type {DType, Mat, Param, Rng} from "../../engine/index.js";
import {mat, normalInit, param} from "../../engine/index.js";

export class Embedding {
  readonly E: Param; // (vocab, d)
  readonly params: Param[];

  constructor(readonly vocab: number, readonly d: number, rng: Rng, {std = 1, dtype = "float32"}: {std?: number; dtype?: DType} = {}) {
    this.E = param("E", vocab, d, dtype);
    normalInit(this.E.value, rng, std);
    this.params = [this.E];
  }

  /** One row per token: (tokens.length, d). */
  forward(tokens: ArrayLike<number>): Mat {
    const d = this.d, X = mat(tokens.length, d, this.E.value.data instanceof Float64Array ? "float64" : "float32"); // (N, d)
    for (let r = 0; r < tokens.length; r++) {
      const x = tokens[r];
      if (!(x >= 0 && x < this.vocab)) throw new Error(`Embedding: token ${x} outside 0…${this.vocab - 1}`);
      X.data.set(this.E.value.data.subarray(x * d, (x + 1) * d), r * d);
    }
    return X;
  }

  backward(tokens: ArrayLike<number>, dX: Mat): void {
    const d = this.d, g = this.E.grad.data;
    for (let r = 0; r < tokens.length; r++) {
      const o = tokens[r] * d;
      for (let c = 0; c < d; c++) g[o + c] += dX.data[r * d + c];
    }
  }
}
