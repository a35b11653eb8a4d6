import {describe, expect, it} from "vitest";
import {fromRows} from "../../../src/engine/index.js";
import {lookupMatrices, softLookup} from "../../../src/models/attention/lookup.js";
import {maxAbsDiff} from "./helpers.js";

describe("softLookup: attention as a soft dictionary", () => {
  const keys = [[1, 0], [0, 1], [-1, 0]];
  const values = [[10, 0], [0, 10], [5, 5]];
  it("α = softmax(q·k), output = Σ α v, exactly", () => {
    const r = softLookup([2, 0], keys, values);
    expect(r.dots).toEqual([2, 0, -2]);
    const z = Math.exp(2) + 1 + Math.exp(-2);
    expect(maxAbsDiff(r.weights, [Math.exp(2) / z, 1 / z, Math.exp(-2) / z])).toBeLessThan(1e-15);
    expect(r.output[0]).toBeCloseTo((10 * Math.exp(2) + 5 * Math.exp(-2)) / z, 13);
    expect(r.output[1]).toBeCloseTo((10 + 5 * Math.exp(-2)) / z, 13);
  });
  it("scaled divides the dot products by √d; a small temperature tends to the hard look-up, a large one to the average", () => {
    expect(softLookup([2, 0], keys, values, {scaled: true}).scores[0]).toBeCloseTo(2 / Math.SQRT2, 14);
    const hard = softLookup([2, 0], keys, values, {temperature: 0.01});
    expect(maxAbsDiff(hard.output, [10, 0])).toBeLessThan(1e-12);
    expect(hard.entropy).toBeLessThan(1e-12);
    const avg = softLookup([2, 0], keys, values, {temperature: 1e6});
    expect(maxAbsDiff(avg.output, [5, 5])).toBeLessThan(1e-4);
    expect(avg.entropy).toBeCloseTo(Math.log(3), 5);
    expect(() => softLookup([1, 0], keys, values, {temperature: 0})).toThrow(/temperature/);
  });
  it("the matrix form gives the same numbers row by row, at each stage", () => {
    const Q = fromRows([[2, 0], [0.5, 1]], "float64"), K = fromRows(keys, "float64"), V = fromRows(values, "float64");
    const st = lookupMatrices(Q, K, V, {scaled: true, temperature: 2});
    for (let i = 0; i < 2; i++) {
      const r = softLookup([Q.data[2 * i], Q.data[2 * i + 1]], keys, values, {scaled: true, temperature: 2});
      expect(maxAbsDiff(st.QKt.data.subarray(3 * i, 3 * i + 3), r.dots)).toBeLessThan(1e-15);
      expect(maxAbsDiff(st.S.data.subarray(3 * i, 3 * i + 3), r.scores)).toBeLessThan(1e-15);
      expect(maxAbsDiff(st.A.data.subarray(3 * i, 3 * i + 3), r.weights)).toBeLessThan(1e-15);
      expect(maxAbsDiff(st.O.data.subarray(2 * i, 2 * i + 2), r.output)).toBeLessThan(1e-14);
    }
    expect(st.scale).toBeCloseTo(1 / (2 * Math.SQRT2), 15);
  });
});
