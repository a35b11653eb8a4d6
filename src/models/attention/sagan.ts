/**
 * Self-attention over the pixels of an image or feature map (SAGAN; Zhang et al., 2018, §3).
 * Each of the N = H·W pixels is a token x_i with C channels; f, g, h are 1×1 convolutions, i.e.
 * the same matrices at every pixel:
 *   f(x) = W_f x,  g(x) = W_g x   (C → C̄)       h(x) = W_h x  (C → C̄),   v(x) = W_v x  (C̄ → C)
 *   s_ij = f(x_i)ᵀ g(x_j),   β_{j,i} = exp(s_ij) / Σ_i exp(s_ij)      how much pixel j looks at pixel i
 *   o_j = v(Σ_i β_{j,i} h(x_i)),   y_j = γ o_j + x_j                  (γ starts at 0 in the paper)
 * In this folder's terms: queries g(x), keys f(x), values h(x), unscaled (s = 1), one sequence of
 * N tokens per image. β is (N, N): for a 64×64 map, 16.8 million weights per image (memory.ts).
 * Pixels are rows, row r·W + c for pixel (r, c): X is (B·N, C).
 * Backward: dγ = Σ dY ⊙ O;  dO = γ dY;  dW_v += Hatᵀ dO;  dHat = dO W_vᵀ;  attention backward
 * gives dG, dF, dHh;  dW_f += Xᵀ dF, dW_g += Xᵀ dG, dW_h += Xᵀ dHh;  dX = dY + dF W_fᵀ + dG W_gᵀ + dHh W_hᵀ.
 */
import type {DType, Mat, Param, Rng} from "../../engine/index.js";
import {glorotUniform, mat, matmul, param} from "../../engine/index.js";
import {attentionBackward, attentionForward, type AttentionCache} from "./scaled-dot-product.js";

export interface SaganConfig {
  channels: number;
  /** C̄, the width of f, g and h (SAGAN uses C/8). */
  inner: number;
  /** Initial γ (default 0, as in the paper). */
  gamma?: number;
  dtype?: DType;
}

export interface SaganCache {
  X: Mat; // (B·N, C)
  F: Mat; // f(x): (B·N, C̄)
  G: Mat; // g(x): (B·N, C̄)
  Hh: Mat; // h(x): (B·N, C̄)
  /** β = att.A, (B·N, N): row j is where pixel j looks. */
  att: AttentionCache;
  O: Mat; // v(Σ β h): (B·N, C)
  Y: Mat; // γ O + X: (B·N, C)
}

export class SaganAttention {
  readonly Wf: Param; // (C, C̄)
  readonly Wg: Param; // (C, C̄)
  readonly Wh: Param; // (C, C̄)
  readonly Wv: Param; // (C̄, C)
  readonly gamma: Param; // (1, 1)
  readonly params: Param[];
  readonly dtype: DType;

  constructor(readonly config: SaganConfig, rng: Rng) {
    const {channels: C, inner, gamma = 0, dtype = "float32"} = config;
    this.dtype = dtype;
    this.Wf = param("W_f", C, inner, dtype);
    this.Wg = param("W_g", C, inner, dtype);
    this.Wh = param("W_h", C, inner, dtype);
    this.Wv = param("W_v", inner, C, dtype);
    this.gamma = param("gamma", 1, 1, dtype);
    this.gamma.value.data[0] = gamma;
    for (const p of [this.Wf, this.Wg, this.Wh, this.Wv]) glorotUniform(p.value, rng);
    this.params = [this.Wf, this.Wg, this.Wh, this.Wv, this.gamma];
  }

  /** X: (B·N, C), N = H·W pixels per image. */
  forward(X: Mat, pixels: number): SaganCache {
    const R = X.rows, Cb = this.config.inner, C = this.config.channels;
    const F = matmul(X, this.Wf.value, mat(R, Cb, this.dtype)); // f(x): (B·N, C̄)
    const G = matmul(X, this.Wg.value, mat(R, Cb, this.dtype)); // g(x): (B·N, C̄)
    const Hh = matmul(X, this.Wh.value, mat(R, Cb, this.dtype)); // h(x): (B·N, C̄)
    const att = attentionForward(G, F, Hh, {seqLen: pixels, scale: 1}); // β: (B·N, N); Σ β h: (B·N, C̄)
    const O = matmul(att.O, this.Wv.value, mat(R, C, this.dtype)); // o = v(Σ β h): (B·N, C)
    const g = this.gamma.value.data[0];
    const Y = mat(R, C, this.dtype); // (B·N, C)
    for (let i = 0; i < Y.data.length; i++) Y.data[i] = g * O.data[i] + X.data[i];
    return {X, F, G, Hh, att, O, Y};
  }

  backward(cache: SaganCache, dY: Mat): Mat {
    const {X, att, O} = cache;
    const g = this.gamma.value.data[0], Cb = this.config.inner;
    let dg = 0;
    for (let i = 0; i < dY.data.length; i++) dg += dY.data[i] * O.data[i];
    this.gamma.grad.data[0] += dg; // dγ = Σ dY ⊙ O
    const dO = mat(dY.rows, dY.cols, this.dtype); // γ dY: (B·N, C)
    for (let i = 0; i < dO.data.length; i++) dO.data[i] = g * dY.data[i];
    matmul(att.O, dO, this.Wv.grad, {transA: true, accumulate: true}); // dW_v += (Σβh)ᵀ dO: (C̄, C)
    const dMix = matmul(dO, this.Wv.value, mat(dY.rows, Cb, this.dtype), {transB: true}); // (B·N, C̄)
    const {dQ: dG, dK: dF, dV: dHh} = attentionBackward(att, dMix);
    matmul(X, dF, this.Wf.grad, {transA: true, accumulate: true}); // dW_f += Xᵀ dF
    matmul(X, dG, this.Wg.grad, {transA: true, accumulate: true}); // dW_g += Xᵀ dG
    matmul(X, dHh, this.Wh.grad, {transA: true, accumulate: true}); // dW_h += Xᵀ dHh
    const dX = {rows: dY.rows, cols: dY.cols, data: dY.data.slice()}; // the residual: dY
    matmul(dF, this.Wf.value, dX, {transB: true, accumulate: true}); // + dF W_fᵀ
    matmul(dG, this.Wg.value, dX, {transB: true, accumulate: true}); // + dG W_gᵀ
    matmul(dHh, this.Wh.value, dX, {transB: true, accumulate: true}); // + dHh W_hᵀ
    return dX;
  }
}
