/**
 * What the live models send to the page for a matrix: a plain, structured-cloneable copy
 * {rows, cols, data: Float32Array}, row-major (masked scores stay −∞).
 */
import type {Mat} from "../../engine/index.js";

export interface Grid {
  rows: number;
  cols: number;
  data: Float32Array;
}

export function toGrid(m: Mat): Grid {
  return {rows: m.rows, cols: m.cols, data: Float32Array.from(m.data)};
}

/** Rows r0 … r0 + n − 1 of m as a Grid (one sequence out of a batch). */
export function gridRows(m: Mat, r0: number, n: number): Grid {
  return {rows: n, cols: m.cols, data: Float32Array.from(m.data.subarray(r0 * m.cols, (r0 + n) * m.cols))};
}
