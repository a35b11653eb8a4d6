/**
 * Where a heatmap's cells and labels go (no DOM): margins sized to the labels, square cells when
 * they fit, and which row and column labels to print when not all of them have room.
 */

export interface LayoutInput {
  rows: number;
  cols: number;
  width: number;
  rowLabels?: readonly string[];
  colLabels?: readonly string[];
  xLabel?: string;
  yLabel?: string;
  /** Cell height in px (default: the cell width, within [minCell, maxCell]). */
  cellHeight?: number;
  /** The largest cell side in px (default 44). */
  maxCell?: number;
  /** The plot is never taller than this (default 520 px); cells get flatter instead. */
  maxHeight?: number;
  /** Continuous axes instead of labels: x runs over [left, right], y over [top, bottom]. */
  xExtent?: [number, number];
  yExtent?: [number, number];
}

export interface Layout {
  width: number;
  height: number;
  margin: {top: number; right: number; bottom: number; left: number};
  plotW: number;
  plotH: number;
  cellW: number;
  cellH: number;
  rowTicks: number[];
  colTicks: number[];
  /** Column labels written vertically because they do not fit across a cell. */
  rotateCols: boolean;
}

/** Approximate width of a label in 11-px text. */
export const charWidth = 6.6;
const lineHeight = 13;

function labelChars(labels: readonly string[] | undefined, n: number): number {
  if (!labels) return String(Math.max(0, n - 1)).length;
  let m = 1;
  for (const l of labels) m = Math.max(m, l.length);
  return Math.min(m, 16);
}

/**
 * Indices 0, k, 2k, … with k the smallest step such that labels `spacing` px apart fit in cells
 * `cell` px wide; for numeric labels k is taken from 1, 2, 5, 10, 20, 50, …
 */
export function tickIndices(n: number, cell: number, spacing: number, numeric: boolean): number[] {
  if (n <= 0) return [];
  let k = Math.max(1, Math.ceil(spacing / Math.max(cell, 1e-9)));
  if (numeric && k > 1) {
    const steps = [1, 2, 5];
    let p = 1;
    search: for (;;) {
      for (const s of steps) {
        if (s * p >= k) {
          k = s * p;
          break search;
        }
      }
      p *= 10;
    }
  }
  const out: number[] = [];
  for (let i = 0; i < n; i += k) out.push(i);
  return out;
}

export function heatmapLayout(input: LayoutInput): Layout {
  const {rows, cols, width, rowLabels, colLabels, xLabel, yLabel, maxCell = 44, maxHeight = 520} = input;
  const rowChars = input.yExtent ? 5 : labelChars(rowLabels, rows);
  const colChars = input.xExtent ? 1 : labelChars(colLabels, cols);
  const left = Math.ceil(rowChars * charWidth) + 10 + (yLabel ? 18 : 0);
  const right = 8;
  const avail = Math.max(40, width - left - right);
  const cellW = Math.min(avail / Math.max(cols, 1), maxCell);
  const colLabelW = colChars * charWidth + 4;
  const rotateCols = colLabelW > cellW && colChars > 1;
  const bottom = (rotateCols ? Math.ceil(colChars * charWidth) + 10 : lineHeight + 8) + (xLabel ? 18 : 0);
  let cellH = input.cellHeight ?? Math.min(Math.max(cellW, 3), maxCell);
  if (rows * cellH > maxHeight) cellH = maxHeight / Math.max(rows, 1);
  const plotW = cellW * cols, plotH = cellH * rows;
  const colSpacing = rotateCols ? lineHeight : colLabelW + 4;
  return {
    width: left + plotW + right,
    height: 6 + plotH + bottom,
    margin: {top: 6, right, bottom, left},
    plotW,
    plotH,
    cellW,
    cellH,
    rowTicks: tickIndices(rows, cellH, lineHeight, !rowLabels),
    colTicks: tickIndices(cols, cellW, colSpacing, !colLabels),
    rotateCols
  };
}

/** The cell under a point in plot coordinates, or null outside the plot. */
export function cellAt(layout: Pick<Layout, "cellW" | "cellH" | "plotW" | "plotH">, rows: number, cols: number, x: number, y: number): {row: number; col: number} | null {
  if (x < 0 || y < 0 || x >= layout.plotW || y >= layout.plotH) return null;
  const col = Math.min(cols - 1, Math.floor(x / layout.cellW));
  const row = Math.min(rows - 1, Math.floor(y / layout.cellH));
  return {row, col};
}
