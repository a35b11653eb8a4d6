/**
 * The vanilla recurrent cell of chapter 1:
 *   h(t) = σ(W_h h(t−1) + W_x x(t) + b)
 * with σ = tanh by default. In a batch, rows are sequences: H(t) = σ(H(t−1) W_hᵀ + X(t) W_xᵀ + b).
 * Backward through time (dX is ∂L/∂X):
 *   dz(t) = (dh(t) + dh from step t+1) ⊙ σ′(z(t))
 *   dW_h += dz(t)ᵀ h(t−1);  dW_x += dz(t)ᵀ x(t);  db += Σ_batch dz(t)
 *   dh(t−1) = dz(t) W_h;    dx(t) = dz(t) W_x
 */
import type {Activation, DType, Mat, Rng} from "../engine/index.js";
import {activate, activateBackward, addRowVector, glorotUniform, mat, matmul, orthogonal, param, sumRowsInto} from "../engine/index.js";
import type {CellGrads, RecurrentCell, Trace} from "./recurrent.js";

export interface RnnCellConfig {
  inputSize: number;
  hiddenSize: number;
  activation?: Activation;
  dtype?: DType;
}

export interface RnnTrace extends Trace {
  /** h(0), (B, hidden). */
  h0: Mat;
  /** The inputs, kept for the weight gradients. */
  xs: Mat[];
}

export class RnnCell implements RecurrentCell<RnnTrace> {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly activation: Activation;
  readonly dtype: DType;
  readonly Wh; // (hidden, hidden)
  readonly Wx; // (hidden, input)
  readonly b; // (1, hidden)
  readonly params;

  constructor({inputSize, hiddenSize, activation = "tanh", dtype = "float32"}: RnnCellConfig, rng: Rng) {
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    this.activation = activation;
    this.dtype = dtype;
    this.Wh = param("W_h", hiddenSize, hiddenSize, dtype);
    this.Wx = param("W_x", hiddenSize, inputSize, dtype);
    this.b = param("b", 1, hiddenSize, dtype);
    orthogonal(this.Wh.value, rng);
    glorotUniform(this.Wx.value, rng);
    this.params = [this.Wh, this.Wx, this.b];
  }

  forward(xs: Mat[], h0?: Mat): RnnTrace {
    const B = xs.length ? xs[0].rows : h0?.rows ?? 1;
    const H = this.hiddenSize;
    const start = h0 ?? mat(B, H, this.dtype); // h(0): (B, H)
    const hs: Mat[] = [];
    let prev = start;
    for (const x of xs) {
      const h = mat(B, H, this.dtype); // h(t): (B, H)
      matmul(prev, this.Wh.value, h, {transB: true}); // h(t−1) W_hᵀ: (B, H)
      matmul(x, this.Wx.value, h, {transB: true, accumulate: true}); // + x(t) W_xᵀ: (B, H)
      addRowVector(h, this.b.value.data);
      activate(this.activation, h.data, h.data); // σ(z(t))
      hs.push(h);
      prev = h;
    }
    return {hs, h0: start, xs};
  }

  backward(trace: RnnTrace, dhs: Mat[]): CellGrads {
    const {hs, h0, xs} = trace;
    const B = h0.rows, H = this.hiddenSize;
    const dxs: Mat[] = new Array(xs.length);
    let dnext = mat(B, H, this.dtype); // ∂L/∂h(t) arriving from step t+1
    const dz = mat(B, H, this.dtype); // (B, H)
    for (let t = xs.length - 1; t >= 0; t--) {
      const prev = t > 0 ? hs[t - 1] : h0;
      for (let i = 0; i < dz.data.length; i++) dz.data[i] = dhs[t].data[i] + dnext.data[i];
      activateBackward(this.activation, hs[t].data, dz.data, dz.data); // dz(t): (B, H)
      matmul(dz, prev, this.Wh.grad, {transA: true, accumulate: true}); // dW_h += dzᵀ h(t−1): (H, H)
      matmul(dz, xs[t], this.Wx.grad, {transA: true, accumulate: true}); // dW_x += dzᵀ x(t): (H, I)
      sumRowsInto(dz, this.b.grad.data); // db += Σ_b dz: (H)
      dxs[t] = matmul(dz, this.Wx.value, mat(B, this.inputSize, this.dtype)); // dx(t) = dz W_x: (B, I)
      dnext = matmul(dz, this.Wh.value, mat(B, H, this.dtype)); // dh(t−1) = dz W_h: (B, H)
    }
    return {dxs, dh0: dnext};
  }
}
