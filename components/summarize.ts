/**
 * Summaries of vectors and matrices for the number panels (no DOM): the first entries, then the
 * Euclidean norm ‖v‖ = √(Σ vᵢ²), the minimum and the maximum over the finite entries.
 */

export interface MatrixLike {
  rows: number;
  cols: number;
  /** rows·cols numbers, row-major. */
  data: ArrayLike<number>;
}

export interface Summary {
  length: number;
  /** The first entries, in order. */
  head: number[];
  /** How many entries the head leaves out. */
  omitted: number;
  norm: number;
  min: number;
  max: number;
  /** Entries that are NaN or ±∞ (left out of norm, min and max). */
  nonFinite: number;
}

export function summarize(v: ArrayLike<number>, headLength = 6): Summary {
  let s = 0, min = Infinity, max = -Infinity, nonFinite = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (!Number.isFinite(x)) {
      nonFinite++;
      continue;
    }
    s += x * x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const k = Math.min(headLength, v.length);
  const head: number[] = [];
  for (let i = 0; i < k; i++) head.push(v[i]);
  const finite = v.length - nonFinite;
  return {length: v.length, head, omitted: v.length - k, norm: Math.sqrt(s), min: finite ? min : NaN, max: finite ? max : NaN, nonFinite};
}

export function isMatrixLike(x: unknown): x is MatrixLike {
  if (typeof x !== "object" || x === null) return false;
  const m = x as Partial<MatrixLike>;
  return typeof m.rows === "number" && typeof m.cols === "number" && m.data !== undefined && typeof m.data.length === "number";
}

/** A matrix from nested rows (or the matrix itself). Ragged rows are an error. */
export function toMatrix(m: MatrixLike | ArrayLike<ArrayLike<number>>): MatrixLike {
  if (isMatrixLike(m)) {
    if (m.data.length !== m.rows * m.cols) throw new Error(`matrix: ${m.data.length} numbers for ${m.rows}×${m.cols}`);
    return m;
  }
  const rows = m.length, cols = rows ? m[0].length : 0;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    if (m[i].length !== cols) throw new Error("matrix: ragged rows");
    for (let j = 0; j < cols; j++) data[i * cols + j] = m[i][j];
  }
  return {rows, cols, data};
}

/** The top-left corner of m, at most maxRows × maxCols, as nested arrays. */
export function corner(m: MatrixLike, maxRows: number, maxCols: number): number[][] {
  const r = Math.min(m.rows, maxRows), c = Math.min(m.cols, maxCols);
  const out: number[][] = [];
  for (let i = 0; i < r; i++) {
    const row: number[] = [];
    for (let j = 0; j < c; j++) row.push(m.data[i * m.cols + j]);
    out.push(row);
  }
  return out;
}
