/**
 * A matrix heatmap: rows × cols cells coloured by value, labelled axes, a colour legend, a tooltip
 * (pointer or arrow keys), an optional highlighted row and column, and callbacks on hover and click.
 * Matrices of more than `canvasThreshold` cells are drawn on a canvas; hover is then computed from
 * the pointer's position, exactly as for SVG. `update(m)` repaints in place, keeping the hovered cell.
 */
import type {ColorOptions, ColorScale} from "./color-scale.js";
import {colorScale, missingNote} from "./color-scale.js";
import {formatNumber, spokenToken, visibleToken} from "./format.js";
import {drawAxes} from "./heatmap-axes.js";
import {drawCanvasCells, drawSvgCells, hatchPattern} from "./heatmap-cells.js";
import type {Layout} from "./heatmap-layout.js";
import {cellAt, heatmapLayout} from "./heatmap-layout.js";
import {colorLegend} from "./legend.js";
import {el, installStyles, svgEl, uid} from "./style.js";
import type {MatrixLike} from "./summarize.js";
import {toMatrix} from "./summarize.js";
import {tooltip} from "./tooltip.js";

export interface HeatmapCell {
  row: number;
  col: number;
  value: number;
  rowLabel: string;
  colLabel: string;
}

export interface HeatmapOptions extends ColorOptions {
  width?: number;
  title?: string;
  /** Axis titles, with units: the columns (x) and the rows (y). */
  xLabel?: string;
  yLabel?: string;
  /** What the colour encodes, with units (the legend's title). */
  valueLabel?: string;
  /** One label per row / column (tokens, unit names); indices by default. */
  rowLabels?: readonly string[];
  colLabels?: readonly string[];
  /** Continuous axes instead of row/column labels: x over [left, right], y over [top, bottom]. */
  xExtent?: [number, number];
  yExtent?: [number, number];
  /** Outlines a row and/or a column (e.g. the selected character). */
  highlight?: {row?: number | null; col?: number | null};
  onHover?: (cell: HeatmapCell | null) => void;
  onClick?: (cell: HeatmapCell) => void;
  format?: (v: number) => string;
  /** Print each value in its cell (default: when cells are large enough to hold it). */
  showValues?: boolean;
  /** Draw on a canvas above this many cells (default 2500). */
  canvasThreshold?: number;
  cellHeight?: number;
  maxCell?: number;
  maxHeight?: number;
  /**
   * What the grey cells mean, when some values cannot be coloured (NaN, ±∞, ≤ 0 on a log scale):
   * `label` for the legend's swatch (default "not shown"), `note` in place of the generated count.
   */
  missing?: {label?: string; note?: string};
  /** Overrides the generated description for screen readers. */
  ariaLabel?: string;
  /** data-testid on the figure. */
  testid?: string;
}

export interface HeatmapElement extends HTMLElement {
  /** The last clicked cell ("input" is dispatched on click, so `view(heatmap(…))` works). */
  value: HeatmapCell | null;
  /** Redraws with a new matrix (and optionally new options), keeping the hovered cell. */
  update(m: MatrixLike | ArrayLike<ArrayLike<number>>, patch?: Partial<HeatmapOptions>): void;
}

const HEATMAP_CSS = `
.rt-heatmap { position: relative; }
.rt-heatmap .rt-plot { position: relative; touch-action: pan-y; }
.rt-heatmap .rt-plot canvas { position: absolute; image-rendering: pixelated; }
.rt-heatmap .rt-plot svg { position: relative; display: block; overflow: visible; }
.rt-heatmap .rt-legend { display: block; margin-top: 2px; }
`;

export function heatmap(matrix: MatrixLike | ArrayLike<ArrayLike<number>>, options: HeatmapOptions = {}): HeatmapElement {
  const root = el("figure", "rt-view rt-heatmap") as HTMLElement as HeatmapElement;
  if (options.testid) root.dataset.testid = options.testid;
  let m = toMatrix(matrix);
  let opts = options;
  let cursor: {row: number; col: number} | null = null;
  let viaKeyboard = false;
  let layoutKey = "";
  let legendKey = "";
  let legendFormat: HeatmapOptions["format"];
  let layout: Layout;
  let scale: ColorScale;
  // The parts that build() makes and paint() fills:
  let caption: HTMLElement | null, plot: HTMLDivElement, canvas: HTMLCanvasElement | null, cellsG: SVGGElement, marksG: SVGGElement, legendBox: HTMLDivElement, note: HTMLParagraphElement;
  let tip: ReturnType<typeof tooltip>;
  const hatchId = uid("hatch");
  root.value = null;

  const fmt = (v: number) => (opts.format ?? formatNumber)(v);
  const at = (extent: [number, number], k: number, n: number) => formatNumber(extent[0] + ((k + 0.5) / n) * (extent[1] - extent[0]));
  const rowName = (i: number) => (opts.yExtent ? at(opts.yExtent, i, m.rows) : opts.rowLabels ? visibleToken(opts.rowLabels[i] ?? "") : String(i));
  const colName = (j: number) => (opts.xExtent ? at(opts.xExtent, j, m.cols) : opts.colLabels ? visibleToken(opts.colLabels[j] ?? "") : String(j));
  const cellOf = (row: number, col: number): HeatmapCell => ({row, col, value: m.data[row * m.cols + col], rowLabel: rowName(row), colLabel: colName(col)});

  function describe(c: HeatmapCell): string[] {
    const row = opts.rowLabels && !opts.yExtent ? spokenToken(opts.rowLabels[c.row] ?? "") : c.rowLabel;
    const col = opts.colLabels && !opts.xExtent ? spokenToken(opts.colLabels[c.col] ?? "") : c.colLabel;
    return [`${opts.yLabel ?? "row"}: ${row}`, `${opts.xLabel ?? "column"}: ${col}`, `${opts.valueLabel ?? "value"}: ${fmt(c.value)}`];
  }

  function keyOf(): string {
    const {rows, cols} = m;
    const {width, rowLabels, colLabels, xLabel, yLabel, title, cellHeight, maxCell, maxHeight, canvasThreshold, showValues, xExtent, yExtent} = opts;
    return JSON.stringify([rows, cols, width, rowLabels, colLabels, xLabel, yLabel, !!title, cellHeight, maxCell, maxHeight, canvasThreshold, showValues, xExtent, yExtent]);
  }

  function build(): void {
    const hadFocus = plot !== undefined && document.activeElement === plot;
    layoutKey = keyOf();
    const {rows, cols} = m;
    const {rowLabels, colLabels, xLabel, yLabel, xExtent, yExtent} = opts;
    layout = heatmapLayout({rows, cols, width: opts.width ?? 640, rowLabels, colLabels, xLabel, yLabel, xExtent, yExtent, cellHeight: opts.cellHeight, maxCell: opts.maxCell, maxHeight: opts.maxHeight});
    const {margin} = layout;
    plot = el("div", "rt-plot rt-focusable");
    plot.tabIndex = 0;
    plot.setAttribute("role", "group");
    plot.setAttribute("aria-roledescription", "heatmap");
    plot.style.width = `${layout.width}px`;
    canvas = rows * cols > (opts.canvasThreshold ?? 2500) ? el("canvas") : null;
    if (canvas) Object.assign(canvas.style, {left: `${margin.left}px`, top: `${margin.top}px`});
    const svg = svgEl("svg", {width: layout.width, height: layout.height});
    const defs = svgEl("defs");
    defs.append(hatchPattern(hatchId));
    const g = svgEl("g", {transform: `translate(${margin.left},${margin.top})`});
    cellsG = svgEl("g");
    const axesG = svgEl("g");
    marksG = svgEl("g", {"pointer-events": "none"});
    g.append(cellsG, axesG, marksG);
    svg.append(defs, g);
    drawAxes(axesG, layout, {rows, cols, rowLabels, colLabels, xLabel, yLabel, xExtent, yExtent});
    tip = tooltip(plot);
    plot.setAttribute("aria-describedby", tip.element.id);
    plot.append(...(canvas ? [canvas] : []), svg, tip.element);
    legendBox = el("div");
    note = el("p", "rt-note rt-warn");
    installStyles(HEATMAP_CSS);
    const children: Node[] = [];
    caption = opts.title ? el("figcaption", "rt-title") : null;
    if (caption) children.push(caption);
    children.push(plot, legendBox, note, tip.live);
    root.replaceChildren(...children);
    listen(svg);
    if (hadFocus) plot.focus();
  }

  function paint(): void {
    scale = colorScale(m.data, opts);
    if (caption) caption.textContent = opts.title ?? "";
    const {cellW, cellH} = layout;
    const printValues = !canvas && (opts.showValues ?? (cellW >= 30 && cellH >= 18 && m.rows * m.cols <= 400));
    if (canvas) drawCanvasCells(canvas, m, scale, layout);
    else drawSvgCells(cellsG, m, scale, layout, hatchId, printValues ? (v) => formatNumber(v, 2) : null);
    const generated = missingNote(scale);
    const missing = generated === null ? null : opts.missing?.note ?? generated;
    // The legend is redrawn only when it would look different (a fixed domain keeps it as it is).
    const legend = {title: opts.valueLabel, width: Math.min(layout.width, 340), format: fmt, showMissing: missing !== null, missingLabel: opts.missing?.label};
    const key = JSON.stringify([scale.kind, scale.scheme, scale.domain, legend.title, legend.width, legend.showMissing, legend.missingLabel]);
    if (key !== legendKey || opts.format !== legendFormat || !legendBox.firstChild) legendBox.replaceChildren(colorLegend(scale, legend));
    legendKey = key;
    legendFormat = opts.format;
    note.textContent = missing ?? "";
    note.hidden = missing === null;
    const [lo, hi] = scale.domain;
    const summary = `${opts.title ?? "Heatmap"}: ${m.rows} rows by ${m.cols} columns, ${opts.valueLabel ?? "values"} from ${fmt(lo)} to ${fmt(hi)}${scale.kind === "log" ? " on a log scale" : ""}.`;
    root.setAttribute("aria-label", opts.ariaLabel ?? `${summary}${missing ? " " + missing : ""}`);
    plot.setAttribute("aria-label", "Cells: the arrow keys move from cell to cell and read each value.");
    drawMarks();
  }

  function band(x: number, y: number, w: number, h: number, strong: boolean): SVGGElement {
    const g = svgEl("g");
    g.append(
      svgEl("rect", {x, y, width: w, height: h, fill: "none", stroke: "#fff", "stroke-width": strong ? 4 : 3}),
      svgEl("rect", {x, y, width: w, height: h, fill: "none", stroke: "#111", "stroke-width": strong ? 2 : 1.5})
    );
    return g;
  }

  function drawMarks(): void {
    const {cellW, cellH, plotW, plotH} = layout;
    const marks: Element[] = [];
    const h = opts.highlight;
    if (h?.row != null && h.row >= 0 && h.row < m.rows) marks.push(band(0, h.row * cellH, plotW, cellH, true));
    if (h?.col != null && h.col >= 0 && h.col < m.cols) marks.push(band(h.col * cellW, 0, cellW, plotH, true));
    if (cursor) marks.push(band(cursor.col * cellW, cursor.row * cellH, cellW, cellH, false));
    marksG.replaceChildren(...marks);
    if (cursor) {
      const c = cellOf(cursor.row, cursor.col);
      tip.show(layout.margin.left + (cursor.col + 1) * cellW, layout.margin.top + cursor.row * cellH, describe(c), viaKeyboard);
    } else tip.hide();
  }

  function hover(next: {row: number; col: number} | null, keyboard: boolean): void {
    const same = next && cursor && next.row === cursor.row && next.col === cursor.col;
    if (same || (!next && !cursor)) return;
    cursor = next;
    viaKeyboard = keyboard;
    drawMarks();
    opts.onHover?.(cursor ? cellOf(cursor.row, cursor.col) : null);
  }

  function choose(): void {
    if (!cursor) return;
    const c = cellOf(cursor.row, cursor.col);
    root.value = c;
    opts.onClick?.(c);
    root.dispatchEvent(new Event("input", {bubbles: true}));
  }

  function listen(svg: SVGSVGElement): void {
    const at = (e: PointerEvent) => {
      const r = svg.getBoundingClientRect();
      return cellAt(layout, m.rows, m.cols, e.clientX - r.left - layout.margin.left, e.clientY - r.top - layout.margin.top);
    };
    svg.addEventListener("pointermove", (e) => hover(at(e), false));
    svg.addEventListener("pointerleave", () => hover(null, false));
    svg.addEventListener("click", (e) => {
      hover(at(e as PointerEvent), false);
      choose();
    });
    plot.addEventListener("keydown", (e) => {
      const moves: Record<string, [number, number]> = {ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1]};
      if (e.key in moves) {
        const [dr, dc] = moves[e.key];
        const c = cursor ?? {row: 0, col: 0};
        const next = cursor ? {row: Math.max(0, Math.min(m.rows - 1, c.row + dr)), col: Math.max(0, Math.min(m.cols - 1, c.col + dc))} : c;
        cursor = null; // announce even when the cell does not change (at an edge)
        hover(next, true);
      } else if (e.key === "Enter" || e.key === " ") choose();
      else if (e.key === "Escape") hover(null, true);
      else return;
      e.preventDefault();
    });
    plot.addEventListener("blur", () => viaKeyboard && hover(null, true));
  }

  root.update = (next, patch) => {
    m = toMatrix(next);
    if (patch) opts = {...opts, ...patch};
    if (cursor && (cursor.row >= m.rows || cursor.col >= m.cols)) cursor = null;
    if (keyOf() !== layoutKey) build();
    paint();
  };

  build();
  paint();
  return root;
}
