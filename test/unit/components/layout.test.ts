import {describe, expect, it} from "vitest";
import {cellAt, heatmapLayout, tickIndices} from "../../../components/heatmap-layout.js";

describe("tickIndices", () => {
  it("labels every cell when labels fit", () => {
    expect(tickIndices(4, 20, 13, false)).toEqual([0, 1, 2, 3]);
  });
  it("thins labels to every k-th, with round steps for indices", () => {
    expect(tickIndices(10, 5, 13, false)).toEqual([0, 3, 6, 9]);
    expect(tickIndices(30, 5, 13, true)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(tickIndices(100, 1, 13, true)).toEqual([0, 20, 40, 60, 80]);
    expect(tickIndices(0, 10, 13, true)).toEqual([]);
  });
});

describe("heatmapLayout", () => {
  it("makes square cells no larger than maxCell", () => {
    const l = heatmapLayout({rows: 3, cols: 4, width: 640});
    expect(l.cellW).toBe(44);
    expect(l.cellH).toBe(44);
    expect(l.plotW).toBe(176);
    expect(l.width).toBe(l.margin.left + l.plotW + l.margin.right);
  });
  it("fills the width with many columns and flattens cells past maxHeight", () => {
    const l = heatmapLayout({rows: 400, cols: 100, width: 640, maxHeight: 400});
    expect(l.width).toBeCloseTo(640, 9);
    expect(l.cellH).toBe(1);
    expect(l.plotH).toBe(400);
  });
  it("turns column labels on their side when they are wider than a cell", () => {
    const narrow = heatmapLayout({rows: 2, cols: 60, width: 390, colLabels: Array.from({length: 60}, (_, i) => `unit ${i}`)});
    expect(narrow.rotateCols).toBe(true);
    const chars = heatmapLayout({rows: 2, cols: 60, width: 390, colLabels: Array.from({length: 60}, () => "a")});
    expect(chars.rotateCols).toBe(false);
  });
  it("makes room on the left for long row labels and axis titles", () => {
    const plain = heatmapLayout({rows: 2, cols: 2, width: 400});
    const titled = heatmapLayout({rows: 2, cols: 2, width: 400, rowLabels: ["long label", "b"], yLabel: "query"});
    expect(titled.margin.left).toBeGreaterThan(plain.margin.left + 40);
  });
});

describe("cellAt", () => {
  const l = {cellW: 10, cellH: 5, plotW: 30, plotH: 10};
  it("finds the cell under a point", () => {
    expect(cellAt(l, 2, 3, 0, 0)).toEqual({row: 0, col: 0});
    expect(cellAt(l, 2, 3, 29.9, 9.9)).toEqual({row: 1, col: 2});
    expect(cellAt(l, 2, 3, 15, 6)).toEqual({row: 1, col: 1});
  });
  it("is null outside the plot", () => {
    expect(cellAt(l, 2, 3, -1, 2)).toBeNull();
    expect(cellAt(l, 2, 3, 30, 2)).toBeNull();
    expect(cellAt(l, 2, 3, 2, 10)).toBeNull();
  });
});
