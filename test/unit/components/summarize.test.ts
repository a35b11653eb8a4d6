import {describe, expect, it} from "vitest";
import {corner, isMatrixLike, summarize, toMatrix} from "../../../components/summarize.js";

describe("summarize", () => {
  it("gives the head, the norm and the extremes of the finite entries", () => {
    const s = summarize([3, -4, NaN, 0, 1, 2, 5, 6], 3);
    expect(s.head).toEqual([3, -4, NaN]);
    expect(s.omitted).toBe(5);
    expect(s.norm).toBeCloseTo(Math.sqrt(9 + 16 + 1 + 4 + 25 + 36), 12);
    expect(s.min).toBe(-4);
    expect(s.max).toBe(6);
    expect(s.nonFinite).toBe(1);
  });
  it("has NaN extremes when nothing is finite", () => {
    const s = summarize([NaN, Infinity]);
    expect(s.min).toBeNaN();
    expect(s.norm).toBe(0);
  });
});

describe("matrices", () => {
  it("recognises {rows, cols, data} and converts nested rows", () => {
    expect(isMatrixLike({rows: 1, cols: 2, data: [1, 2]})).toBe(true);
    expect(isMatrixLike([1, 2])).toBe(false);
    const m = toMatrix([
      [1, 2, 3],
      [4, 5, 6]
    ]);
    expect(m.rows).toBe(2);
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(corner(m, 1, 2)).toEqual([[1, 2]]);
  });
  it("rejects ragged rows and a wrong data length", () => {
    expect(() => toMatrix([[1], [2, 3]])).toThrow(/ragged/);
    expect(() => toMatrix({rows: 2, cols: 2, data: [1]})).toThrow(/numbers/);
  });
});
