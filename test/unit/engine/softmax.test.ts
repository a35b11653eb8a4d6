import {describe, expect, it} from "vitest";
import {entropy, fromRows, mat, softmax, softmaxBackward, softmaxRows, softmaxRowsBackward} from "../../../src/engine/index.js";
import {Rng} from "../../../src/engine/rng.js";
import {maxAbsDiff, maxRelError, numericGrad, randomMat, randomVec} from "./helpers.js";

const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0);

describe("softmax", () => {
  it("exact: softmax(0, log 2, log 3) = (1, 2, 3)/6", () => {
    const p = softmax(Float64Array.of(0, Math.log(2), Math.log(3)), new Float64Array(3));
    expect(maxAbsDiff(p, [1 / 6, 2 / 6, 3 / 6])).toBeLessThan(1e-15);
  });
  it("sums to 1 and is positive", () => {
    const rng = new Rng(1);
    for (let t = 0; t < 20; t++) {
      const z = randomVec(rng, 1 + t * 3).map((v) => 10 * v);
      const p = softmax(z, new Float64Array(z.length));
      expect(sum(p)).toBeCloseTo(1, 14);
      for (const v of p) expect(v).toBeGreaterThan(0);
    }
  });
  it("is invariant to adding a constant", () => {
    const z = Float64Array.of(0.3, -1.2, 2.5, 0);
    const p = softmax(z, new Float64Array(4));
    const q = softmax(z.map((v) => v + 123.4), new Float64Array(4));
    expect(maxAbsDiff(p, q)).toBeLessThan(1e-13);
  });
  it("temperature τ gives softmax(z / τ); small τ approaches the argmax, large τ the uniform", () => {
    const z = Float64Array.of(1, 3, 2);
    const p = softmax(z, new Float64Array(3), 0.5);
    expect(maxAbsDiff(p, softmax(z.map((v) => v / 0.5), new Float64Array(3)))).toBeLessThan(1e-15);
    const sharp = softmax(z, new Float64Array(3), 0.01);
    expect(sharp[0]).toBeLessThan(1e-80);
    expect(sharp[2]).toBeLessThan(1e-40);
    expect(sharp[1]).toBe(1);
    expect(maxAbsDiff(softmax(z, new Float64Array(3), 1e6), [1 / 3, 1 / 3, 1 / 3])).toBeLessThan(1e-6);
  });
  it("huge inputs (±1e4) give no NaN, in float32 and float64", () => {
    for (const z of [Float32Array.of(1e4, 0, -1e4), Float64Array.of(1e4, 1e4, -1e4)]) {
      const p = softmax(z, z.slice());
      for (const v of p) expect(Number.isFinite(v)).toBe(true);
      expect(sum(p)).toBeCloseTo(1, 6);
    }
    expect(Array.from(softmax(Float64Array.of(1e4, 0, -1e4), new Float64Array(3)))).toEqual([1, 0, 0]);
    expect(Array.from(softmax(Float64Array.of(1e4, 1e4, -1e4), new Float64Array(3)))).toEqual([0.5, 0.5, 0]);
  });
  it("softmaxRows normalises every row, in place too", () => {
    const Z = fromRows([[0, 0], [Math.log(3), 0]], "float64");
    expect(softmaxRows(Z, Z)).toBe(Z);
    expect(maxAbsDiff(Z.data, [0.5, 0.5, 0.75, 0.25])).toBeLessThan(1e-15);
  });
});

describe("softmaxBackward", () => {
  it("matches finite differences of Σ dp ⊙ softmax(z)", () => {
    const rng = new Rng(2);
    const z = randomVec(rng, 9).map((v) => 3 * v), dp = randomVec(rng, 9);
    const p = new Float64Array(9);
    const loss = () => {
      softmax(z, p);
      return p.reduce((s, v, i) => s + v * dp[i], 0);
    };
    const numeric = numericGrad(loss, z);
    softmax(z, p);
    expect(maxRelError(softmaxBackward(p, dp, new Float64Array(9)), numeric)).toBeLessThan(1e-6);
  });
  it("row-wise version matches finite differences, with dZ aliasing dP", () => {
    const rng = new Rng(3);
    const Z = randomMat(rng, 4, 5), dP = randomMat(rng, 4, 5);
    const P = mat(4, 5, "float64");
    const loss = () => {
      softmaxRows(Z, P);
      let s = 0;
      for (let i = 0; i < P.data.length; i++) s += P.data[i] * dP.data[i];
      return s;
    };
    const numeric = numericGrad(loss, Z.data);
    softmaxRows(Z, P);
    expect(maxRelError(softmaxRowsBackward(P, dP, dP).data, numeric)).toBeLessThan(1e-6);
  });
  it("a gradient along (1, …, 1) vanishes (softmax ignores constant shifts)", () => {
    const p = softmax(Float64Array.of(0.1, 2, -1), new Float64Array(3));
    expect(maxAbsDiff(softmaxBackward(p, Float64Array.of(5, 5, 5), new Float64Array(3)), [0, 0, 0])).toBeLessThan(1e-15);
  });
});

describe("entropy", () => {
  it("is log n for the uniform, 0 for a one-hot, in between otherwise", () => {
    expect(entropy([0.25, 0.25, 0.25, 0.25])).toBeCloseTo(Math.log(4), 15);
    expect(entropy([0, 1, 0])).toBe(0);
    expect(entropy([0.5, 0.5, 0])).toBeCloseTo(Math.log(2), 15);
    const h = entropy([0.7, 0.2, 0.1]);
    expect(h).toBeGreaterThan(0);
    expect(h).toBeLessThan(Math.log(3));
    expect(h).toBeCloseTo(-(0.7 * Math.log(0.7) + 0.2 * Math.log(0.2) + 0.1 * Math.log(0.1)), 15);
  });
});
