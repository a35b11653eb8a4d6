/**
 * Layer normalisation (Ba, Kiros & Hinton, 2016), over the feature dimension of each row:
 *   μ = (1/d) Σ_j x_j;   σ² = (1/d) Σ_j (x_j − μ)²;   x̂ = (x − μ) / √(σ² + ε)
 *   y = γ ⊙ x̂ + β
 * Each position is normalised on its own, so a batch of sequences is one matrix of rows.
 * Backward (dX is ∂L/∂X):
 *   dγ += Σ_rows dy ⊙ x̂;   dβ += Σ_rows dy;   dx̂ = dy ⊙ γ
 *   dx = (1/√(σ² + ε)) · (dx̂ − mean(dx̂) − x̂ · mean(dx̂ ⊙ x̂))
 */
import type {Arr, DType, Mat, Param} from "../../engine/index.js";
import {alloc, mat, param} from "../../engine/index.js";

export interface LayerNormCache {
  /** x̂, (N, d). */
  xHat: Mat;
  /** 1/√(σ² + ε) for each row, (N). */
  invStd: Arr;
  /** y = γ ⊙ x̂ + β, (N, d). */
  Y: Mat;
}

export class LayerNorm {
  readonly gamma: Param; // γ: (1, d), starts at 1
  readonly beta: Param; // β: (1, d), starts at 0
  readonly params: Param[];

  constructor(readonly d: number, name = "ln", readonly eps = 1e-5, readonly dtype: DType = "float32") {
    this.gamma = param(`${name}.γ`, 1, d, dtype);
    this.beta = param(`${name}.β`, 1, d, dtype);
    this.gamma.value.data.fill(1);
    this.params = [this.gamma, this.beta];
  }

  forward(X: Mat): LayerNormCache {
    const {rows: N, cols: d} = X;
    const xHat = mat(N, d, this.dtype); // x̂: (N, d)
    const Y = mat(N, d, this.dtype); // y: (N, d)
    const invStd = alloc(N, this.dtype); // (N)
    const g = this.gamma.value.data, b = this.beta.value.data;
    for (let i = 0; i < N; i++) {
      const o = i * d;
      let mu = 0;
      for (let j = 0; j < d; j++) mu += X.data[o + j];
      mu /= d;
      let v = 0;
      for (let j = 0; j < d; j++) v += (X.data[o + j] - mu) ** 2;
      const s = 1 / Math.sqrt(v / d + this.eps);
      invStd[i] = s;
      for (let j = 0; j < d; j++) {
        const xh = (X.data[o + j] - mu) * s;
        xHat.data[o + j] = xh;
        Y.data[o + j] = g[j] * xh + b[j];
      }
    }
    return {xHat, invStd, Y};
  }

  backward({xHat, invStd}: LayerNormCache, dY: Mat): Mat {
    const {rows: N, cols: d} = dY;
    const dX = mat(N, d, this.dtype); // (N, d)
    const g = this.gamma.value.data, dg = this.gamma.grad.data, db = this.beta.grad.data;
    const dxHat = new Float64Array(d); // (d)
    for (let i = 0; i < N; i++) {
      const o = i * d;
      let mean1 = 0, mean2 = 0;
      for (let j = 0; j < d; j++) {
        const dy = dY.data[o + j], xh = xHat.data[o + j];
        dg[j] += dy * xh;
        db[j] += dy;
        dxHat[j] = dy * g[j];
        mean1 += dxHat[j];
        mean2 += dxHat[j] * xh;
      }
      mean1 /= d;
      mean2 /= d;
      for (let j = 0; j < d; j++) dX.data[o + j] = invStd[i] * (dxHat[j] - mean1 - xHat.data[o + j] * mean2);
    }
    return dX;
  }
}
