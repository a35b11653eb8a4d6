import {describe, expect, it} from "vitest";
import {BpttLive, MAX_WALK, defaultBpttConfig, type BpttViewOf} from "../../../src/models/bptt-live.js";
import {buildCharRnn} from "../../../src/models/char-rnn.js";
import {DEFAULT_TEXT} from "../../../src/text/default-text.js";

const config = {...defaultBpttConfig, hidden: 12, length: 16};

describe("BpttLive", () => {
  it("builds W_h with the chosen largest singular value and reports s, ρ, γ and γs", () => {
    const m = new BpttLive();
    const tanh = m.reset({...config, scale: 0.7});
    expect(tanh.s).toBeCloseTo(0.7, 7); // W_h is float32
    expect(tanh.spectralRadius).toBeLessThanOrEqual(tanh.s * (1 + 1e-6)); // ρ ≤ σ_max (= for the orthogonal init)
    expect(tanh.spectralRadius).toBeCloseTo(tanh.s, 6);
    expect(tanh.gamma).toBe(1);
    expect(tanh.gammaS).toBeCloseTo(0.7, 7);
    const sig = m.reset({...config, scale: 2, activation: "sigmoid"});
    expect(sig).toMatchObject({gamma: 0.25, length: 16});
    expect(sig.gammaS).toBeCloseTo(0.5, 7);
    expect(() => m.reset({...config, length: 0})).toThrow(/length/);
    expect(() => m.reset({...config, length: 201})).toThrow(/from 1 to 200/);
    expect(() => m.reset({...config, hidden: 129})).toThrow(/hidden/);
    expect(() => m.reset({...config, scale: -1})).toThrow(/scale/);
    expect(() => m.reset({...config, text: "aaaa"})).toThrow(/repeats one character/);
  });

  it("answers a flow query: norms over (t, k) under the bound, and their decay with distance", () => {
    const m = new BpttLive();
    m.reset({...config, scale: 0.6});
    const v = m.query({kind: "flow"}) as BpttViewOf<"flow">;
    const T = 16;
    expect(v.T).toBe(T);
    expect(v.chars.join("")).toBe(DEFAULT_TEXT.slice(0, T + 1));
    expect(v.norms).toHaveLength(T * T);
    expect(v.losses).toHaveLength(T);
    for (let t = 1; t <= T; t++) {
      for (let k = 1; k <= t; k++) expect(v.gains[(t - 1) * T + (k - 1)]).toBeLessThanOrEqual(v.bound[t - k] * (1 + 1e-9));
    }
    expect(v.bound[3]).toBeCloseTo(v.gammaS ** 3, 12);
    expect(v.meanGain[0]).toBeCloseTo(1, 12);
    expect(v.meanGain[10]).toBeLessThan(v.meanGain[1] * 1e-2); // vanishing: γs = 0.6
    expect(() => structuredClone(v)).not.toThrow();
  });

  it("shows gradients growing with distance when s is large and pre-activations small", () => {
    const m = new BpttLive();
    m.reset({...config, scale: 3, activation: "relu"});
    const relu = m.query({kind: "flow"}) as BpttViewOf<"flow">;
    m.reset({...config, scale: 0.5, activation: "relu"});
    const small = m.query({kind: "flow"}) as BpttViewOf<"flow">;
    expect(relu.meanGain[8]).toBeGreaterThan(1);
    expect(small.meanGain[8]).toBeLessThan(1e-2);
  });

  it("steps through one Jacobian (t, k) factor by factor", () => {
    const m = new BpttLive();
    m.reset({...config, scale: 1.2});
    const flow = m.query({kind: "flow"}) as BpttViewOf<"flow">;
    const v = m.query({kind: "jacobian", t: 12, k: 7}) as BpttViewOf<"jacobian">;
    expect(v.steps.map((s) => s.j)).toEqual([12, 11, 10, 9, 8]);
    expect(v.bound).toBeCloseTo(v.gammaS ** 5, 12);
    expect(v.bound).toBeCloseTo(1.2 ** 5, 5);
    expect(v.steps.at(-1)!.productNorm).toBeLessThanOrEqual(v.bound * (1 + 1e-9));
    expect(v.steps.at(-1)!.gradNorm).toBeCloseTo(flow.norms[11 * 16 + 6], 9);
    expect(v.gradNormAtT).toBeCloseTo(flow.norms[11 * 16 + 11], 9);
    expect((m.query({kind: "jacobian", t: 3, k: 3}) as BpttViewOf<"jacobian">).steps).toEqual([]);
    expect(() => m.query({kind: "jacobian", t: 3, k: 5})).toThrow(/0 ≤ k ≤ t ≤ 16/);
  });

  it("returns the factors D(j)W_h and the product as H × H matrices when asked", () => {
    const m = new BpttLive();
    const c = {...config, scale: 1.2, text: DEFAULT_TEXT};
    m.reset(c);
    const v = m.query({kind: "jacobian", t: 12, k: 7, matrices: true}) as BpttViewOf<"jacobian">;
    const H = config.hidden;
    // The same seed builds the same W_h here; each factor is diag(σ′(z(j))) W_h, entry by entry.
    const Wh = buildCharRnn(c).cell.Wh.value.data;
    for (const st of v.steps) {
      expect(st.factor).toBeInstanceOf(Float32Array);
      expect(st.factor).toHaveLength(H * H);
      for (let r = 0; r < H; r++) for (let col = 0; col < H; col++) expect(st.factor![r * H + col]).toBe(Math.fround(st.sigmaPrime[r] * Wh[r * H + col]));
    }
    const product = v.steps.at(-1)!.product!;
    expect(product).toHaveLength(H * H);
    const frobenius = Math.hypot(...product);
    expect(v.steps.at(-1)!.productNorm).toBeLessThanOrEqual(frobenius * (1 + 1e-9)); // ‖P‖₂ ≤ ‖P‖_F
    expect(frobenius).toBeGreaterThan(0);
    expect(() => structuredClone(v)).not.toThrow();
    // Without the flag, no matrices; with it, at most MAX_WALK factors.
    expect((m.query({kind: "jacobian", t: 12, k: 7}) as BpttViewOf<"jacobian">).steps.some((st) => st.factor || st.product)).toBe(false);
    m.reset({...c, length: 40});
    expect(() => m.query({kind: "jacobian", t: 40, k: 40 - MAX_WALK - 1, matrices: true})).toThrow(/at most 24 factors/);
    expect((m.query({kind: "jacobian", t: 40, k: 40 - MAX_WALK, matrices: true}) as BpttViewOf<"jacobian">).steps).toHaveLength(MAX_WALK);
  });

  it("trains with SGD and clipping: the step is clipped to the threshold, metrics name both norms", () => {
    const m = new BpttLive();
    m.reset({...config, scale: 2, clip: 0.5, learningRate: 0.5});
    const metrics = m.trainStep();
    expect(Object.keys(metrics).sort()).toEqual(["clippedNorm", "gradNorm", "loss"]);
    expect(metrics.gradNorm).toBeGreaterThan(0.5);
    expect(metrics.clippedNorm).toBeCloseTo(0.5, 12);
    m.configure({clip: 0});
    const free = m.trainStep();
    expect(free.clippedNorm).toBe(free.gradNorm);
    // Training moved W_h: the spectrum is measured afresh.
    const s0 = (m.query({kind: "flow"}) as BpttViewOf<"flow">).s;
    m.trainStep();
    expect((m.query({kind: "flow"}) as BpttViewOf<"flow">).s).not.toBe(s0);
  });

  it("compares training with and without clipping from the same start", () => {
    const m = new BpttLive();
    m.reset({...config, scale: 2.5, learningRate: 1});
    const v = m.query({kind: "clipping", steps: 30, clip: 1}) as BpttViewOf<"clipping">;
    expect(v.withClip.gradNorm[0]).toBe(v.withoutClip.gradNorm[0]); // the same first gradient
    expect(v.withClip.loss[0]).toBe(v.withoutClip.loss[0]);
    expect(Math.max(...v.withClip.clippedNorm)).toBeLessThanOrEqual(1 + 1e-9);
    expect(Math.max(...v.withoutClip.gradNorm)).toBeGreaterThan(1); // the unclipped run takes bigger steps
    expect(v.withoutClip.clippedNorm).toEqual(v.withoutClip.gradNorm);
  });
});
