/**
 * Why scale by 1/√d (Vaswani et al., 2017, §3.2.1, footnote 4): if the entries of q and k are
 * independent with mean 0 and variance 1, q · k = Σ_{j≤d} q_j k_j has variance d. Unscaled, the
 * scores spread as √d, the softmax saturates onto one key and its entropy falls towards 0 (and
 * its gradient vanishes); divided by √d they keep variance 1 and the entropy stays put.
 * This measures it: for each d, the mean entropy of α = softmax(q·k_i · s) over `trials` draws
 * of one query and n keys from N(0, I_d), with s = 1 and s = 1/√d on the same draws.
 */
import {entropy, softmax} from "../../engine/index.js";
import {Rng} from "../../engine/rng.js";

export interface EntropyVsDOptions {
  /** Dimensions to measure (default 1, 2, 4, …, 1024). */
  ds?: number[];
  /** Keys per look-up (default 16). */
  keys?: number;
  /** Look-ups per dimension (default 200). */
  trials?: number;
  seed?: number;
  /** Temperature τ applied on top of either scaling (default 1). */
  temperature?: number;
}

export interface EntropyCurve {
  d: number[];
  /** Mean entropy of α (nats), unscaled and scaled, one entry per d. */
  unscaled: number[];
  scaled: number[];
  /** Mean largest weight max_i α_i, unscaled and scaled. */
  unscaledMax: number[];
  scaledMax: number[];
  /** log n: the entropy of the uniform weights, the curve's ceiling. */
  maxEntropy: number;
  keys: number;
  trials: number;
}

export function entropyVsD({ds = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024], keys = 16, trials = 200, seed = 1, temperature = 1}: EntropyVsDOptions = {}): EntropyCurve {
  const rng = new Rng(seed);
  const out: EntropyCurve = {d: ds.slice(), unscaled: [], scaled: [], unscaledMax: [], scaledMax: [], maxEntropy: Math.log(keys), keys, trials};
  const e = new Float64Array(keys), a = new Float64Array(keys);
  for (const d of ds) {
    const q = new Float64Array(d), k = new Float64Array(d);
    let hU = 0, hS = 0, mU = 0, mS = 0;
    for (let t = 0; t < trials; t++) {
      for (let j = 0; j < d; j++) q[j] = rng.normal();
      for (let i = 0; i < keys; i++) {
        let dot = 0;
        for (let j = 0; j < d; j++) {
          k[j] = rng.normal();
          dot += q[j] * k[j];
        }
        e[i] = dot;
      }
      softmax(e, a, temperature);
      hU += entropy(a);
      mU += Math.max(...a);
      softmax(e, a, temperature * Math.sqrt(d)); // softmax(e / √d / τ)
      hS += entropy(a);
      mS += Math.max(...a);
    }
    out.unscaled.push(hU / trials);
    out.scaled.push(hS / trials);
    out.unscaledMax.push(mU / trials);
    out.scaledMax.push(mS / trials);
  }
  return out;
}
