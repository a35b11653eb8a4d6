import {describe, expect, it} from "vitest";
import type {GateArrays} from "../../../components/lstm-probes.js";
import {alignedPairs, bestMatches, column, features, mostChanged, pearson, unitCorrelations} from "../../../components/lstm-probes.js";

/** A reading of n steps and H units where every signal is filled by fn(signal index, t, j). */
function reading(n: number, H: number, fn: (s: number, t: number, j: number) => number): GateArrays {
  const make = (s: number) => Float32Array.from({length: n * H}, (_, k) => fn(s, Math.floor(k / H), k % H));
  return {n, H, f: make(0), i: make(1), cTilde: make(2), o: make(3), c: make(4), h: make(5)};
}

describe("features", () => {
  it("marks spaces, quotations, and counts characters into words and lines", () => {
    const f = Object.fromEntries(features(Array.from('ab "c d"\nef')).map((x) => [x.key, Array.from(x.values)]));
    expect(f.space).toEqual([0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0]);
    // the opening quote is inside, the closing one is not
    expect(f.quote).toEqual([0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0]);
    expect(f.word).toEqual([1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2]);
    expect(f.line).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 0, 1, 2]);
  });

  it("reads curly quotes as opening and closing", () => {
    const q = features(Array.from("a“b”c")).find((x) => x.key === "quote")!;
    expect(Array.from(q.values)).toEqual([0, 1, 1, 0, 0]);
  });
});

describe("correlations", () => {
  it("pearson gives ±1 for exact lines and NaN for a constant or too few points", () => {
    expect(pearson([1, 2, 3, 4], [2, 4, 6, 8])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3, 4], [8, 6, 4, 2])).toBeCloseTo(-1, 12);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(pearson([1, 2], [1, 2])).toBeNaN();
    // a known value: x = 1…5, y = [2, 1, 4, 3, 5] → r = 0.8
    expect(pearson([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])).toBeCloseTo(0.8, 12);
  });

  it("unitCorrelations agrees with pearson on every column", () => {
    const n = 17, H = 5;
    const g = reading(n, H, (s, t, j) => Math.sin(1.3 * t + j * 0.7 + s) + 0.1 * j * t);
    const y = Float64Array.from({length: n}, (_, t) => Math.cos(0.4 * t) + (t % 3));
    for (const signal of ["f", "c", "h"] as const) {
      const r = unitCorrelations(g, signal, y);
      for (let j = 0; j < H; j++) expect(r[j]).toBeCloseTo(pearson(column(g[signal], n, H, j), y), 10);
    }
  });

  it("bestMatches finds the planted unit and ignores constant features", () => {
    const n = 30, H = 8;
    const y = Float64Array.from({length: n}, (_, t) => (t % 5 === 0 ? 1 : 0));
    // unit 6 of c follows the feature exactly (negated); everything else is unrelated noise-like
    const g = reading(n, H, (s, t, j) => (s === 4 && j === 6 ? -y[t] : Math.sin(t * (j + 1.7) * (s + 1.3))));
    const best = bestMatches(g, y, 2);
    expect(best[0]).toMatchObject({signal: "c", unit: 6});
    expect(best[0].r).toBeCloseTo(-1, 10);
    expect(Math.abs(best[1].r)).toBeLessThan(1);
    expect(bestMatches(g, new Float64Array(n).fill(2))).toEqual([]);
  });
});

describe("comparing two readings", () => {
  it("aligns two texts from the end", () => {
    expect(alignedPairs(Array.from("xabc"), Array.from("abc"))).toEqual([[1, 0], [2, 1], [3, 2]]);
    expect(alignedPairs(Array.from("abc"), Array.from("abd"))).toEqual([[0, 0], [1, 1]]);
    expect(alignedPairs([], Array.from("a"))).toEqual([]);
  });

  it("mostChanged ranks units by their mean gap at the shared characters", () => {
    const chars = Array.from("abcd");
    const a = {...reading(4, 3, () => 0.5), chars};
    const b = {...reading(4, 3, (s, t, j) => (j === 2 ? 0.9 : j === 0 ? 0.6 : 0.5)), chars};
    const ranked = mostChanged(a, b, "f", 3);
    expect(ranked.map((r) => r.unit)).toEqual([2, 0, 1]);
    expect(ranked[0].diff).toBeCloseTo(0.4, 6);
    expect(ranked[2].diff).toBe(0);
    expect(mostChanged({...a, chars: Array.from("wxyz")}, b, "f")).toEqual([]);
  });
});
