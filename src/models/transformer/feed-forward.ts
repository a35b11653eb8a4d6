/**
 * The position-wise feed-forward network (Vaswani et al., 2017, §3.3), applied to every row alike:
 *   H = max(0, X W₁ + b₁)          (N, d_ff)
 *   FFN(X) = H W₂ + b₂             (N, d_model)
 * Backward (dX is ∂L/∂X):
 *   dW₂ += Hᵀ dY;  db₂ += Σ_rows dY;  dH = dY W₂ᵀ ⊙ 1[H > 0]
 *   dW₁ += Xᵀ dH;  db₁ += Σ_rows dH;  dX = dH W₁ᵀ
 */
import type {DType, Mat, Param, Rng} from "../../engine/index.js";
import {activate, activateBackward, addRowVector, glorotUniform, mat, matmul, param, sumRowsInto} from "../../engine/index.js";

export interface FeedForwardCache {
  /** The input, kept for dW₁, (N, d_model). */
  X: Mat;
  /** The hidden layer after the ReLU, (N, d_ff). */
  H: Mat;
  /** The output, (N, d_model). */
  Y: Mat;
}

export class FeedForward {
  readonly W1: Param; // (d_model, d_ff)
  readonly b1: Param; // (1, d_ff)
  readonly W2: Param; // (d_ff, d_model)
  readonly b2: Param; // (1, d_model)
  readonly params: Param[];

  constructor(readonly dModel: number, readonly dFF: number, rng: Rng, name = "ffn", readonly dtype: DType = "float32") {
    this.W1 = param(`${name}.W₁`, dModel, dFF, dtype);
    this.b1 = param(`${name}.b₁`, 1, dFF, dtype);
    this.W2 = param(`${name}.W₂`, dFF, dModel, dtype);
    this.b2 = param(`${name}.b₂`, 1, dModel, dtype);
    glorotUniform(this.W1.value, rng);
    glorotUniform(this.W2.value, rng);
    this.params = [this.W1, this.b1, this.W2, this.b2];
  }

  forward(X: Mat): FeedForwardCache {
    const H = matmul(X, this.W1.value, mat(X.rows, this.dFF, this.dtype)); // X W₁: (N, d_ff)
    addRowVector(H, this.b1.value.data); // + b₁
    activate("relu", H.data, H.data); // max(0, ·)
    const Y = matmul(H, this.W2.value, mat(X.rows, this.dModel, this.dtype)); // H W₂: (N, d_model)
    addRowVector(Y, this.b2.value.data); // + b₂
    return {X, H, Y};
  }

  backward({X, H}: FeedForwardCache, dY: Mat): Mat {
    matmul(H, dY, this.W2.grad, {transA: true, accumulate: true}); // dW₂ += Hᵀ dY: (d_ff, d_model)
    sumRowsInto(dY, this.b2.grad.data); // db₂ += Σ dY
    const dH = matmul(dY, this.W2.value, mat(X.rows, this.dFF, this.dtype), {transB: true}); // dY W₂ᵀ: (N, d_ff)
    activateBackward("relu", H.data, dH.data, dH.data); // ⊙ 1[H > 0]
    matmul(X, dH, this.W1.grad, {transA: true, accumulate: true}); // dW₁ += Xᵀ dH: (d_model, d_ff)
    sumRowsInto(dH, this.b1.grad.data); // db₁ += Σ dH
    return matmul(dH, this.W1.value, mat(X.rows, this.dModel, this.dtype), {transB: true}); // dX = dH W₁ᵀ: (N, d_model)
  }
}
