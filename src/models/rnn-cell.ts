/**
 * The vanilla recurrent cell of chapter 1:
 *   z(t) = W_h h(t−1) + W_x x(t) + b,   h(t) = σ(z(t))
 * with σ = tanh by default. In a batch, rows are sequences: Z(t) = H(t−1) W_hᵀ + X(t) W_xᵀ + b.
 * Backward through time (dX is ∂L/∂X):
 *   dh(t) = dh from above + dh(t) from step t+1
 *   dz(t) = dh(t) ⊙ σ′(z(t))
 *   dh(t−1) from step t = dz(t) W_h;   dx(t) = dz(t) W_x
 *   dW_h += Σ_t dz(t)ᵀ h(t−1);  dW_x += Σ_t dz(t)ᵀ x(t);  db += Σ_t Σ_batch dz(t)
 *
 * Layout: the inputs are stacked step after step into X (T·B, I) and the states into one
 * ((T+1)·B, H) buffer holding h(0)…h(T), so the input term and the weight gradients are one matrix
 * product each over all steps; only the recurrence H(t−1) W_hᵀ and dz(t) W_h run step by step.
 * One-hot inputs are mostly zeros: the input term and dW_x then visit only the nonzeros
 * (sparse-input.ts), and the input gradients dx(t), which a one-hot input does not need, are
 * computed only when `dxs` is first read.
 */
import type {Activation, DType, Mat, Param, Rng} from "../engine/index.js";
import {activate, activateBackward, addRowVector, glorotUniform, mat, matmul, orthogonal, param, sumRowsInto} from "../engine/index.js";
import type {CellGrads, RecurrentCell, Trace} from "./recurrent.js";
import {accSparseGrad, addSparseProduct, isSparse} from "./sparse-input.js";

export interface RnnCellConfig {
  inputSize: number;
  hiddenSize: number;
  activation?: Activation;
  dtype?: DType;
}

export interface RnnTrace extends Trace {
  /** h(0), (B, hidden). */
  h0: Mat;
  /** The inputs as given, each (B, input). */
  xs: Mat[];
  /** The inputs stacked, (T·B, input), and [h(0); …; h(T−1)], (T·B, hidden). */
  X: Mat;
  Hprev: Mat;
  /** Whether X was sparse enough to visit only its nonzeros. */
  sparse: boolean;
}

export interface RnnGrads extends CellGrads {
  /** The total ∂L/∂h(t) and ∂L/∂z(t) at every step, each (B, hidden) (for gradient-flow plots). */
  dh: Mat[];
  dz: Mat[];
}

export interface RnnBackwardOptions {
  /** Add into the parameters' grads (default true); false only reads the flow of gradients. */
  paramGrads?: boolean;
}

/** Rows [from, to) of m as a matrix view (no copy). */
function rowsView(m: Mat, from: number, to: number): Mat {
  return mat(to - from, m.cols, undefined, m.data.subarray(from * m.cols, to * m.cols));
}

/** T views of B rows each into one (T·B, cols) buffer. */
function steps(m: Mat, T: number, B: number): Mat[] {
  return Array.from({length: T}, (_, t) => rowsView(m, t * B, (t + 1) * B));
}

export class RnnCell implements RecurrentCell<RnnTrace> {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly activation: Activation;
  readonly dtype: DType;
  readonly Wh: Param; // (hidden, hidden)
  readonly Wx: Param; // (hidden, input)
  readonly b: Param; // (1, hidden)
  readonly params: Param[];

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

  /** Runs the cell over xs (each (B, input)) from h0 (zeros when omitted). */
  forward(xs: Mat[], h0?: Mat): RnnTrace {
    const T = xs.length, B = T ? xs[0].rows : h0?.rows ?? 1;
    const H = this.hiddenSize, I = this.inputSize, dt = this.dtype;
    const X = mat(T * B, I, dt); // x(1)…x(T) stacked: (T·B, I)
    xs.forEach((x, t) => X.data.set(x.data, t * B * I));
    const hAll = mat((T + 1) * B, H, dt); // h(0)…h(T): ((T+1)·B, H)
    if (h0) hAll.data.set(h0.data);
    const Z = rowsView(hAll, B, (T + 1) * B); // z(t), then h(t) in place: (T·B, H)
    const sparse = isSparse(X);
    if (sparse) addSparseProduct(X, this.Wx.value, Z); // W_x x(t) for every t: (T·B, H)
    else matmul(X, this.Wx.value, Z, {transB: true}); // W_x x(t) for every t: (T·B, H)
    addRowVector(Z, this.b.value.data); // + b
    for (let t = 0; t < T; t++) {
      const z = rowsView(hAll, (t + 1) * B, (t + 2) * B); // z(t): (B, H)
      matmul(rowsView(hAll, t * B, (t + 1) * B), this.Wh.value, z, {transB: true, accumulate: true}); // + h(t−1) W_hᵀ: (B, H)
      activate(this.activation, z.data, z.data); // h(t) = σ(z(t))
    }
    return {hs: steps(Z, T, B), h0: rowsView(hAll, 0, B), xs, X, Hprev: rowsView(hAll, 0, T * B), sparse};
  }

  /**
   * Backpropagation through time from ∂L/∂h(t) given from above at every step (each (B, H); a
   * missing entry counts as zero). Adds into the parameters' grads unless paramGrads is false.
   */
  backward(trace: RnnTrace, dhs: Mat[], {paramGrads = true}: RnnBackwardOptions = {}): RnnGrads {
    const T = trace.hs.length, B = trace.h0.rows, H = this.hiddenSize, dt = this.dtype;
    const dZ = mat(T * B, H, dt); // dz(t) for every t: (T·B, H)
    const dhAll = mat(T * B, H, dt); // total dh(t): (T·B, H)
    const dhNext = mat(B, H, dt); // ∂L/∂h(t) arriving from step t+1: (B, H)
    for (let t = T - 1; t >= 0; t--) {
      const dh = rowsView(dhAll, t * B, (t + 1) * B), dz = rowsView(dZ, t * B, (t + 1) * B); // (B, H)
      const above = dhs[t]?.data, next = dhNext.data;
      for (let i = 0; i < B * H; i++) dh.data[i] = (above ? above[i] : 0) + next[i]; // dh(t)
      activateBackward(this.activation, trace.hs[t].data, dh.data, dz.data); // dz(t) = dh(t) ⊙ σ′(z(t))
      matmul(dz, this.Wh.value, dhNext); // dh(t−1) from step t = dz(t) W_h: (B, H)
    }
    if (paramGrads) {
      matmul(dZ, trace.Hprev, this.Wh.grad, {transA: true, accumulate: true}); // dW_h += Σ dz(t)ᵀ h(t−1): (H, H)
      if (trace.sparse) accSparseGrad(dZ, trace.X, this.Wx.grad); // dW_x += Σ dz(t)ᵀ x(t): (H, I)
      else matmul(dZ, trace.X, this.Wx.grad, {transA: true, accumulate: true}); // dW_x += Σ dz(t)ᵀ x(t): (H, I)
      sumRowsInto(dZ, this.b.grad.data); // db += Σ dz(t): (H)
    }
    const Wx = this.Wx.value, I = this.inputSize;
    let dxs: Mat[] | null = null;
    return {
      get dxs() {
        // dx(t) = dz(t) W_x: (T·B, I), with the W_x of this moment (read dxs before an update).
        return (dxs ??= steps(matmul(dZ, Wx, mat(T * B, I, dt)), T, B));
      },
      dh0: dhNext,
      dh: steps(dhAll, T, B),
      dz: steps(dZ, T, B)
    };
  }
}
