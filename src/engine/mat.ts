/**
 * Dense row-major matrices and vectors.
 *
 * Models run in float32 (`Float32Array`); gradient checks run the same code in float64, so every
 * kernel accepts either. A vector is a plain typed array; a matrix adds its shape.
 */
export type Arr = Float32Array | Float64Array;
export type DType = "float32" | "float64";

export interface Mat {
  rows: number;
  cols: number;
  /** rows·cols numbers, row-major: element (i, j) is data[i * cols + j]. */
  data: Arr;
}

/** A zero-filled array of length n. */
export function alloc(n: number, dtype: DType = "float32"): Arr {
  return dtype === "float64" ? new Float64Array(n) : new Float32Array(n);
}

/** A zero matrix (rows, cols), or one wrapping `data` without copying. */
export function mat(rows: number, cols: number, dtype: DType = "float32", data?: Arr): Mat {
  if (data && data.length !== rows * cols) throw new Error(`mat: ${data.length} numbers for a ${rows}×${cols} matrix`);
  return {rows, cols, data: data ?? alloc(rows * cols, dtype)};
}

export function dtypeOf(a: Arr): DType {
  return a instanceof Float64Array ? "float64" : "float32";
}

/** Row i of m as a view (no copy). */
export function row(m: Mat, i: number): Arr {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}

/** A copy of m. */
export function clone(m: Mat): Mat {
  return {rows: m.rows, cols: m.cols, data: m.data.slice()};
}

/** m as nested arrays (for display and tests). */
export function toRows(m: Mat): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) out.push(Array.from(row(m, i)));
  return out;
}

/** A matrix from nested arrays. */
export function fromRows(rows: number[][], dtype: DType = "float32"): Mat {
  const r = rows.length, c = r ? rows[0].length : 0;
  const m = mat(r, c, dtype);
  for (let i = 0; i < r; i++) {
    if (rows[i].length !== c) throw new Error("fromRows: ragged rows");
    m.data.set(rows[i], i * c);
  }
  return m;
}
