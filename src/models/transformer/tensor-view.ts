/** A tensor as the page receives it: plain, structured-cloneable, float32, with its page name. */
import type {Mat} from "../../engine/index.js";

export interface TensorView {
  /** The symbol on the page, e.g. "LN(x)" or "A₁ = softmax(Q₁K₁ᵀ/√d_k)". */
  name: string;
  rows: number;
  cols: number;
  /** Row-major values. */
  data: Float32Array;
  /** One label per row (the tokens), and per column where columns are tokens too. */
  rowLabels: string[];
  colLabels?: string[];
}

/** Rows from…from + count of m, copied into a TensorView. */
export function tensorView(name: string, m: Mat, rowLabels: string[], colLabels?: string[], from = 0, count = m.rows): TensorView {
  const data = Float32Array.from(m.data.subarray(from * m.cols, (from + count) * m.cols));
  return {name, rows: count, cols: m.cols, data, rowLabels, ...(colLabels ? {colLabels} : {})};
}
