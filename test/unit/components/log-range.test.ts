import {describe, expect, it} from "vitest";
import {LOG_HI, LOG_LO, clipLog} from "../../../components/log-range.js";

describe("clipLog", () => {
  it("keeps values inside the range and counts the ones it moves", () => {
    const r = clipLog([1, 0, 1e-40, -3, -Infinity, 1e40, Infinity, NaN, 2e-30, 5e29]);
    expect(Array.from(r.values)).toEqual([1, LOG_LO, LOG_LO, LOG_LO, LOG_LO, LOG_HI, LOG_HI, LOG_HI, 2e-30, 5e29]);
    expect(r.below).toBe(4);
    expect(r.above).toBe(3);
  });

  it("leaves skipped entries NaN and uncounted", () => {
    const r = clipLog([NaN, 0, NaN, 3], {skip: (i) => i % 2 === 0});
    expect(Number.isNaN(r.values[0]) && Number.isNaN(r.values[2])).toBe(true);
    expect([r.values[1], r.values[3]]).toEqual([LOG_LO, 3]);
    expect([r.below, r.above]).toEqual([1, 0]);
  });

  it("takes its own range, and refuses one a log axis cannot show", () => {
    const r = clipLog([0.5, 50, 5], {lo: 1, hi: 10});
    expect(Array.from(r.values)).toEqual([1, 10, 5]);
    expect(() => clipLog([1], {lo: 0, hi: 1})).toThrow(/0 < lo < hi/);
    expect(() => clipLog([1], {lo: 2, hi: 1})).toThrow(/0 < lo < hi/);
  });
});
