import {describe, expect, it} from "vitest";
import {nearestIndex} from "../../../components/accuracy-chart.js";

describe("accuracy chart: nearestIndex", () => {
  it("finds the x nearest a pointer position, ties going to the first", () => {
    const xs = [1, 2, 3, 5, 8];
    expect(nearestIndex(xs, -4)).toBe(0);
    expect(nearestIndex(xs, 2.4)).toBe(1);
    expect(nearestIndex(xs, 2.5)).toBe(1);
    expect(nearestIndex(xs, 4.2)).toBe(3);
    expect(nearestIndex(xs, 7)).toBe(4);
    expect(nearestIndex(xs, 100)).toBe(4);
  });
});
