/**
 * Cross-entropy of a softmax over logits z against the target class y:
 *   J = −log ŷ_y,  ŷ = softmax(z),  computed as log Σ exp(z − max) − (z_y − max).
 *   dz = ŷ − onehot(y)
 * Minimising the sum over a text is maximising its likelihood under the model.
 */
import type {Arr, Mat} from "./mat.js";
import {row} from "./mat.js";

/** Loss in nats; writes ŷ into probs and ∂J/∂z into dz (either may be omitted). */
export function crossEntropyLogits(z: Arr, y: number, probs?: Arr, dz?: Arr): number {
  const n = z.length;
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (z[i] > max) max = z[i];
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.exp(z[i] - max);
  const logSum = Math.log(sum);
  if (probs || dz) {
    for (let i = 0; i < n; i++) {
      const p = Math.exp(z[i] - max - logSum);
      if (probs) probs[i] = p;
      if (dz) dz[i] = p - (i === y ? 1 : 0);
    }
  }
  return logSum - (z[y] - max);
}

/** Mean cross-entropy over the rows of Z (one target per row); dZ gets the gradient of the mean. */
export function crossEntropyRows(Z: Mat, targets: ArrayLike<number>, dZ?: Mat): number {
  let total = 0;
  for (let i = 0; i < Z.rows; i++) {
    total += crossEntropyLogits(row(Z, i), targets[i], undefined, dZ ? row(dZ, i) : undefined);
  }
  if (dZ) for (let i = 0; i < dZ.data.length; i++) dZ.data[i] /= Z.rows;
  return total / Z.rows;
}

/** Mean squared error ½-free: J = mean (ŷ − y)²; dŷ = 2(ŷ − y)/n. */
export function mse(yhat: Arr, y: ArrayLike<number>, dyhat?: Arr): number {
  let s = 0;
  const n = yhat.length;
  for (let i = 0; i < n; i++) {
    const d = yhat[i] - y[i];
    s += d * d;
    if (dyhat) dyhat[i] = (2 * d) / n;
  }
  return s / n;
}
