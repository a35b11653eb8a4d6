import {describe, expect, it} from "vitest";
import {EXTENT, clampPoint, defaultPoints, fullVector, hiddenComponents, nudge, panelSize} from "../../../components/qkv-geometry.js";

describe("qkv-geometry (chapter 5's look-up figure)", () => {
  it("clampPoint keeps points inside the drawn square and turns non-numbers into 0", () => {
    expect(clampPoint({x: 3, y: -9})).toEqual({x: EXTENT, y: -EXTENT});
    expect(clampPoint({x: 0.4, y: -0.2})).toEqual({x: 0.4, y: -0.2});
    expect(clampPoint({x: NaN, y: Infinity})).toEqual({x: 0, y: 0});
  });

  it("nudge moves by 0.1 per arrow key, 0.5 with Shift, up is +y, and ignores other keys", () => {
    expect(nudge({x: 0, y: 0}, "ArrowRight", false)).toEqual({x: 0.1, y: 0});
    expect(nudge({x: 0, y: 0}, "ArrowUp", true)).toEqual({x: 0, y: 0.5});
    expect(nudge({x: 0.3, y: 0.3}, "ArrowDown", false)).toEqual({x: 0.3, y: 0.2});
    expect(nudge({x: 2.45, y: 0}, "ArrowRight", true)).toEqual({x: EXTENT, y: 0});
    expect(nudge({x: 0, y: 0}, "Enter", false)).toBeNull();
  });

  it("panelSize puts the panels side by side from 560 px and never below 200 px", () => {
    expect(panelSize(760)).toEqual({size: 360, sideBySide: true});
    expect(panelSize(600)).toEqual({size: 292, sideBySide: true});
    expect(panelSize(358)).toEqual({size: 358, sideBySide: false});
    expect(panelSize(150).size).toBe(200);
  });

  it("hidden components are seeded N(0, 1) numbers: same seed, same numbers; variance near 1", () => {
    const a = hiddenComponents(3, 2000, 5), b = hiddenComponents(3, 2000, 5), c = hiddenComponents(3, 2000, 6);
    expect(a).toEqual(b);
    expect(a[0][0]).not.toBe(c[0][0]);
    const all = a.flat(), mean = all.reduce((s, v) => s + v, 0) / all.length;
    const variance = all.reduce((s, v) => s + (v - mean) ** 2, 0) / all.length;
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(variance).toBeGreaterThan(0.9);
    expect(variance).toBeLessThan(1.1);
  });

  it("fullVector is (x, y, first d − 2 hidden components), and refuses d < 2 or too few components", () => {
    expect(fullVector({x: 1, y: 2}, [7, 8, 9], 2)).toEqual([1, 2]);
    expect(fullVector({x: 1, y: 2}, [7, 8, 9], 4)).toEqual([1, 2, 7, 8]);
    expect(() => fullVector({x: 1, y: 2}, [7], 4)).toThrow(/hidden/);
    expect(() => fullVector({x: 1, y: 2}, [7], 1)).toThrow(/d must/);
  });

  it("the default layout has one value per key, all inside the square", () => {
    const p = defaultPoints();
    expect(p.values.length).toBe(p.keys.length);
    for (const q of [p.query, ...p.keys, ...p.values]) expect(clampPoint(q)).toEqual(q);
  });
});
