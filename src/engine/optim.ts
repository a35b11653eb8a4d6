/**
 * Optimisers over a model's Param list, and gradient clipping by global norm:
 *   g ← g · min(1, c / ‖g‖),  ‖g‖ = √(Σ over all parameters of Σ g²)
 * SGD:  θ ← θ − η g
 * Adam: m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  θ ← θ − η m̂ / (√v̂ + ε)   (Kingma & Ba, 2015)
 */
import type {Param} from "./param.js";

/** ‖g‖ over all parameters. */
export function globalNorm(params: Param[]): number {
  let s = 0;
  for (const p of params) {
    const g = p.grad.data;
    for (let i = 0; i < g.length; i++) s += g[i] * g[i];
  }
  return Math.sqrt(s);
}

/** Scales all gradients so their global norm is at most maxNorm; returns the norm before clipping. */
export function clipGlobalNorm(params: Param[], maxNorm: number): number {
  const norm = globalNorm(params);
  if (Number.isFinite(maxNorm) && norm > maxNorm && norm > 0) {
    const k = maxNorm / norm;
    for (const p of params) {
      const g = p.grad.data;
      for (let i = 0; i < g.length; i++) g[i] *= k;
    }
  }
  return norm;
}

export interface Optimizer {
  /** Applies one update from the current gradients (it does not zero them). */
  step(params: Param[]): void;
  learningRate: number;
}

export function sgd(learningRate: number): Optimizer {
  return {
    learningRate,
    step(params) {
      for (const p of params) {
        const w = p.value.data, g = p.grad.data, lr = this.learningRate;
        for (let i = 0; i < w.length; i++) w[i] -= lr * g[i];
      }
    }
  };
}

export interface AdamOptions {
  beta1?: number;
  beta2?: number;
  eps?: number;
}

export function adam(learningRate: number, {beta1 = 0.9, beta2 = 0.999, eps = 1e-8}: AdamOptions = {}): Optimizer {
  const moments = new Map<Param, {m: Float64Array; v: Float64Array}>();
  let t = 0;
  return {
    learningRate,
    step(params) {
      t++;
      const c1 = 1 - Math.pow(beta1, t), c2 = 1 - Math.pow(beta2, t);
      const lr = this.learningRate;
      for (const p of params) {
        let s = moments.get(p);
        if (!s) moments.set(p, (s = {m: new Float64Array(p.value.data.length), v: new Float64Array(p.value.data.length)}));
        const w = p.value.data, g = p.grad.data, m = s.m, v = s.v;
        for (let i = 0; i < w.length; i++) {
          const gi = g[i];
          m[i] = beta1 * m[i] + (1 - beta1) * gi;
          v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
          w[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + eps);
        }
      }
    }
  };
}
