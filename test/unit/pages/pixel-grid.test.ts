import {describe, expect, it} from "vitest";
import {convWindow, defaultDrawing, paintValue, pixelAt, stepPixel} from "../../../components/pixel-grid.js";

describe("pixel-grid (chapter 6's image figure)", () => {
  it("pixelAt finds the cell under the pointer, and null outside the picture", () => {
    expect(pixelAt(0, 0, 10, 4, 5)).toEqual({row: 0, col: 0});
    expect(pixelAt(49.9, 39.9, 10, 4, 5)).toEqual({row: 3, col: 4});
    expect(pixelAt(50, 5, 10, 4, 5)).toBeNull();
    expect(pixelAt(-1, 5, 10, 4, 5)).toBeNull();
  });

  it("stepPixel moves one pixel per arrow key and stops at the edges", () => {
    expect(stepPixel({row: 2, col: 2}, "ArrowUp", 4, 5)).toEqual({row: 1, col: 2});
    expect(stepPixel({row: 3, col: 4}, "ArrowDown", 4, 5)).toEqual({row: 3, col: 4});
    expect(stepPixel({row: 0, col: 0}, "ArrowLeft", 4, 5)).toEqual({row: 0, col: 0});
    expect(stepPixel({row: 0, col: 0}, "ArrowRight", 4, 5)).toEqual({row: 0, col: 1});
    expect(stepPixel({row: 0, col: 0}, "a", 4, 5)).toBeNull();
  });

  it("convWindow is 3×3 inside the picture and cut at its edges", () => {
    expect(convWindow({row: 2, col: 2}, 5, 5)).toEqual({row0: 1, col0: 1, rows: 3, cols: 3});
    expect(convWindow({row: 0, col: 0}, 5, 5)).toEqual({row0: 0, col0: 0, rows: 2, cols: 2});
    expect(convWindow({row: 4, col: 2}, 5, 5)).toEqual({row0: 3, col0: 1, rows: 2, cols: 3});
  });

  it("paintValue flips the starting pixel: dark to light, light to dark", () => {
    expect(paintValue([0, 0.4, 0.5, 1], 0)).toBe(1);
    expect(paintValue([0, 0.4, 0.5, 1], 1)).toBe(1);
    expect(paintValue([0, 0.4, 0.5, 1], 2)).toBe(0);
    expect(paintValue([0, 0.4, 0.5, 1], 3)).toBe(0);
  });

  it("defaultDrawing has both light and dark pixels, light ones in opposite corners", () => {
    const g = defaultDrawing(12, 12);
    expect(g).toHaveLength(144);
    expect(g[1 * 12 + 1]).toBe(1);
    expect(g[10 * 12 + 10]).toBe(1);
    expect(g[0]).toBe(0);
    const light = g.filter((v) => v === 1).length;
    expect(light).toBeGreaterThan(4);
    expect(light).toBeLessThan(72);
  });
});
