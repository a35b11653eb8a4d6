import {describe, expect, it} from "vitest";
import {entropyVsD} from "../../../src/models/attention/entropy-vs-d.js";
import {ENTROPY_CHART, QkvLive, defaultQkvConfig} from "../../../src/models/qkv-live.js";

describe("entropy of α against d (the page's claim about 1/√d)", () => {
  const c = entropyVsD({ds: [1, 4, 16, 64, 256, 1024], keys: 16, trials: 300, seed: 7});
  it("unscaled: the entropy falls towards 0 as d grows, and the largest weight towards 1", () => {
    for (let i = 1; i < c.d.length; i++) expect(c.unscaled[i]).toBeLessThan(c.unscaled[i - 1]);
    expect(c.unscaled[0]).toBeGreaterThan(0.7 * c.maxEntropy); // d = 1: scores of variance 1, far from saturated
    expect(c.unscaled[c.d.length - 1]).toBeLessThan(0.05 * c.maxEntropy); // d = 1024: under 5% of log n, almost one-hot
    expect(c.unscaledMax[c.d.length - 1]).toBeGreaterThan(0.9);
    expect(c.scaledMax[c.d.length - 1]).toBeLessThan(0.3);
  });
  it("scaled: the entropy stays roughly flat (within 10% of its mean) at every d", () => {
    const mean = c.scaled.reduce((a, b) => a + b, 0) / c.scaled.length;
    for (const h of c.scaled) expect(Math.abs(h - mean)).toBeLessThan(0.1 * mean);
    expect(mean).toBeGreaterThan(0.7 * c.maxEntropy);
  });
  it("at d = 1 the two coincide (√1 = 1); the same seed gives the same curve", () => {
    expect(c.scaled[0]).toBe(c.unscaled[0]);
    expect(entropyVsD({ds: [1, 4, 16, 64, 256, 1024], keys: 16, trials: 300, seed: 7})).toEqual(c);
  });
  it("a temperature raises both curves", () => {
    const hot = entropyVsD({ds: [64], keys: 16, trials: 300, seed: 7, temperature: 4});
    const cold = entropyVsD({ds: [64], keys: 16, trials: 300, seed: 7});
    expect(hot.unscaled[0]).toBeGreaterThan(cold.unscaled[0]);
    expect(hot.scaled[0]).toBeGreaterThan(cold.scaled[0]);
  });
});

describe("the figures chapter 5 quotes, measured as its chart measures them (16 keys, 100 look-ups per d, the worker's seed, τ = 1)", () => {
  const live = new QkvLive();
  live.reset(defaultQkvConfig);
  const v = live.query({kind: "entropy-vs-d", ...ENTROPY_CHART, temperature: 1});
  if (v.kind !== "entropy-vs-d") throw new Error(v.kind);
  const oneDecimal = (x: number) => Math.round(x * 10) / 10;
  it("d runs from 1 to 1024", () => {
    expect(v.d[0]).toBe(1);
    expect(v.d.at(-1)).toBe(1024);
  });
  it("unscaled: about 2.4 nats at d = 1, about 0.1 at d = 1024, where the largest weight averages about 0.97", () => {
    expect(oneDecimal(v.unscaled[0])).toBe(2.4);
    expect(oneDecimal(v.unscaled.at(-1)!)).toBe(0.1);
    expect(Math.round(v.unscaledMax.at(-1)! * 100) / 100).toBe(0.97);
  });
  it("scaled: between 2.3 and 2.4 nats at every d, under the ceiling log 16 ≈ 2.77", () => {
    for (const h of v.scaled) expect([2.3, 2.4]).toContain(oneDecimal(h));
    expect(Math.max(...v.scaled)).toBeLessThan(Math.log(16));
    expect(v.maxEntropy).toBeCloseTo(2.77, 2);
  });
});
