/** The class each row of logits Z (N, classes) picks, and its softmax probability. */
import type {Mat} from "../../engine/index.js";

export function argmaxRows(Z: Mat): {ids: number[]; p: number[]} {
  const ids: number[] = [], p: number[] = [];
  for (let r = 0; r < Z.rows; r++) {
    const z = Z.data.subarray(r * Z.cols, (r + 1) * Z.cols);
    let best = 0;
    for (let j = 1; j < z.length; j++) if (z[j] > z[best]) best = j;
    let sum = 0;
    for (let j = 0; j < z.length; j++) sum += Math.exp(z[j] - z[best]);
    ids.push(best);
    p.push(1 / sum);
  }
  return {ids, p};
}
