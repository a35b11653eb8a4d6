/** Broadcasting a bias over the rows of a batch, and its backward (a sum over the rows). */
import type {Arr, Mat} from "./mat.js";

/** m[i, :] += v for every row i. */
export function addRowVector(m: Mat, v: ArrayLike<number>): Mat {
  const {rows, cols, data} = m;
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) data[o + j] += v[j];
  }
  return m;
}

/** out[j] += Σ_i m[i, j] (the gradient of a bias added to every row). */
export function sumRowsInto(m: Mat, out: Arr): Arr {
  const {rows, cols, data} = m;
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) out[j] += data[o + j];
  }
  return out;
}
