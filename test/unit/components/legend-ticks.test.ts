import {describe, expect, it} from "vitest";
import {logTickValues} from "../../../components/legend.js";

const round = (vs: number[]) => vs.map((v) => Number(v.toPrecision(6)));

describe("logTickValues", () => {
  it("keeps d3's ticks when they are few", () => {
    expect(round(logTickValues(1, 1000, 5))).toEqual([1, 10, 100, 1000]);
  });

  it("thins ticks within two decades to mantissas 1, 2 and 5", () => {
    expect(round(logTickValues(0.018, 1.1, 5))).toEqual([0.02, 0.05, 0.1, 0.2, 0.5, 1]);
  });

  it("keeps every k-th power of ten over many decades", () => {
    const t = round(logTickValues(1e-30, 1e30, 5));
    expect(t.length).toBeLessThanOrEqual(6);
    expect(t[0]).toBe(1e-30);
    for (const v of t) expect(Math.log10(v) % 1).toBeCloseTo(0, 9);
  });

  it("never returns more than count + 1 ticks", () => {
    for (const [lo, hi] of [[0.3, 0.9], [0.01, 7], [2e-7, 3e4], [1e-300, 1e300]]) {
      expect(logTickValues(lo, hi, 3).length).toBeLessThanOrEqual(4);
    }
  });
});

describe("logTickValues within one decade", () => {
  it("keeps at least two ticks", () => {
    expect(round(logTickValues(0.3, 0.9, 3))).toEqual([0.3, 0.5, 0.7, 0.9]);
  });
});
