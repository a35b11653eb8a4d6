/**
 * The gated recurrent unit (Cho et al., 2014, eq. 5–8), batched (rows are sequences):
 *   z(t) = σ(W_z x(t) + U_z h(t−1) + b_z)               update gate
 *   r(t) = σ(W_r x(t) + U_r h(t−1) + b_r)               reset gate
 *   h̃(t) = tanh(W x(t) + U (r(t) ⊙ h(t−1)) + b)         candidate
 *   h(t) = z(t) ⊙ h(t−1) + (1 − z(t)) ⊙ h̃(t)
 * (Keras and TensorFlow.js use the same convention; Bahdanau et al. 2015 swap z and 1 − z.)
 * Backward through time (dX is ∂L/∂X), with dh(t) = dh from above + dh from step t+1:
 *   dh̃ = dh ⊙ (1 − z);  dz = dh ⊙ (h(t−1) − h̃);  dh(t−1) = dh ⊙ z + …
 *   dâ = dh̃ ⊙ (1 − h̃²);  d(r⊙h) = dâ U;  dr = d(r⊙h) ⊙ h(t−1);  dh(t−1) += d(r⊙h) ⊙ r
 *   dẑ = dz ⊙ z(1 − z);  dr̂ = dr ⊙ r(1 − r);  dh(t−1) += dẑ U_z + dr̂ U_r
 *   dx(t) = dẑ W_z + dr̂ W_r + dâ W;  weight gradients are dgateᵀ·input summed over the batch.
 */
import type {DType, Mat, Param, Rng} from "../../engine/index.js";
import {activate, addRowVector, glorotUniform, mat, matmul, orthogonal, param, sumRowsInto} from "../../engine/index.js";
import type {CellGrads, RecurrentCell, Trace} from "../recurrent.js";

export interface GruCellConfig {
  inputSize: number;
  hiddenSize: number;
  dtype?: DType;
}

export interface GruTrace extends Trace {
  h0: Mat;
  xs: Mat[];
  /** Per step, each (B, hidden): the gates, the candidate, and r ⊙ h(t−1). */
  z: Mat[];
  r: Mat[];
  hc: Mat[];
  rh: Mat[];
}

interface Gate {
  W: Param; // (hidden, input)
  U: Param; // (hidden, hidden)
  b: Param; // (1, hidden)
}

export class GruCell implements RecurrentCell<GruTrace> {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly dtype: DType;
  readonly update: Gate;
  readonly reset: Gate;
  readonly candidate: Gate;
  readonly params: Param[];

  constructor({inputSize, hiddenSize, dtype = "float32"}: GruCellConfig, rng: Rng) {
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    this.dtype = dtype;
    const gate = (suffix: string): Gate => {
      const g = {
        W: param(`W${suffix}`, hiddenSize, inputSize, dtype),
        U: param(`U${suffix}`, hiddenSize, hiddenSize, dtype),
        b: param(`b${suffix}`, 1, hiddenSize, dtype)
      };
      glorotUniform(g.W.value, rng);
      orthogonal(g.U.value, rng);
      return g;
    };
    this.update = gate("_z");
    this.reset = gate("_r");
    this.candidate = gate("");
    this.params = [this.update, this.reset, this.candidate].flatMap((g) => [g.W, g.U, g.b]);
  }

  /** x W_gᵀ + h U_gᵀ + b_g: the pre-activation of gate g, (B, hidden). */
  private preact(g: Gate, x: Mat, h: Mat): Mat {
    const a = matmul(x, g.W.value, mat(x.rows, this.hiddenSize, this.dtype), {transB: true}); // (B, H)
    matmul(h, g.U.value, a, {transB: true, accumulate: true}); // (B, H)
    return addRowVector(a, g.b.value.data);
  }

  forward(xs: Mat[], h0?: Mat): GruTrace {
    const B = xs.length ? xs[0].rows : h0?.rows ?? 1;
    const H = this.hiddenSize;
    const start = h0 ?? mat(B, H, this.dtype); // h(0): (B, H)
    const trace: GruTrace = {hs: [], h0: start, xs, z: [], r: [], hc: [], rh: []};
    let prev = start;
    for (const x of xs) {
      const z = this.preact(this.update, x, prev); // z(t): (B, H)
      activate("sigmoid", z.data, z.data);
      const r = this.preact(this.reset, x, prev); // r(t): (B, H)
      activate("sigmoid", r.data, r.data);
      const rh = mat(B, H, this.dtype); // r ⊙ h(t−1): (B, H)
      for (let i = 0; i < rh.data.length; i++) rh.data[i] = r.data[i] * prev.data[i];
      const hc = this.preact(this.candidate, x, rh); // h̃(t): (B, H)
      activate("tanh", hc.data, hc.data);
      const h = mat(B, H, this.dtype); // h(t): (B, H)
      for (let i = 0; i < h.data.length; i++) h.data[i] = z.data[i] * prev.data[i] + (1 - z.data[i]) * hc.data[i];
      trace.z.push(z);
      trace.r.push(r);
      trace.hc.push(hc);
      trace.rh.push(rh);
      trace.hs.push(h);
      prev = h;
    }
    return trace;
  }

  /** Adds dgᵀ·x and dgᵀ·h into gate g's weight gradients; dx += dg W_g; dh += dg U_g. */
  private gateBackward(g: Gate, dg: Mat, x: Mat, h: Mat, dx: Mat, dh: Mat): void {
    matmul(dg, x, g.W.grad, {transA: true, accumulate: true}); // dW_g += dgᵀ x: (H, I)
    matmul(dg, h, g.U.grad, {transA: true, accumulate: true}); // dU_g += dgᵀ h: (H, H)
    sumRowsInto(dg, g.b.grad.data); // db_g += Σ_b dg: (H)
    matmul(dg, g.W.value, dx, {accumulate: true}); // dx += dg W_g: (B, I)
    matmul(dg, g.U.value, dh, {accumulate: true}); // dh += dg U_g: (B, H)
  }

  backward(trace: GruTrace, dhs: Mat[]): CellGrads {
    const {hs, h0, xs} = trace;
    const B = h0.rows, H = this.hiddenSize, n = B * H;
    const dxs: Mat[] = new Array(xs.length);
    let dnext = mat(B, H, this.dtype); // ∂L/∂h(t) arriving from step t+1
    for (let t = xs.length - 1; t >= 0; t--) {
      const prev = t > 0 ? hs[t - 1] : h0;
      const z = trace.z[t].data, r = trace.r[t].data, hc = trace.hc[t].data, hp = prev.data;
      const dh = dhs[t].data, dn = dnext.data;
      const dprev = mat(B, H, this.dtype); // dh(t−1): (B, H)
      const da = mat(B, H, this.dtype); // dâ: candidate pre-activation, (B, H)
      const dz = mat(B, H, this.dtype); // dẑ: update pre-activation, (B, H)
      for (let i = 0; i < n; i++) {
        const g = dh[i] + dn[i];
        dprev.data[i] = g * z[i];
        da.data[i] = g * (1 - z[i]) * (1 - hc[i] * hc[i]);
        dz.data[i] = g * (hp[i] - hc[i]) * z[i] * (1 - z[i]);
      }
      const dx = mat(B, this.inputSize, this.dtype); // dx(t): (B, I)
      const drh = mat(B, H, this.dtype); // d(r ⊙ h(t−1)): (B, H)
      this.gateBackward(this.candidate, da, xs[t], trace.rh[t], dx, drh);
      const dr = mat(B, H, this.dtype); // dr̂: reset pre-activation, (B, H)
      for (let i = 0; i < n; i++) {
        dprev.data[i] += drh.data[i] * r[i];
        dr.data[i] = drh.data[i] * hp[i] * r[i] * (1 - r[i]);
      }
      this.gateBackward(this.update, dz, xs[t], prev, dx, dprev);
      this.gateBackward(this.reset, dr, xs[t], prev, dx, dprev);
      dxs[t] = dx;
      dnext = dprev;
    }
    return {dxs, dh0: dnext};
  }
}
