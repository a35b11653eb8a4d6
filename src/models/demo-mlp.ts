/**
 * The demo's network: one tanh hidden layer and a softmax read-out (rows of X are examples).
 *   Z₁ = X W₁ᵀ + b₁;   H = tanh(Z₁);   Z₂ = H W₂ᵀ + b₂;   P = softmax(Z₂ / τ);   J = mean −log P[y]
 * Backward (dX is ∂J/∂X; training uses τ = 1):
 *   dZ₂ = (P − onehot(y)) / N;   dW₂ = dZ₂ᵀ H;   db₂ = Σ_rows dZ₂;   dH = dZ₂ W₂
 *   dZ₁ = dH ⊙ (1 − H²);        dW₁ = dZ₁ᵀ X;   db₁ = Σ_rows dZ₁
 */
import type {DType, Mat, Param, Rng} from "../engine/index.js";
import {activate, activateBackward, addRowVector, crossEntropyRows, glorotUniform, mat, matmul, param, softmaxRows, sumRowsInto} from "../engine/index.js";

export interface MlpConfig {
  inputs: number;
  hidden: number;
  classes: number;
  dtype?: DType;
}

/** Everything the forward pass computed, kept for the backward pass and for the page. */
export interface MlpTrace {
  X: Mat; // (N, inputs)
  Z1: Mat; // (N, hidden)
  H: Mat; // (N, hidden)
  Z2: Mat; // (N, classes)
}

export class Mlp {
  readonly W1: Param; // (hidden, inputs)
  readonly b1: Param; // (1, hidden)
  readonly W2: Param; // (classes, hidden)
  readonly b2: Param; // (1, classes)
  readonly params: Param[];
  readonly dtype: DType;

  constructor(readonly config: MlpConfig, rng: Rng) {
    const {inputs, hidden, classes, dtype = "float32"} = config;
    this.dtype = dtype;
    this.W1 = param("W_1", hidden, inputs, dtype);
    this.b1 = param("b_1", 1, hidden, dtype);
    this.W2 = param("W_2", classes, hidden, dtype);
    this.b2 = param("b_2", 1, classes, dtype);
    glorotUniform(this.W1.value, rng);
    glorotUniform(this.W2.value, rng);
    this.params = [this.W1, this.b1, this.W2, this.b2];
  }

  forward(X: Mat): MlpTrace {
    const N = X.rows, {hidden, classes} = this.config;
    const Z1 = mat(N, hidden, this.dtype); // Z₁: (N, hidden)
    matmul(X, this.W1.value, Z1, {transB: true}); // X W₁ᵀ
    addRowVector(Z1, this.b1.value.data); // + b₁
    const H = mat(N, hidden, this.dtype); // H: (N, hidden)
    activate("tanh", Z1.data, H.data); // tanh(Z₁)
    const Z2 = mat(N, classes, this.dtype); // Z₂: (N, classes)
    matmul(H, this.W2.value, Z2, {transB: true}); // H W₂ᵀ
    addRowVector(Z2, this.b2.value.data); // + b₂
    return {X, Z1, H, Z2};
  }

  /** P = softmax(Z₂ / τ) by rows: (N, classes). */
  probabilities(trace: MlpTrace, temperature = 1): Mat {
    return softmaxRows(trace.Z2, mat(trace.Z2.rows, trace.Z2.cols, this.dtype), temperature);
  }

  /** J = mean −log softmax(Z₂)[y] (τ = 1). */
  loss(trace: MlpTrace, y: ArrayLike<number>): number {
    return crossEntropyRows(trace.Z2, y);
  }

  /** Forward, loss and backward: adds ∂J/∂θ into each param's grad; returns J. */
  lossAndGrad(X: Mat, y: ArrayLike<number>): {loss: number; trace: MlpTrace} {
    const trace = this.forward(X);
    const {Z1, H, Z2} = trace;
    const dZ2 = mat(Z2.rows, Z2.cols, this.dtype); // dZ₂: (N, classes)
    const loss = crossEntropyRows(Z2, y, dZ2); // dZ₂ = (P − onehot(y)) / N
    matmul(dZ2, H, this.W2.grad, {transA: true, accumulate: true}); // dW₂ += dZ₂ᵀ H: (classes, hidden)
    sumRowsInto(dZ2, this.b2.grad.data); // db₂ += Σ_rows dZ₂
    const dH = mat(H.rows, H.cols, this.dtype); // dH: (N, hidden)
    matmul(dZ2, this.W2.value, dH); // dH = dZ₂ W₂
    const dZ1 = mat(Z1.rows, Z1.cols, this.dtype); // dZ₁: (N, hidden)
    activateBackward("tanh", H.data, dH.data, dZ1.data); // dZ₁ = dH ⊙ (1 − H²)
    matmul(dZ1, X, this.W1.grad, {transA: true, accumulate: true}); // dW₁ += dZ₁ᵀ X: (hidden, inputs)
    sumRowsInto(dZ1, this.b1.grad.data); // db₁ += Σ_rows dZ₁
    return {loss, trace};
  }
}
