/** Weight initialisers; each takes the Rng it draws from. */
import type {Mat} from "./mat.js";
import type {Rng} from "./rng.js";

/** Glorot/Xavier uniform: U(−a, a), a = √(6 / (fan_in + fan_out)) (Glorot & Bengio, 2010). */
export function glorotUniform(m: Mat, rng: Rng): Mat {
  const a = Math.sqrt(6 / (m.rows + m.cols));
  for (let i = 0; i < m.data.length; i++) m.data[i] = (2 * rng.uniform() - 1) * a;
  return m;
}

/** Independent normal entries with standard deviation `std`. */
export function normalInit(m: Mat, rng: Rng, std: number): Mat {
  for (let i = 0; i < m.data.length; i++) m.data[i] = rng.normal() * std;
  return m;
}

/** Uniform entries in [−a, a]. */
export function uniformInit(m: Mat, rng: Rng, a: number): Mat {
  for (let i = 0; i < m.data.length; i++) m.data[i] = (2 * rng.uniform() - 1) * a;
  return m;
}

/** A random orthogonal matrix (square), by Gram–Schmidt on normal columns, in float64. */
export function orthogonal(m: Mat, rng: Rng): Mat {
  const n = m.rows;
  if (m.cols !== n) throw new Error("orthogonal: square matrices only");
  const q = new Float64Array(n * n); // q[j*n + i]: column j
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) q[j * n + i] = rng.normal();
    for (let p = 0; p < j; p++) {
      let d = 0;
      for (let i = 0; i < n; i++) d += q[j * n + i] * q[p * n + i];
      for (let i = 0; i < n; i++) q[j * n + i] -= d * q[p * n + i];
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += q[j * n + i] ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < n; i++) q[j * n + i] /= norm;
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m.data[i * n + j] = q[j * n + i];
  return m;
}
