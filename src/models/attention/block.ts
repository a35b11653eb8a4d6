/**
 * Batches of sequences are stacked row-wise: B sequences of n rows each make a (B·n, d) matrix,
 * sequence b in rows b·n … b·n + n − 1. `block` is the view of one sequence (no copy), so the
 * per-sequence kernels write straight into the batch.
 */
import type {Mat} from "../../engine/index.js";

/** Rows b·n … b·n + n − 1 of m, as an (n, m.cols) matrix sharing m's memory. */
export function block(m: Mat, b: number, n: number): Mat {
  const c = m.cols;
  return {rows: n, cols: c, data: m.data.subarray(b * n * c, (b + 1) * n * c)};
}

/** Number of sequences of length n stacked in m (throws if m.rows is not a multiple of n). */
export function batchOf(m: Mat, n: number): number {
  if (n <= 0 || m.rows % n !== 0) throw new Error(`batchOf: ${m.rows} rows are not sequences of ${n}`);
  return m.rows / n;
}
