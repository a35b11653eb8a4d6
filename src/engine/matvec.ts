/**
 * Matrix–vector products and the outer-product update, the kernels of a recurrent step:
 *   y = W·x (+ y)        forward,   W: (rows, cols), x: cols, y: rows
 *   y = Wᵀ·x (+ y)       backward,  x: rows, y: cols
 *   W += x·yᵀ            gradient of W from one step, x: rows, y: cols
 * The products are matmuls with one column, so they run gemm's 4×1 blocks: four rows of W (or four
 * columns, for Wᵀ) against one read of x per step, four running sums.
 */
import type {Arr, Mat} from "./mat.js";
import {gemm} from "./gemm.js";

export function matvec(W: Mat, x: Arr, y: Arr, accumulate = false): Arr {
  const {rows, cols, data: w} = W;
  if (x.length !== cols || y.length !== rows) throw new Error(`matvec: ${rows}×${cols} by ${x.length} into ${y.length}`);
  if (!accumulate) y.fill(0);
  gemm(w, x, y, rows, cols, 1, {ars: cols, aps: 1, bps: 1, bcs: 1}); // y (rows, 1) += W (rows, cols) · x (cols, 1)
  return y;
}

export function matvecT(W: Mat, x: Arr, y: Arr, accumulate = false): Arr {
  const {rows, cols, data: w} = W;
  if (x.length !== rows || y.length !== cols) throw new Error(`matvecT: (${rows}×${cols})ᵀ by ${x.length} into ${y.length}`);
  if (!accumulate) y.fill(0);
  gemm(w, x, y, cols, rows, 1, {ars: 1, aps: cols, bps: 1, bcs: 1}); // y (cols, 1) += Wᵀ (cols, rows) · x (rows, 1)
  return y;
}

/** Rows where x_i = 0 are skipped (one-hot inputs touch one row). */
export function outerAcc(x: Arr, y: Arr, W: Mat): Mat {
  const {rows, cols, data: w} = W;
  if (x.length !== rows || y.length !== cols) throw new Error(`outerAcc: ${x.length}·${y.length}ᵀ into ${rows}×${cols}`);
  for (let i = 0; i < rows; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    const wi = i * cols;
    for (let j = 0; j < cols; j++) w[wi + j] += xi * y[j];
  }
  return W;
}
