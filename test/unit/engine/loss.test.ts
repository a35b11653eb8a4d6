import {describe, expect, it} from "vitest";
import {crossEntropyLogits, crossEntropyRows, fromRows, mat, mse, softmax} from "../../../src/engine/index.js";
import {Rng} from "../../../src/engine/rng.js";
import {maxAbsDiff, maxRelError, numericGrad, randomMat, randomVec} from "./helpers.js";

describe("crossEntropyLogits", () => {
  it("exact: uniform logits over n classes cost log n", () => {
    expect(crossEntropyLogits(new Float64Array(5), 2)).toBeCloseTo(Math.log(5), 15);
  });
  it("equals −log softmax(z)_y and writes the probabilities", () => {
    const rng = new Rng(1);
    for (let t = 0; t < 10; t++) {
      const z = randomVec(rng, 7).map((v) => 4 * v), y = t % 7;
      const probs = new Float64Array(7);
      const J = crossEntropyLogits(z, y, probs);
      const p = softmax(z, new Float64Array(7));
      expect(J).toBeCloseTo(-Math.log(p[y]), 13);
      expect(maxAbsDiff(probs, p)).toBeLessThan(1e-15);
    }
  });
  it("gradient ŷ − onehot(y) matches finite differences", () => {
    const rng = new Rng(2);
    const z = randomVec(rng, 11).map((v) => 3 * v);
    const numeric = numericGrad(() => crossEntropyLogits(z, 4), z);
    const dz = new Float64Array(11);
    crossEntropyLogits(z, 4, undefined, dz);
    expect(maxRelError(dz, numeric)).toBeLessThan(1e-6);
    expect(dz.reduce((s, v) => s + v, 0)).toBeCloseTo(0, 14);
  });
  it("extreme logits stay finite: a confident right answer costs ~0, a confident wrong one ~2e4", () => {
    for (const z of [Float32Array.of(1e4, -1e4, 0), Float64Array.of(1e4, -1e4, 0)]) {
      const dz = z.slice();
      expect(crossEntropyLogits(z, 0, undefined, dz)).toBe(0);
      const wrong = crossEntropyLogits(z, 1, undefined, dz);
      expect(wrong).toBeCloseTo(2e4, 6);
      for (const v of dz) expect(Number.isFinite(v)).toBe(true);
      expect(Array.from(dz)).toEqual([1, -1, 0]);
    }
  });
});

describe("crossEntropyRows", () => {
  it("is the mean over rows, and dZ is the gradient of that mean", () => {
    const rng = new Rng(3);
    const Z = randomMat(rng, 5, 6), targets = [0, 5, 2, 2, 3];
    let expected = 0;
    for (let i = 0; i < 5; i++) expected += crossEntropyLogits(Z.data.subarray(i * 6, i * 6 + 6), targets[i]) / 5;
    const dZ = mat(5, 6, "float64");
    expect(crossEntropyRows(Z, targets, dZ)).toBeCloseTo(expected, 14);
    const numeric = numericGrad(() => crossEntropyRows(Z, targets), Z.data);
    expect(maxRelError(dZ.data, numeric)).toBeLessThan(1e-6);
  });
  it("exact small case", () => {
    const Z = fromRows([[0, 0], [0, Math.log(3)]], "float64");
    // rows: −log ½ and −log ¾
    expect(crossEntropyRows(Z, [1, 1])).toBeCloseTo((Math.log(2) + Math.log(4 / 3)) / 2, 15);
  });
});

describe("mse", () => {
  it("exact: mean of squared differences, gradient 2(ŷ − y)/n", () => {
    const d = new Float64Array(2);
    expect(mse(Float64Array.of(1, 3), [0, 1], d)).toBe(2.5);
    expect(Array.from(d)).toEqual([1, 2]);
  });
  it("gradient matches finite differences", () => {
    const rng = new Rng(4);
    const yhat = randomVec(rng, 8), y = Array.from(randomVec(rng, 8));
    const numeric = numericGrad(() => mse(yhat, y), yhat);
    const d = new Float64Array(8);
    mse(yhat, y, d);
    expect(maxRelError(d, numeric)).toBeLessThan(1e-6);
  });
});
