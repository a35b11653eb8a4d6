/**
 * Learned absolute positions (as in BERT and GPT; compared with sinusoids in Vaswani et al.,
 * 2017, §3.5 and Table 3 row E): a table P (maxLen, d) whose row t is added to every token at t.
 *   Y[b, t] = X[b, t] + P[t]        dP[t] += Σ_b dY[b, t];   dX = dY
 */
import type {DType, Mat, Param, Rng} from "../../engine/index.js";
import {normalInit, param} from "../../engine/index.js";

export class LearnedPositions {
  readonly P: Param; // (maxLen, d)
  readonly params: Param[];

  constructor(readonly maxLen: number, readonly d: number, rng: Rng, {std = 0.1, dtype = "float32"}: {std?: number; dtype?: DType} = {}) {
    this.P = param("P", maxLen, d, dtype);
    normalInit(this.P.value, rng, std);
    this.params = [this.P];
  }

  /** X + P for sequences of n rows stacked in X (B·n, d); returns a new matrix. */
  forward(X: Mat, n: number): Mat {
    if (n > this.maxLen) throw new Error(`LearnedPositions: sequence of ${n} > maxLen ${this.maxLen}`);
    const Y = {rows: X.rows, cols: X.cols, data: X.data.slice()}; // (B·n, d)
    const p = this.P.value.data, d = this.d;
    for (let r = 0; r < X.rows; r++) {
      const t = r % n;
      for (let c = 0; c < d; c++) Y.data[r * d + c] += p[t * d + c];
    }
    return Y;
  }

  /** Adds Σ_b dY[b, t] into dP[t]; dX is dY itself. */
  backward(dY: Mat, n: number): Mat {
    const g = this.P.grad.data, d = this.d;
    for (let r = 0; r < dY.rows; r++) {
      const t = r % n;
      for (let c = 0; c < d; c++) g[t * d + c] += dY.data[r * d + c];
    }
    return dY;
  }
}
