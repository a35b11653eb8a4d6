/** Side-by-side blocks of a batch: [A; B] along the columns, and taking one block back out. */
import type {Mat} from "../../engine/index.js";
import {dtypeOf, mat} from "../../engine/index.js";

/** [A B]: (rows, A.cols + B.cols). */
export function concatCols(A: Mat, B: Mat): Mat {
  const C = mat(A.rows, A.cols + B.cols, dtypeOf(A.data)); // (rows, a + b)
  for (let i = 0; i < A.rows; i++) {
    C.data.set(A.data.subarray(i * A.cols, (i + 1) * A.cols), i * C.cols);
    C.data.set(B.data.subarray(i * B.cols, (i + 1) * B.cols), i * C.cols + A.cols);
  }
  return C;
}

/** Columns [from, from + cols) of M as a new matrix: (rows, cols). */
export function sliceCols(M: Mat, from: number, cols: number): Mat {
  const S = mat(M.rows, cols, dtypeOf(M.data)); // (rows, cols)
  for (let i = 0; i < M.rows; i++) S.data.set(M.data.subarray(i * M.cols + from, i * M.cols + from + cols), i * cols);
  return S;
}

/** M[:, from : from + S.cols] += S. */
export function addIntoCols(M: Mat, S: Mat, from: number): Mat {
  for (let i = 0; i < M.rows; i++) {
    const o = i * M.cols + from, s = i * S.cols;
    for (let j = 0; j < S.cols; j++) M.data[o + j] += S.data[s + j];
  }
  return M;
}

/** One-hot rows: (ids.length, size), row b has a 1 in column ids[b]. */
export function oneHot(ids: ArrayLike<number>, size: number, dtype: "float32" | "float64"): Mat {
  const M = mat(ids.length, size, dtype); // (B, V)
  for (let b = 0; b < ids.length; b++) M.data[b * size + ids[b]] = 1;
  return M;
}
