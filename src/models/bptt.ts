/**
 * How a gradient travels back through time in the vanilla RNN (chapter 2). With h(j) = σ(z(j)),
 * z(j) = W_h h(j−1) + W_x x(j) + b:
 *   ∂h(j)/∂h(j−1) = diag(σ′(z(j))) W_h
 *   ∂h(t)/∂h(k)   = Π_{j=k+1..t} diag(σ′(z(j))) W_h          (the factor for j = t leftmost)
 *   ∂J(t)/∂h(k)   = (∂h(t)/∂h(k))ᵀ ∂J(t)/∂h(t)
 * and since ‖diag(σ′)‖ ≤ γ = sup|σ′| (1 for tanh and ReLU, 1/4 for the sigmoid) and ‖W_h‖ = s,
 *   ‖∂h(t)/∂h(k)‖ ≤ (γ s)^(t−k):
 * when γs < 1 the gradient reaching step k from step t vanishes exponentially in the distance
 * t − k; γs > 1 is necessary (not sufficient) for it to explode. (Pascanu, Mikolov & Bengio, 2013,
 * "On the difficulty of training recurrent neural networks", §2–3; Bengio, Simard & Frasconi, 1994.)
 *
 * Everything here runs in float64 on one sequence (B = 1). Steps are numbered t = 1…T as on the
 * page; derivs[j − 1] holds σ′(z(j)).
 */
import type {Activation, Mat} from "../engine/index.js";
import {derivFromOutput, mat, matmul, matvec, matvecT} from "../engine/index.js";
import {largestSingularValue} from "./spectral.js";

function norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

/** σ′(z(j)) for j = 1…T, read from the states h(j) (each (1, H)). */
export function derivatives(activation: Activation, hs: Mat[]): Float64Array[] {
  return hs.map((h) => Float64Array.from(h.data, (y) => derivFromOutput(activation, y)));
}

/** W_h as a float64 matrix (a copy). */
export function float64(W: Mat): Mat {
  return mat(W.rows, W.cols, "float64", Float64Array.from(W.data));
}

/** (∂h(t)/∂h(k)) v: apply diag(σ′(z(j))) W_h for j = k+1, …, t in turn. */
export function jacobianTimes(Wh: Mat, derivs: Float64Array[], k: number, t: number, v: ArrayLike<number>): Float64Array {
  let u = Float64Array.from(v);
  let w = new Float64Array(Wh.rows);
  for (let j = k + 1; j <= t; j++) {
    matvec(Wh, u, w); // W_h u: (H)
    const d = derivs[j - 1];
    for (let i = 0; i < w.length; i++) w[i] *= d[i]; // diag(σ′(z(j))) W_h u
    [u, w] = [w, u];
  }
  return u;
}

/** (∂h(t)/∂h(k))ᵀ g: backpropagation from step t down to step k, g ← W_hᵀ (σ′(z(j)) ⊙ g). */
export function jacobianTransposeTimes(Wh: Mat, derivs: Float64Array[], k: number, t: number, g: ArrayLike<number>): Float64Array {
  const u = Float64Array.from(g);
  const w = new Float64Array(u.length);
  for (let j = t; j > k; j--) {
    const d = derivs[j - 1];
    for (let i = 0; i < u.length; i++) w[i] = d[i] * u[i]; // σ′(z(j)) ⊙ g
    matvecT(Wh, w, u); // W_hᵀ (…): (H)
  }
  return u;
}

export interface GradientNorms {
  T: number;
  /** ‖∂J(t)/∂h(k)‖ at index (t−1)·T + (k−1), for 1 ≤ k ≤ t ≤ T; NaN where k > t. */
  norms: Float64Array;
  /** ‖∂J(t)/∂h(k)‖ / ‖∂J(t)/∂h(t)‖: the share of step t's gradient that reaches step k (≤ (γs)^(t−k)). */
  gains: Float64Array;
}

/** The (t, k) matrix of gradient norms, from ∂J(t)/∂h(t) for every t (dJdh[t − 1]). Costs T²·H²/2. */
export function gradientNorms(Wh: Mat, derivs: Float64Array[], dJdh: ArrayLike<number>[]): GradientNorms {
  const T = dJdh.length, H = Wh.rows;
  const norms = new Float64Array(T * T).fill(NaN), gains = new Float64Array(T * T).fill(NaN);
  const g = new Float64Array(H), w = new Float64Array(H);
  for (let t = 1; t <= T; t++) {
    g.set(dJdh[t - 1]);
    const top = norm(g);
    for (let k = t; k >= 1; k--) {
      if (k < t) {
        const d = derivs[k]; // σ′(z(k+1))
        for (let i = 0; i < H; i++) w[i] = d[i] * g[i];
        matvecT(Wh, w, g); // ∂J(t)/∂h(k) = W_hᵀ (σ′(z(k+1)) ⊙ ∂J(t)/∂h(k+1))
      }
      const n = norm(g);
      norms[(t - 1) * T + (k - 1)] = n;
      gains[(t - 1) * T + (k - 1)] = top > 0 ? n / top : NaN;
    }
  }
  return {T, norms, gains};
}

/**
 * Averages of a (t, k) matrix over each distance d = t − k = 0…T−1: the arithmetic mean, or the
 * geometric mean (right for quantities that shrink or grow exponentially, plotted on a log axis).
 */
export function byDistance(values: Float64Array, T: number, mean: "arithmetic" | "geometric" = "arithmetic"): Float64Array {
  const out = new Float64Array(T);
  for (let d = 0; d < T; d++) {
    let s = 0, n = 0;
    for (let t = d + 1; t <= T; t++) {
      const v = values[(t - 1) * T + (t - d - 1)];
      if (!Number.isFinite(v) || (mean === "geometric" && v <= 0)) continue;
      s += mean === "geometric" ? Math.log(v) : v;
      n++;
    }
    out[d] = n === 0 ? NaN : mean === "geometric" ? Math.exp(s / n) : s / n;
  }
  return out;
}

/** One factor of the product ∂h(t)/∂h(k), as the page steps through it from j = t down to k + 1. */
export interface JacobianStep {
  /** The step j whose factor diag(σ′(z(j))) W_h is applied. */
  j: number;
  /** σ′(z(j)), H numbers, each ≤ γ. */
  sigmaPrime: number[];
  /** ‖diag(σ′(z(j))) W_h‖₂ ≤ γ s. */
  factorNorm: number;
  /** ‖∂h(t)/∂h(j−1)‖₂, the product so far, and the bound Π of factorNorms so far (≥ it). */
  productNorm: number;
  productBound: number;
  /** ‖∂J(t)/∂h(j−1)‖ when a gradient at t is given. */
  gradNorm: number;
  /** With `matrices`: the factor diag(σ′(z(j))) W_h itself, (H, H) row-major, in float32. */
  factor?: Float32Array;
  /** With `matrices`, on the last step only: the whole product ∂h(t)/∂h(k), (H, H) row-major. */
  product?: Float64Array;
}

/**
 * The factors of ∂h(t)/∂h(k) one by one, with the running product P = ∂h(t)/∂h(j−1) kept as a
 * matrix, rescaled to norm 1 with its scale in a logarithm (so this costs (t − k)·H³). With
 * `matrices`, each step also carries its factor, and the last one the product (for drawing them).
 */
export function jacobianSteps(Wh: Mat, derivs: Float64Array[], t: number, k: number, dJdht?: ArrayLike<number>, {matrices = false} = {}): JacobianStep[] {
  const H = Wh.rows;
  let P = mat(H, H, "float64"); // ∂h(t)/∂h(t) = I: (H, H)
  for (let i = 0; i < H; i++) P.data[i * H + i] = 1;
  const g = dJdht ? Float64Array.from(dJdht) : null;
  const w = new Float64Array(H);
  const out: JacobianStep[] = [];
  let bound = 1, logScale = 0, pStart: Float64Array | undefined, fStart: Float64Array | undefined;
  for (let j = t; j > k; j--) {
    const d = derivs[j - 1];
    const F = mat(H, H, "float64"); // diag(σ′(z(j))) W_h: (H, H)
    for (let r = 0; r < H; r++) for (let c = 0; c < H; c++) F.data[r * H + c] = d[r] * Wh.data[r * H + c];
    P = matmul(P, F, mat(H, H, "float64")); // ∂h(t)/∂h(j−1) = ∂h(t)/∂h(j) · diag(σ′(z(j))) W_h, over e^logScale: (H, H)
    const size = norm(P.data); // Frobenius norm
    if (size > 0) {
      for (let i = 0; i < P.data.length; i++) P.data[i] /= size; // keep P near 1: no underflow to slow subnormals, no overflow
      logScale += Math.log(size);
    }
    const f = largestSingularValue(F, {iterations: 100, tol: 1e-8, start: fStart}); // for display: 8 digits
    const p = largestSingularValue(P, {iterations: 100, tol: 1e-8, start: pStart});
    fStart = f.vector;
    pStart = p.vector;
    bound *= f.value;
    if (g) {
      for (let i = 0; i < H; i++) w[i] = d[i] * g[i];
      matvecT(Wh, w, g); // ∂J(t)/∂h(j−1)
    }
    const productNorm = p.value * Math.exp(logScale);
    const step: JacobianStep = {j, sigmaPrime: Array.from(d), factorNorm: f.value, productNorm, productBound: bound, gradNorm: g ? norm(g) : NaN};
    if (matrices) step.factor = Float32Array.from(F.data);
    out.push(step);
  }
  const last = out.at(-1);
  if (matrices && last) last.product = Float64Array.from(P.data, (x) => x * Math.exp(logScale)); // ∂h(t)/∂h(k): (H, H)
  return out;
}
