import {describe, expect, it} from "vitest";
import {mat} from "../../../src/engine/index.js";
import {sinusoidalPositions} from "../../../src/models/attention/sinusoidal.js";
import {LearnedPositions} from "../../../src/models/attention/learned-positions.js";
import {makePositions} from "../../../src/models/attention/positions.js";
import {checkLayer, maxAbsDiff, randomMat, Rng} from "./helpers.js";

describe("sinusoidal positions (Vaswani et al. 2017, §3.5)", () => {
  it("PE(pos, 2i) = sin(pos/10000^(2i/d)), PE(pos, 2i+1) = cos(…), exactly", () => {
    const d = 8, PE = sinusoidalPositions(5, d, "float64");
    for (let pos = 0; pos < 5; pos++)
      for (let i = 0; i < d / 2; i++) {
        expect(PE.data[pos * d + 2 * i]).toBe(Math.sin(pos / Math.pow(10000, (2 * i) / d)));
        expect(PE.data[pos * d + 2 * i + 1]).toBe(Math.cos(pos / Math.pow(10000, (2 * i) / d)));
      }
    expect(Array.from(PE.data.subarray(0, 4))).toEqual([0, 1, 0, 1]);
  });
  it("PE(pos + k) is the same rotation of PE(pos) for every pos (a relative offset is linear)", () => {
    const d = 6, k = 3, PE = sinusoidalPositions(20, d, "float64");
    for (const pos of [0, 5, 11]) {
      for (let i = 0; i < d / 2; i++) {
        const w = 1 / Math.pow(10000, (2 * i) / d);
        const [s, c] = [PE.data[pos * d + 2 * i], PE.data[pos * d + 2 * i + 1]];
        expect(PE.data[(pos + k) * d + 2 * i]).toBeCloseTo(s * Math.cos(k * w) + c * Math.sin(k * w), 12);
        expect(PE.data[(pos + k) * d + 2 * i + 1]).toBeCloseTo(c * Math.cos(k * w) - s * Math.sin(k * w), 12);
      }
    }
  });
  it("odd d fills the last column with a sine", () => {
    const PE = sinusoidalPositions(3, 3, "float64");
    expect(PE.data[2 * 3 + 2]).toBe(Math.sin(2 / Math.pow(10000, 2 / 3)));
  });
});

describe("learned positions", () => {
  it("adds row t of P to every token at t, across the batch", () => {
    const lp = new LearnedPositions(4, 2, new Rng(1), {dtype: "float64"});
    const Y = lp.forward(mat(6, 2, "float64"), 3);
    expect(maxAbsDiff(Y.data.subarray(0, 6), lp.P.value.data.subarray(0, 6))).toBe(0);
    expect(maxAbsDiff(Y.data.subarray(6), lp.P.value.data.subarray(0, 6))).toBe(0);
    expect(() => lp.forward(mat(5, 2), 5)).toThrow(/maxLen/);
  });
  it("gradient of P and of X (float64, central differences)", () => {
    const rng = new Rng(2);
    const lp = new LearnedPositions(6, 3, rng, {dtype: "float64"});
    const X = randomMat(rng, 3 * 4, 3);
    const err = checkLayer(lp.params, {X}, () => lp.forward(X, 4), (dY) => ({X: lp.backward(dY, 4)}), rng);
    expect(err.params).toBeLessThan(1e-5);
    expect(err.inputs.X).toBeLessThan(1e-5);
    // rows 4 and 5 of P are never used by sequences of 4: their gradient is exactly 0
    expect(Array.from(lp.P.grad.data.subarray(12))).toEqual(new Array(6).fill(0));
  });
});

describe("sinusoidal positions: backward", () => {
  it("gradient of X through X + PE (float64, central differences): dX = dY, at every position", () => {
    const rng = new Rng(4);
    const s = makePositions("sinusoidal", 6, 3, rng, "float64");
    const X = randomMat(rng, 2 * 5, 3); // two sequences of 5
    const err = checkLayer(s.params, {X}, () => s.forward(X, 5), (dY) => ({X: s.backward(dY, 5)}), rng);
    expect(s.params).toEqual([]);
    expect(err.inputs.X).toBeLessThan(1e-6);
  });
});

describe("makePositions", () => {
  it("none is the identity; sinusoidal adds the table; learned has one Param", () => {
    const rng = new Rng(3);
    const X = randomMat(rng, 4, 4, "float32");
    expect(makePositions("none", 8, 4, rng).forward(X, 2)).toBe(X);
    const s = makePositions("sinusoidal", 8, 4, rng);
    const Y = s.forward(X, 2);
    const PE = sinusoidalPositions(2, 4);
    for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) expect(Y.data[r * 4 + c]).toBeCloseTo(X.data[r * 4 + c] + PE.data[(r % 2) * 4 + c], 6);
    expect(s.params.length).toBe(0);
    expect(makePositions("learned", 8, 4, rng).params.map((p) => p.name)).toEqual(["P"]);
    expect(Array.from(makePositions("none", 8, 4, rng).table(2).data)).toEqual(new Array(8).fill(0));
  });
});
