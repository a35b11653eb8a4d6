/**
 * A 1-D convolution layer over a sequence, d channels in and out, kernel width k (odd), zero
 * padding so the output has n rows like the input ("same"): the third kind of layer in Table 1 of
 * Vaswani et al. (2017), there only to be counted and timed against self-attention and recurrence.
 *   Y[t] = b + Σ_{j=0}^{k−1} X̃[t + j] W_j,   X̃ = X with ⌊k/2⌋ zero rows above and below
 * Each tap j is one (n, d)·(d, d) product over a shifted view of X̃: exactly k·n·d² multiply-adds.
 */
import type {DType, Mat, Param, Rng} from "../../engine/index.js";
import {addRowVector, glorotUniform, mat, matmul, param} from "../../engine/index.js";

export class Conv1d {
  /** W_0 … W_{k−1}, each (d, d). */
  readonly W: Param[];
  readonly b: Param; // (1, d)
  readonly params: Param[];

  constructor(readonly d: number, readonly k: number, rng: Rng, readonly dtype: DType = "float32") {
    if (k < 1 || k % 2 === 0) throw new Error(`Conv1d: the kernel width must be odd, not ${k}`);
    this.W = Array.from({length: k}, (_, j) => param(`conv.W_${j}`, d, d, dtype));
    for (const w of this.W) glorotUniform(w.value, rng);
    this.b = param("conv.b", 1, d, dtype);
    this.params = [...this.W, this.b];
  }

  /** X: (n, d) → Y: (n, d). */
  forward(X: Mat): Mat {
    const n = X.rows, d = this.d, pad = (this.k - 1) / 2;
    const Xp = mat(n + 2 * pad, d, this.dtype); // X̃: (n + k − 1, d)
    Xp.data.set(X.data, pad * d);
    const Y = mat(n, d, this.dtype); // (n, d)
    for (let j = 0; j < this.k; j++) {
      const shifted = {rows: n, cols: d, data: Xp.data.subarray(j * d, (j + n) * d)}; // X̃[j … j + n − 1]: (n, d)
      matmul(shifted, this.W[j].value, Y, {accumulate: true}); // += X̃ W_j: (n, d)
    }
    return addRowVector(Y, this.b.value.data);
  }
}
