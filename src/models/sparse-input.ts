/**
 * The input term of a recurrent cell when the inputs are mostly zeros (one-hot characters):
 *   Z += X W_xᵀ       row r of Z gains x_rp · (column p of W_x) for each nonzero x_rp
 *   dW_x += dZᵀ X     column p of dW_x gains x_rp · (row r of dZ) for each nonzero x_rp
 * For a one-hot row that is one column of H numbers instead of a product over all I inputs.
 */
import type {Mat} from "../engine/index.js";

/** True when at most 1/8 of X's entries are nonzero, where skipping zeros pays. */
export function isSparse(X: Mat): boolean {
  const x = X.data;
  let nnz = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== 0) nnz++;
  return nnz * 8 <= x.length;
}

/** Z (N, H) += X (N, I) · W_xᵀ, W_x (H, I), visiting only X's nonzeros. */
export function addSparseProduct(X: Mat, Wx: Mat, Z: Mat): void {
  const {rows: N, cols: I, data: x} = X, H = Wx.rows, w = Wx.data, z = Z.data;
  for (let r = 0; r < N; r++) {
    for (let p = 0; p < I; p++) {
      const v = x[r * I + p];
      if (v === 0) continue;
      for (let j = 0; j < H; j++) z[r * H + j] += v * w[j * I + p];
    }
  }
}

/** dW_x (H, I) += dZ (N, H)ᵀ · X (N, I), visiting only X's nonzeros. */
export function accSparseGrad(dZ: Mat, X: Mat, dWx: Mat): void {
  const {rows: N, cols: I, data: x} = X, H = dZ.cols, dz = dZ.data, g = dWx.data;
  for (let r = 0; r < N; r++) {
    for (let p = 0; p < I; p++) {
      const v = x[r * I + p];
      if (v === 0) continue;
      for (let j = 0; j < H; j++) g[j * I + p] += v * dz[r * H + j];
    }
  }
}
