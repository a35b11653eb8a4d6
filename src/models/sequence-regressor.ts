/**
 * A recurrent cell read out at the last step into one number, trained on the squared error:
 *   ŷ = v · h(T) + a,   J = mean over the batch of (ŷ − y)²
 * Backward (dX is ∂L/∂X):  dŷ = 2(ŷ − y)/B;  dv += dŷᵀ h(T);  da += Σ dŷ;  dh(T) = dŷ v,
 * then BPTT inside the cell. Works with any RecurrentCell (RnnCell, LstmCell).
 */
import type {Mat, Param, Rng} from "../engine/index.js";
import {glorotUniform, mat, matmul, mse, param} from "../engine/index.js";
import type {RecurrentCell, Trace} from "./recurrent.js";

export class SequenceRegressor<T extends Trace = Trace> {
  readonly cell: RecurrentCell<T>;
  readonly v: Param; // (1, H)
  readonly a: Param; // (1, 1)
  readonly params: Param[];

  constructor(cell: RecurrentCell<T>, rng: Rng) {
    const dtype = cell.params[0].value.data instanceof Float64Array ? "float64" : "float32";
    this.cell = cell;
    this.v = param("v", 1, cell.hiddenSize, dtype);
    this.a = param("a", 1, 1, dtype);
    glorotUniform(this.v.value, rng);
    this.params = [...cell.params, this.v, this.a];
  }

  /** ŷ for every sequence of the batch (xs[t]: (B, I)), and the cell's trace. */
  forward(xs: Mat[]): {yhat: Mat; trace: T} {
    const trace = this.cell.forward(xs);
    const hT = trace.hs[trace.hs.length - 1]; // h(T): (B, H)
    const yhat = matmul(hT, this.v.value, mat(hT.rows, 1, this.dtype), {transB: true}); // h(T) vᵀ: (B, 1)
    for (let r = 0; r < yhat.rows; r++) yhat.data[r] += this.a.value.data[0]; // + a
    return {yhat, trace};
  }

  /** The batch's mean squared error, without gradients. */
  loss(xs: Mat[], y: ArrayLike<number>): number {
    return mse(this.forward(xs).yhat.data, y);
  }

  /** The batch's mean squared error; adds ∂J/∂θ into every parameter's grad. */
  lossAndGrad(xs: Mat[], y: ArrayLike<number>): number {
    const {yhat, trace} = this.forward(xs);
    const B = yhat.rows, T = trace.hs.length;
    const dyhat = mat(B, 1, this.dtype); // dŷ: (B, 1)
    const J = mse(yhat.data, y, dyhat.data);
    const hT = trace.hs[T - 1];
    matmul(dyhat, hT, this.v.grad, {transA: true, accumulate: true}); // dv += dŷᵀ h(T): (1, H)
    for (let r = 0; r < B; r++) this.a.grad.data[0] += dyhat.data[r]; // da += Σ dŷ
    const dhs: Mat[] = new Array<Mat>(T);
    for (let t = 0; t < T - 1; t++) dhs[t] = mat(B, this.cell.hiddenSize, this.dtype); // no loss before the end
    dhs[T - 1] = matmul(dyhat, this.v.value, mat(B, this.cell.hiddenSize, this.dtype)); // dh(T) = dŷ v: (B, H)
    this.cell.backward(trace, dhs);
    return J;
  }

  private get dtype() {
    return this.v.value.data instanceof Float64Array ? ("float64" as const) : ("float32" as const);
  }
}
