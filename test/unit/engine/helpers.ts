/** Shared pieces of the engine tests: random inputs, plain reference loops and finite differences. */
import {mat, type Arr, type DType, type Mat} from "../../../src/engine/index.js";
import {Rng} from "../../../src/engine/rng.js";

export const DTYPES: DType[] = ["float32", "float64"];

/** A (rows, cols) matrix with entries uniform in [−1, 1). */
export function randomMat(rng: Rng, rows: number, cols: number, dtype: DType = "float64"): Mat {
  const m = mat(rows, cols, dtype);
  for (let i = 0; i < m.data.length; i++) m.data[i] = 2 * rng.uniform() - 1;
  return m;
}

/** A vector of n entries uniform in [−1, 1). */
export function randomVec(rng: Rng, n: number, dtype: DType = "float64"): Arr {
  return randomMat(rng, 1, n, dtype).data;
}

/** Element (i, j) of op(m). */
export function at(m: Mat, i: number, j: number, trans = false): number {
  return trans ? m.data[j * m.cols + i] : m.data[i * m.cols + j];
}

/** The textbook triple loop, in float64: op(A)·op(B). */
export function naiveMatmul(A: Mat, B: Mat, transA = false, transB = false): Float64Array {
  const m = transA ? A.cols : A.rows, k = transA ? A.rows : A.cols, n = transB ? B.rows : B.cols;
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += at(A, i, p, transA) * at(B, p, j, transB);
      c[i * n + j] = s;
    }
  }
  return c;
}

/** max_i |a_i − b_i|. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`maxAbsDiff: lengths ${a.length} and ${b.length}`);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

/** Central differences of a scalar function f at x (x is perturbed and restored in place). */
export function numericGrad(f: () => number, x: Arr, h = 1e-6): Float64Array {
  const g = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const x0 = x[i];
    x[i] = x0 + h;
    const fp = f();
    x[i] = x0 - h;
    const fm = f();
    x[i] = x0;
    g[i] = (fp - fm) / (2 * h);
  }
  return g;
}

/**
 * max |a − n| / max(|a| + |n|, floor): the relative error gradCheck reports. The floor makes entries
 * near zero compare absolutely, since central differences carry ~1e-10 of rounding noise.
 */
export function maxRelError(a: ArrayLike<number>, n: ArrayLike<number>, floor = 1e-3): number {
  let e = 0;
  for (let i = 0; i < a.length; i++) e = Math.max(e, Math.abs(a[i] - n[i]) / Math.max(Math.abs(a[i]) + Math.abs(n[i]), floor));
  return e;
}
