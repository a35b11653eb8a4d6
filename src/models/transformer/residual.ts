/**
 * A residual connection (He et al., 2016), as the Transformer wraps each sub-layer:
 *   y = x + Sublayer(x)
 * Backward: the gradient arrives unchanged at both addends, dx = dy (straight through) plus
 * whatever the sub-layer's backward returns: that identity path is why deep stacks still train.
 */
import type {Mat} from "../../engine/index.js";
import {dtypeOf, mat} from "../../engine/index.js";

/** y = x + f, a new matrix (x and f are left as they were, so the trace can show all three). */
export function residual(x: Mat, f: Mat): Mat {
  if (x.rows !== f.rows || x.cols !== f.cols) throw new Error(`residual: ${x.rows}×${x.cols} + ${f.rows}×${f.cols}`);
  const y = mat(x.rows, x.cols, dtypeOf(x.data)); // (N, d)
  for (let i = 0; i < y.data.length; i++) y.data[i] = x.data[i] + f.data[i];
  return y;
}

/** dx = dy + dx from the sub-layer path; accumulates into `into` and returns it. */
export function residualBackward(dy: Mat, into: Mat): Mat {
  for (let i = 0; i < into.data.length; i++) into.data[i] += dy.data[i];
  return into;
}
