/**
 * The demo's toy data: K interleaved spiral arms in the plane, one class per arm. Point i of arm k,
 * with r = i / n ∈ [0, 1):
 *   θ = 2πk / K + 4r + ε,  ε ~ N(0, noise²);   x = (r cos θ, r sin θ)
 * No straight line separates the arms, so a linear read-out cannot fit them and a hidden layer can.
 */
import type {Mat, Rng} from "../engine/index.js";
import {mat} from "../engine/index.js";

export interface SpiralConfig {
  /** Number of arms (classes), K. */
  classes: number;
  /** Points per arm, n. */
  perClass: number;
  /** Standard deviation of the angle noise, in radians. */
  noise: number;
}

export interface Dataset {
  /** Inputs, (N, 2) with N = K·n. */
  X: Mat;
  /** Class of each row, in [0, K). */
  y: Int32Array;
}

export function spirals({classes, perClass, noise}: SpiralConfig, rng: Rng): Dataset {
  const N = classes * perClass;
  const X = mat(N, 2, "float64"); // X: (N, 2)
  const y = new Int32Array(N);
  for (let k = 0; k < classes; k++) {
    for (let i = 0; i < perClass; i++) {
      const r = i / perClass;
      const theta = (2 * Math.PI * k) / classes + 4 * r + noise * rng.normal();
      const row = k * perClass + i;
      X.data[2 * row] = r * Math.cos(theta);
      X.data[2 * row + 1] = r * Math.sin(theta);
      y[row] = k;
    }
  }
  return {X, y};
}
