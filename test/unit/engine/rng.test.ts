import {describe, expect, it} from "vitest";
import {Rng} from "../../../src/engine/rng.js";

const draws = (rng: Rng, n: number) => Array.from({length: n}, () => rng.nextUint32());

function meanVar(xs: number[]): [number, number] {
  const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
  return [mean, xs.reduce((s, v) => s + (v - mean) ** 2, 0) / xs.length];
}

describe("Rng", () => {
  it("the same seed gives the same sequence", () => {
    expect(draws(new Rng(42), 1000)).toEqual(draws(new Rng(42), 1000));
    const a = new Rng(7), b = new Rng(7);
    expect([a.uniform(), a.normal(), a.int(10), a.normal()]).toEqual([b.uniform(), b.normal(), b.int(10), b.normal()]);
  });
  it("different seeds give different sequences (neighbouring seeds too)", () => {
    for (const [s, t] of [[0, 1], [1, 2], [42, 43], [0, 2 ** 32 - 1]]) {
      const x = draws(new Rng(s), 100), y = draws(new Rng(t), 100);
      expect(x.filter((v, i) => v === y[i]).length).toBeLessThan(2);
    }
  });
  it("nextUint32 gives unsigned 32-bit integers", () => {
    for (const v of draws(new Rng(3), 1000)) {
      expect(Number.isInteger(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(2 ** 32);
    }
  });
  it("uniform lies in [0, 1) with mean ½ and variance 1/12", () => {
    const rng = new Rng(4);
    const xs = Array.from({length: 100_000}, () => rng.uniform());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const [mean, variance] = meanVar(xs);
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005); // σ/√n ≈ 0.0009
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
  });
  it("int(n) covers 0 … n−1 evenly and nothing else", () => {
    const rng = new Rng(5);
    const counts = new Array(7).fill(0);
    for (let i = 0; i < 70_000; i++) counts[rng.int(7)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });
  it("normal has mean 0 and variance 1 (and roughly 68% within one σ)", () => {
    const rng = new Rng(6);
    const xs = Array.from({length: 100_000}, () => rng.normal());
    const [mean, variance] = meanVar(xs);
    expect(Math.abs(mean)).toBeLessThan(0.015);
    expect(Math.abs(variance - 1)).toBeLessThan(0.025);
    const within = xs.filter((x) => Math.abs(x) < 1).length / xs.length;
    expect(Math.abs(within - 0.6827)).toBeLessThan(0.01);
  });
  it("categorical draws index i with frequency p[i] / Σp, never a zero-weight index", () => {
    const rng = new Rng(8);
    const p = [1, 0, 2, 3, 4];
    const counts = new Array(p.length).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) counts[rng.categorical(p)]++;
    expect(counts[1]).toBe(0);
    for (let i = 0; i < p.length; i++) expect(Math.abs(counts[i] / n - p[i] / 10)).toBeLessThan(0.01);
    expect(rng.categorical(Float32Array.of(0, 0, 1))).toBe(2);
  });
  it("shuffle returns the same array, permuted, deterministically", () => {
    const xs = Array.from({length: 50}, (_, i) => i);
    const out = new Rng(9).shuffle(xs);
    expect(out).toBe(xs);
    expect([...xs].sort((a, b) => a - b)).toEqual(Array.from({length: 50}, (_, i) => i));
    expect(xs).not.toEqual(Array.from({length: 50}, (_, i) => i));
    expect(new Rng(9).shuffle(Array.from({length: 50}, (_, i) => i))).toEqual(xs);
  });
  it("shuffle is uniform: each of the 6 orders of 3 items appears about equally often", () => {
    const rng = new Rng(10);
    const counts = new Map<string, number>();
    for (let i = 0; i < 60_000; i++) {
      const k = rng.shuffle(["a", "b", "c"]).join("");
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const c of counts.values()) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });
});
