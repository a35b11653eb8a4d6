/**
 * Matrix–vector products and the outer-product update, the kernels of a recurrent step:
 *   y = W·x (+ y)        forward,   W: (rows, cols), x: cols, y: rows
 *   y = Wᵀ·x (+ y)       backward,  x: rows, y: cols
 *   W += x·yᵀ            gradient of W from one step, x: rows, y: cols
 */
import type {Arr, Mat} from "./mat.js";

export function matvec(W: Mat, x: Arr, y: Arr, accumulate = false): Arr {
  const {rows, cols, data: w} = W;
  if (x.length !== cols || y.length !== rows) throw new Error(`matvec: ${rows}×${cols} by ${x.length} into ${y.length}`);
  for (let i = 0; i < rows; i++) {
    const wi = i * cols;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    let j = 0;
    for (; j + 3 < cols; j += 4) {
      s0 += w[wi + j] * x[j];
      s1 += w[wi + j + 1] * x[j + 1];
      s2 += w[wi + j + 2] * x[j + 2];
      s3 += w[wi + j + 3] * x[j + 3];
    }
    for (; j < cols; j++) s0 += w[wi + j] * x[j];
    const s = s0 + s1 + s2 + s3;
    y[i] = accumulate ? y[i] + s : s;
  }
  return y;
}

export function matvecT(W: Mat, x: Arr, y: Arr, accumulate = false): Arr {
  const {rows, cols, data: w} = W;
  if (x.length !== rows || y.length !== cols) throw new Error(`matvecT: (${rows}×${cols})ᵀ by ${x.length} into ${y.length}`);
  if (!accumulate) y.fill(0);
  for (let i = 0; i < rows; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    const wi = i * cols;
    for (let j = 0; j < cols; j++) y[j] += xi * w[wi + j];
  }
  return y;
}

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
