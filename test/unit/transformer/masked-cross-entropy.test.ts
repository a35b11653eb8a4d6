import {describe, expect, it} from "vitest";
import {fromRows, mat} from "../../../src/engine/index.js";
import {maskedCrossEntropy} from "../../../src/models/transformer/masked-cross-entropy.js";
import {maxAbsDiff, randomMat, Rng} from "./helpers.js";

const PAD = 0;

describe("maskedCrossEntropy", () => {
  it("exact: uniform logits over 4 classes cost log 4 per counted position; padding costs nothing", () => {
    const Z = mat(3, 4, "float64");
    const dZ = mat(3, 4, "float64");
    const r = maskedCrossEntropy(Z, [2, PAD, 3], PAD, dZ);
    expect(r.loss).toBeCloseTo(Math.log(4), 14);
    expect(r.count).toBe(2);
    // dz = (¼ − onehot) / 2 on counted rows, zeros on the padding row
    expect(maxAbsDiff(dZ.data, [0.125, 0.125, -0.375, 0.125, 0, 0, 0, 0, 0.125, 0.125, 0.125, -0.375])).toBeLessThan(1e-15);
  });

  it("counts argmax hits on counted positions only", () => {
    const Z = fromRows([[0, 5, 0], [9, 0, 0], [0, 0, 1]], "float64");
    expect(maskedCrossEntropy(Z, [1, PAD, 2], PAD)).toMatchObject({count: 2, correct: 2});
    expect(maskedCrossEntropy(Z, [2, 1, 2], PAD)).toMatchObject({count: 3, correct: 1});
  });

  it("the loss does not change when a padding row's logits do", () => {
    const rng = new Rng(1);
    const Z = randomMat(rng, 4, 5);
    const a = maskedCrossEntropy(Z, [1, 2, PAD, PAD], PAD).loss;
    for (let j = 0; j < 10; j++) Z.data[10 + j] = 100 * rng.uniform();
    expect(maskedCrossEntropy(Z, [1, 2, PAD, PAD], PAD).loss).toBe(a);
  });

  it("dZ matches finite differences of the mean loss, float64", () => {
    const rng = new Rng(2);
    const Z = randomMat(rng, 5, 6, "float64", 3);
    const t = [3, PAD, 1, 5, PAD];
    const dZ = mat(5, 6, "float64");
    maskedCrossEntropy(Z, t, PAD, dZ);
    const h = 1e-6;
    for (let i = 0; i < Z.data.length; i++) {
      const z0 = Z.data[i];
      Z.data[i] = z0 + h;
      const lp = maskedCrossEntropy(Z, t, PAD).loss;
      Z.data[i] = z0 - h;
      const lm = maskedCrossEntropy(Z, t, PAD).loss;
      Z.data[i] = z0;
      expect(Math.abs(dZ.data[i] - (lp - lm) / (2 * h))).toBeLessThan(1e-8);
    }
  });

  it("all padding: loss 0, count 0, zero gradient", () => {
    const dZ = fromRows([[1, 1]], "float64");
    expect(maskedCrossEntropy(fromRows([[3, 1]], "float64"), [PAD], PAD, dZ)).toEqual({loss: 0, count: 0, correct: 0});
    expect(Array.from(dZ.data)).toEqual([0, 0]);
  });
});
