/**
 * Softmax cross-entropy over the vocabulary, averaged over the positions that hold a real token;
 * padding positions (target = pad) count for nothing:
 *   L = (1/|M|) Σ_{i∈M} −log softmax(z_i)[y_i],   M = {i : y_i ≠ pad}
 *   dz_i = (softmax(z_i) − onehot(y_i)) / |M|  for i ∈ M,  0 otherwise
 */
import type {Mat} from "../../engine/index.js";
import {crossEntropyLogits, row} from "../../engine/index.js";

export interface MaskedLoss {
  /** Mean loss in nats over the counted positions. */
  loss: number;
  /** |M|: positions counted. */
  count: number;
  /** Counted positions where argmax z_i = y_i. */
  correct: number;
}

/** Writes ∂L/∂Z into dZ when given (padding rows get zeros). */
export function maskedCrossEntropy(Z: Mat, targets: ArrayLike<number>, pad: number, dZ?: Mat): MaskedLoss {
  if (targets.length !== Z.rows) throw new Error(`maskedCrossEntropy: ${targets.length} targets for ${Z.rows} rows`);
  let total = 0, count = 0, correct = 0;
  for (let i = 0; i < Z.rows; i++) {
    const y = targets[i];
    if (y === pad) {
      if (dZ) row(dZ, i).fill(0);
      continue;
    }
    const z = row(Z, i);
    total += crossEntropyLogits(z, y, undefined, dZ ? row(dZ, i) : undefined);
    count++;
    let best = 0;
    for (let j = 1; j < z.length; j++) if (z[j] > z[best]) best = j;
    if (best === y) correct++;
  }
  if (dZ && count > 0) for (let i = 0; i < dZ.data.length; i++) dZ.data[i] /= count;
  return {loss: count ? total / count : 0, count, correct};
}
