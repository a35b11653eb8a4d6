/**
 * Attention weights and the context vector (Bahdanau et al. 2015, eq. 5–6):
 *   α_{t,i} = exp(e_{t,i}) / Σ_k exp(e_{t,k})        c_t = Σ_i α_{t,i} h_i
 * Backward (dX is ∂L/∂X):
 *   dα_{t,i} = dc_t · h_i;   dh_i += α_{t,i} dc_t;   de_{t,i} = α_{t,i} (dα_{t,i} − Σ_k α_{t,k} dα_{t,k})
 */
import type {Mat} from "../../engine/index.js";
import {dtypeOf, mat, row, softmax, softmaxBackward} from "../../engine/index.js";

/** α = softmax over each row of e (B, n); c = Σ_i α_i h_i: (B, D). */
export function attend(e: Mat, hs: Mat[]): {alpha: Mat; c: Mat} {
  const B = e.rows, n = e.cols, D = hs[0].cols;
  const alpha = mat(B, n, dtypeOf(e.data)); // α_t: (B, n)
  const c = mat(B, D, dtypeOf(e.data)); // c_t: (B, D)
  for (let b = 0; b < B; b++) {
    softmax(row(e, b), row(alpha, b));
    for (let i = 0; i < n; i++) {
      const w = alpha.data[b * n + i], h = hs[i].data;
      for (let j = 0; j < D; j++) c.data[b * D + j] += w * h[b * D + j];
    }
  }
  return {alpha, c};
}

/** From dc (B, D): adds α_i dc into dhs[i] and returns de (B, n). */
export function attendBackward(alpha: Mat, hs: Mat[], dc: Mat, dhs: Mat[]): Mat {
  const B = alpha.rows, n = alpha.cols, D = dc.cols;
  const dalpha = mat(B, n, dtypeOf(alpha.data)); // dα: (B, n)
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < n; i++) {
      const w = alpha.data[b * n + i], h = hs[i].data, dh = dhs[i].data;
      let dot = 0;
      for (let j = 0; j < D; j++) {
        dot += dc.data[b * D + j] * h[b * D + j];
        dh[b * D + j] += w * dc.data[b * D + j];
      }
      dalpha.data[b * n + i] = dot;
    }
    softmaxBackward(row(alpha, b), row(dalpha, b), row(dalpha, b)); // de, in place
  }
  return dalpha;
}
