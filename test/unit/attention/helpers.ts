/** Shared pieces of the attention tests: random matrices, a linear probe loss, gradient checks. */
import type {DType, Mat, Param} from "../../../src/engine/index.js";
import {gradCheck, mat, zeroGrads} from "../../../src/engine/index.js";
import {Rng} from "../../../src/engine/rng.js";

/** A (rows, cols) matrix with entries uniform in [−a, a). */
export function randomMat(rng: Rng, rows: number, cols: number, dtype: DType = "float64", a = 1): Mat {
  const m = mat(rows, cols, dtype);
  for (let i = 0; i < m.data.length; i++) m.data[i] = (2 * rng.uniform() - 1) * a;
  return m;
}

/** L = Σ R ⊙ Y: a scalar whose gradient with respect to Y is R. */
export function probe(Y: Mat, R: Mat): number {
  let s = 0;
  for (let i = 0; i < Y.data.length; i++) s += Y.data[i] * R.data[i];
  return s;
}

/** Central differences of f with respect to every entry of x (perturbed in place and restored). */
export function numericGrad(f: () => number, x: Float32Array | Float64Array, h = 1e-6): Float64Array {
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

/** max |a − n| / max(|a| + |n|, floor). */
export function maxRelError(a: ArrayLike<number>, n: ArrayLike<number>, floor = 1e-6): number {
  let e = 0;
  for (let i = 0; i < a.length; i++) e = Math.max(e, Math.abs(a[i] - n[i]) / Math.max(Math.abs(a[i]) + Math.abs(n[i]), floor));
  return e;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`maxAbsDiff: lengths ${a.length} and ${b.length}`);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

/**
 * Checks a layer's backward: `run` does the forward from the current values and returns Y;
 * `back` runs the backward with dY and returns the input gradients keyed like `inputs`.
 * Returns the worst relative error over the parameters and the inputs.
 */
export function checkLayer(
  params: Param[],
  inputs: Record<string, Mat>,
  run: () => Mat,
  back: (dY: Mat) => Record<string, Mat>,
  rng: Rng
): {params: number; inputs: Record<string, number>} {
  const Y = run();
  const R = randomMat(rng, Y.rows, Y.cols, "float64");
  zeroGrads(params);
  const dIn = back(R);
  const loss = () => probe(run(), R);
  const p = params.length ? gradCheck(params, loss, {h: 1e-6, floor: 1e-6}).maxRelError : 0;
  const errs: Record<string, number> = {};
  for (const name in inputs) errs[name] = maxRelError(dIn[name].data, numericGrad(loss, inputs[name].data));
  return {params: p, inputs: errs};
}

export {Rng};
