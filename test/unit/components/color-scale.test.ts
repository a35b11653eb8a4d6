import {describe, expect, it} from "vitest";
import {MISSING_COLOR, colorScale, colorTable, extentOf, missingNote} from "../../../components/color-scale.js";

describe("colorScale", () => {
  it("maps a sequential domain onto [0, 1] from the data's extent", () => {
    const s = colorScale([2, 4, 6]);
    expect(s.kind).toBe("sequential");
    expect(s.domain).toEqual([2, 6]);
    expect([2, 4, 6].map(s.normalize)).toEqual([0, 0.5, 1]);
    expect(s.color(2)).not.toBe(s.color(6));
  });
  it("keeps NaN and ±∞ away from the interpolator and counts them", () => {
    const s = colorScale([1, NaN, Infinity, -Infinity, 3]);
    expect(s.domain).toEqual([1, 3]);
    expect(s.nonFinite).toBe(3);
    expect(s.normalize(Infinity)).toBeNaN();
    expect(s.color(NaN)).toBe(MISSING_COLOR);
    expect(missingNote(s)).toBe("3 values were not finite and are shown grey.");
  });
  it("is symmetric about zero for diverging schemes", () => {
    const s = colorScale([-1, 0.5, 3], {scheme: "RdBu"});
    expect(s.kind).toBe("diverging");
    expect(s.domain).toEqual([-3, 3]);
    expect(s.normalize(0)).toBe(0.5);
    expect(s.normalize(-3)).toBe(0);
  });
  it("puts negative values on the blue end of RdBu and positive on the red end", () => {
    const s = colorScale([-1, 1], {scheme: "RdBu"});
    const rgb = (c: string) => c.match(/\d+/g)!.map(Number);
    const [r0, , b0] = rgb(s.color(-1));
    const [r1, , b1] = rgb(s.color(1));
    expect(b0).toBeGreaterThan(r0);
    expect(r1).toBeGreaterThan(b1);
  });
  it("puts negative values on the purple end of PuOr and positive on the orange end", () => {
    const s = colorScale([-1, 1], {scheme: "PuOr"});
    const rgb = (c: string) => c.match(/\d+/g)!.map(Number);
    const [r0, , b0] = rgb(s.color(-1));
    const [r1, , b1] = rgb(s.color(1));
    expect(b0).toBeGreaterThan(r0);
    expect(r1).toBeGreaterThan(b1);
  });
  it("works in log space and treats v ≤ 0 as unshowable", () => {
    const s = colorScale([0.01, 0.1, 1, 0, -2], {log: true});
    expect(s.kind).toBe("log");
    expect(s.domain).toEqual([0.01, 1]);
    expect(s.normalize(0.1)).toBeCloseTo(0.5, 12);
    expect(s.nonPositive).toBe(2);
    expect(s.normalize(0)).toBeNaN();
    expect(missingNote(s)).toBe("2 values were ≤ 0 on a log scale and are shown grey.");
  });
  it("clips values outside a fixed domain to its ends", () => {
    const s = colorScale([-5, 0.5, 5], {domain: [0, 1]});
    expect(s.normalize(-5)).toBe(0);
    expect(s.normalize(5)).toBe(1);
    expect(s.nonFinite).toBe(0);
  });
  it("gives a constant matrix a usable domain, and rejects a bad fixed one", () => {
    expect(colorScale([0, 0]).domain).toEqual([-1, 1]);
    expect(colorScale([5, 5]).domain).toEqual([4.5, 5.5]);
    expect(colorScale([NaN]).domain).toEqual([0, 1]);
    expect(() => colorScale([1], {domain: [2, 1]})).toThrow(/bad domain/);
    expect(() => colorScale([1], {log: true, domain: [0, 1]})).toThrow(/bad domain/);
  });
  it("says nothing when every value is shown, and uses the singular for one", () => {
    expect(missingNote(colorScale([1, 2]))).toBeNull();
    expect(missingNote(colorScale([1, NaN]))).toBe("1 value was not finite and is shown grey.");
  });
});

describe("colorTable and extentOf", () => {
  it("samples the interpolator into RGBA bytes, ends included", () => {
    const s = colorScale([0, 1]);
    const t = colorTable(s, 3);
    expect(t.length).toBe(12);
    expect(Array.from(t.slice(0, 4))).toEqual([68, 1, 84, 255]); // viridis(0) = #440154
    expect(Array.from(t.slice(8, 12))).toEqual([253, 231, 37, 255]); // viridis(1) = #fde725
  });
  it("skips what a log scale cannot show", () => {
    expect(extentOf([-1, 2, 8, NaN], "log")).toEqual({min: 2, max: 8, nonFinite: 1, nonPositive: 1});
  });
});
