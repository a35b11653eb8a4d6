/**
 * Sinusoidal position encodings (Vaswani et al., 2017, §3.5):
 *   PE(pos, 2i) = sin(pos / 10000^(2i/d)),   PE(pos, 2i+1) = cos(pos / 10000^(2i/d))
 * Column pair (2i, 2i+1) turns at its own frequency, so PE(pos + k) is a fixed rotation of
 * PE(pos) for every pos: a relative offset is a linear function of the code.
 */
import type {DType, Mat} from "../../engine/index.js";
import {mat} from "../../engine/index.js";

/** PE for positions 0 … n − 1, (n, d). */
export function sinusoidalPositions(n: number, d: number, dtype: DType = "float32"): Mat {
  const PE = mat(n, d, dtype); // (n, d)
  for (let pos = 0; pos < n; pos++) {
    for (let c = 0; c < d; c += 2) {
      const angle = pos / Math.pow(10000, c / d); // c = 2i
      PE.data[pos * d + c] = Math.sin(angle);
      if (c + 1 < d) PE.data[pos * d + c + 1] = Math.cos(angle);
    }
  }
  return PE;
}
