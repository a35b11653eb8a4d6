import {describe, expect, it} from "vitest";
import {domainOf, drawablePoints, logTicks, placeable} from "../../../components/xy-chart.js";

describe("xy chart: what can be drawn, and where", () => {
  it("leaves out points an axis cannot show, and counts them", () => {
    const pts = [{x: 1, y: 2}, {x: 0, y: 3}, {x: 4, y: NaN}, {x: 5, y: -1}, {x: Infinity, y: 1}];
    expect(drawablePoints(pts, false, false)).toEqual({points: [{x: 1, y: 2}, {x: 0, y: 3}, {x: 5, y: -1}], dropped: 2});
    expect(drawablePoints(pts, true, true)).toEqual({points: [{x: 1, y: 2}], dropped: 4});
    expect(placeable(0, true)).toBe(false);
    expect(placeable(0, false)).toBe(true);
  });

  it("pads a linear domain by 5% and widens a log domain to whole decades when it spans less than one", () => {
    expect(domainOf([0, 100], false)).toEqual([-5, 105]);
    expect(domainOf([3, 3], false)).toEqual([2, 4]);
    expect(domainOf([], false)).toEqual([0, 1]);
    expect(domainOf([2, 5], true)).toEqual([1, 10]);
    expect(domainOf([2, 50], true)).toEqual([2, 50]);
    expect(domainOf([4, 1024], true)).toEqual([4, 1024]);
    expect(domainOf([-1, 0, NaN], true)).toEqual([1, 10]);
  });

  it("ticks a log axis at 1-2-5 over few decades, at powers of ten over many, and never too many", () => {
    expect(logTicks([1, 100], 10)).toEqual([1, 2, 5, 10, 20, 50, 100]);
    expect(logTicks([4, 1024], 10)).toEqual([5, 10, 20, 50, 100, 200, 500, 1000]);
    expect(logTicks([1e3, 1e9], 10)).toEqual([1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]);
    expect(logTicks([1e3, 1e9], 3)).toEqual([1e3, 1e6, 1e9]);
  });
});
