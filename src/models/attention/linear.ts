/**
 * A dense read-out: Y = X W + b, rows are tokens.
 *   dW += Xᵀ dY;   db += Σ_rows dY;   dX = dY Wᵀ
 */
import type {DType, Mat, Param, Rng} from "../../engine/index.js";
import {addRowVector, glorotUniform, mat, matmul, param, sumRowsInto} from "../../engine/index.js";

export class Linear {
  readonly W: Param; // (in, out)
  readonly b: Param; // (1, out)
  readonly params: Param[];

  constructor(readonly inSize: number, readonly outSize: number, rng: Rng, {name = "", dtype = "float32"}: {name?: string; dtype?: DType} = {}) {
    this.W = param(`W${name}`, inSize, outSize, dtype);
    this.b = param(`b${name}`, 1, outSize, dtype);
    glorotUniform(this.W.value, rng);
    this.params = [this.W, this.b];
  }

  forward(X: Mat): Mat {
    const Y = matmul(X, this.W.value, mat(X.rows, this.outSize, this.W.value.data instanceof Float64Array ? "float64" : "float32")); // X W: (N, out)
    return addRowVector(Y, this.b.value.data); // + b
  }

  backward(X: Mat, dY: Mat): Mat {
    matmul(X, dY, this.W.grad, {transA: true, accumulate: true}); // dW += Xᵀ dY: (in, out)
    sumRowsInto(dY, this.b.grad.data); // db += Σ dY: (out)
    return matmul(dY, this.W.value, mat(X.rows, this.inSize, this.W.value.data instanceof Float64Array ? "float64" : "float32"), {transB: true}); // dX = dY Wᵀ: (N, in)
  }
}
