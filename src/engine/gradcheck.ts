/**
 * Gradient check by central differences: for a parameter entry θ,
 *   ∂L/∂θ ≈ (L(θ + h) − L(θ − h)) / 2h.
 * Run the model in float64 (every kernel accepts Float64Array) so the difference is not lost to
 * rounding: a float32 parameter is refused. Returns the worst relative error |a − n| / max(|a| + |n|, floor) over the checked entries.
 */
import type {Param} from "./param.js";
import type {Rng} from "./rng.js";

export interface GradCheckOptions {
  /** Step size h. */
  h?: number;
  /** At most this many entries per parameter, chosen with rng (all entries when omitted). */
  samplesPerParam?: number;
  rng?: Rng;
  /** Denominator floor, so entries whose gradient is ~0 compare absolutely. */
  floor?: number;
}

export interface GradCheckResult {
  maxRelError: number;
  worst: {param: string; index: number; analytic: number; numeric: number} | null;
  checked: number;
}

/**
 * `loss` recomputes the loss from the current parameter values (forward only).
 * The analytic gradients must already be in each param's `grad`.
 */
export function gradCheck(params: Param[], loss: () => number, opts: GradCheckOptions = {}): GradCheckResult {
  const {h = 1e-5, samplesPerParam, rng, floor = 1e-6} = opts;
  let maxRelError = 0;
  let worst: GradCheckResult["worst"] = null;
  let checked = 0;
  for (const p of params) {
    if (!(p.value.data instanceof Float64Array)) throw new Error(`gradCheck: ${p.name} is float32; build the model in float64 so the differences are not lost to rounding`);
  }
  for (const p of params) {
    const w = p.value.data;
    const analytic = Float64Array.from(p.grad.data);
    const n = w.length;
    let indices: number[] = Array.from({length: n}, (_, i) => i);
    if (samplesPerParam !== undefined && samplesPerParam < n) {
      if (!rng) throw new Error("gradCheck: samplesPerParam needs an rng");
      indices = rng.shuffle(indices).slice(0, samplesPerParam);
    }
    for (const i of indices) {
      const w0 = w[i];
      w[i] = w0 + h;
      const lp = loss();
      w[i] = w0 - h;
      const lm = loss();
      w[i] = w0;
      const numeric = (lp - lm) / (2 * h);
      const a = analytic[i];
      const rel = Math.abs(a - numeric) / Math.max(Math.abs(a) + Math.abs(numeric), floor);
      checked++;
      if (rel > maxRelError || Number.isNaN(rel)) {
        maxRelError = Number.isNaN(rel) ? Infinity : rel;
        worst = {param: p.name, index: i, analytic: a, numeric};
      }
    }
  }
  return {maxRelError, worst, checked};
}
