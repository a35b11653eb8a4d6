/** Shared pieces of the Transformer tests: random inputs and a finite-difference check of one block. */
import type {DType, Mat, Param} from "../../../src/engine/index.js";
import {gradCheck, mat, Rng, zeroGrads} from "../../../src/engine/index.js";

/** A (rows, cols) matrix with entries uniform in [−scale, scale). */
export function randomMat(rng: Rng, rows: number, cols: number, dtype: DType = "float64", scale = 1): Mat {
  const m = mat(rows, cols, dtype);
  for (let i = 0; i < m.data.length; i++) m.data[i] = (2 * rng.uniform() - 1) * scale;
  return m;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`maxAbsDiff: lengths ${a.length} and ${b.length}`);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

/** Σ a ⊙ b. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export interface BlockRun {
  Y: Mat;
  /** Runs the block's backward for dY; returns ∂L/∂(each checked input), in order. */
  backward(dY: Mat): Mat[];
}

export interface BlockCheck {
  /** Worst relative error over the parameters' entries. */
  params: number;
  /** Worst relative error over the inputs' entries. */
  inputs: number;
  worst: string;
}

/**
 * Checks a block with the scalar L = Σ R ⊙ Y for a fixed random R (so dY = R): analytic parameter
 * and input gradients against central differences, in float64.
 */
export function checkBlock(params: Param[], inputs: Mat[], run: () => BlockRun, rng: Rng, h = 1e-5): BlockCheck {
  const first = run();
  const R = randomMat(rng, first.Y.rows, first.Y.cols);
  const loss = () => dot(run().Y.data, R.data);
  zeroGrads(params);
  const dInputs = run().backward(R);
  const p = gradCheck(params, loss, {h, floor: 1e-7});
  let inputs_ = 0, worst = p.worst ? `${p.worst.param}[${p.worst.index}]` : "";
  inputs.forEach((X, k) => {
    for (let i = 0; i < X.data.length; i++) {
      const x0 = X.data[i];
      X.data[i] = x0 + h;
      const lp = loss();
      X.data[i] = x0 - h;
      const lm = loss();
      X.data[i] = x0;
      const n = (lp - lm) / (2 * h), a = dInputs[k].data[i];
      const rel = Math.abs(a - n) / Math.max(Math.abs(a) + Math.abs(n), 1e-7);
      if (rel > inputs_) {
        inputs_ = rel;
        if (rel > p.maxRelError) worst = `input ${k}[${i}]`;
      }
    }
  });
  return {params: p.maxRelError, inputs: inputs_, worst};
}

export {Rng};
