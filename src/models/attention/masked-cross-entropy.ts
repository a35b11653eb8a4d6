/**
 * Mean cross-entropy over the rows that ask for an answer (target ≥ 0); rows with target −1
 * (a start token, padding) add nothing and get a zero gradient.
 *   J = (1/N) Σ_{r: y_r ≥ 0} −log softmax(z_r)_{y_r},   dz_r = (softmax(z_r) − onehot(y_r)) / N
 */
import type {Mat} from "../../engine/index.js";
import {crossEntropyLogits, row} from "../../engine/index.js";

export interface MaskedCE {
  loss: number;
  /** Rows counted (N) and those whose argmax is the target. */
  count: number;
  correct: number;
}

export function maskedCrossEntropy(Z: Mat, targets: ArrayLike<number>, dZ?: Mat): MaskedCE {
  let total = 0, count = 0, correct = 0;
  if (dZ) dZ.data.fill(0);
  for (let r = 0; r < Z.rows; r++) {
    const y = targets[r];
    if (y < 0) continue;
    const z = row(Z, r);
    total += crossEntropyLogits(z, y, undefined, dZ ? row(dZ, r) : undefined);
    let best = 0;
    for (let j = 1; j < z.length; j++) if (z[j] > z[best]) best = j;
    if (best === y) correct++;
    count++;
  }
  if (dZ && count) for (let i = 0; i < dZ.data.length; i++) dZ.data[i] /= count;
  return {loss: count ? total / count : 0, count, correct};
}
