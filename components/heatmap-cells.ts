/**
 * Drawing a heatmap's cells: SVG rectangles for small matrices (with the values printed when cells
 * are large), a canvas at device resolution for large ones. Values the scale cannot show are hatched
 * grey in SVG and plain grey on the canvas.
 */
import * as d3 from "d3";
import type {ColorScale} from "./color-scale.js";
import {MISSING_COLOR, colorTable} from "./color-scale.js";
import type {Layout} from "./heatmap-layout.js";
import type {MatrixLike} from "./summarize.js";
import {svgEl} from "./style.js";

/** A hatch pattern for missing values; put it in the SVG's <defs>. */
export function hatchPattern(id: string): SVGPatternElement {
  const p = svgEl("pattern", {id, width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)"});
  p.append(svgEl("rect", {width: 6, height: 6, fill: MISSING_COLOR}), svgEl("line", {x1: 0, y1: 0, x2: 0, y2: 6, stroke: "#fff", "stroke-width": 2}));
  return p;
}

/** Black or white, whichever reads better on `background`. */
function inkOn(background: string): string {
  const c = d3.rgb(background);
  const luminance = (0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b) / 255;
  return luminance > 0.5 ? "#111" : "#fff";
}

export function drawSvgCells(g: SVGGElement, m: MatrixLike, scale: ColorScale, layout: Layout, hatchId: string, format: ((v: number) => string) | null): void {
  const {cellW, cellH} = layout;
  // The same cells as last time and no printed values (e.g. a live model's next step): recolour the
  // rectangles in place instead of making them again.
  const shape = `${m.rows}×${m.cols}@${cellW},${cellH}`;
  if (!format && g.dataset.cells === shape) {
    const rects = g.children;
    for (let k = 0; k < m.rows * m.cols; k++) {
      const t = scale.normalize(m.data[k]);
      rects[k].setAttribute("fill", Number.isNaN(t) ? `url(#${hatchId})` : scale.interpolate(t));
    }
    return;
  }
  g.dataset.cells = format ? "" : shape;
  const cells: Element[] = [];
  const labels: Element[] = [];
  const fontSize = Math.min(12, cellH * 0.45, cellW / 4.2);
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.cols; j++) {
      const v = m.data[i * m.cols + j];
      const t = scale.normalize(v);
      const fill = Number.isNaN(t) ? `url(#${hatchId})` : scale.interpolate(t);
      cells.push(svgEl("rect", {x: j * cellW, y: i * cellH, width: cellW + 0.02, height: cellH + 0.02, fill}));
      if (format) {
        const text = svgEl("text", {x: (j + 0.5) * cellW, y: (i + 0.5) * cellH, "text-anchor": "middle", "dominant-baseline": "central", "font-size": fontSize.toFixed(1)});
        text.style.fill = Number.isNaN(t) ? "#111" : inkOn(fill);
        text.textContent = format(v);
        labels.push(text);
      }
    }
  }
  g.replaceChildren(...cells, ...labels);
}

/** One small canvas per heatmap canvas holding the cells at one pixel each, reused between paints. */
const sources = new WeakMap<HTMLCanvasElement, HTMLCanvasElement>();

export function drawCanvasCells(canvas: HTMLCanvasElement, m: MatrixLike, scale: ColorScale, layout: Layout): void {
  const dpr = typeof devicePixelRatio === "number" && devicePixelRatio > 0 ? devicePixelRatio : 1;
  const w = Math.max(1, Math.round(layout.plotW * dpr)), h = Math.max(1, Math.round(layout.plotH * dpr));
  // Setting a canvas's size reallocates and clears it: only when it changes.
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  canvas.style.width = `${layout.plotW}px`;
  canvas.style.height = `${layout.plotH}px`;
  const image = new ImageData(m.cols, m.rows);
  const lut = colorTable(scale, 256);
  const missing = d3.rgb(MISSING_COLOR);
  const px = image.data;
  for (let k = 0; k < m.rows * m.cols; k++) {
    const t = scale.normalize(m.data[k]);
    const nan = Number.isNaN(t);
    const o = nan ? 0 : 4 * Math.round(t * 255);
    px[4 * k] = nan ? missing.r : lut[o];
    px[4 * k + 1] = nan ? missing.g : lut[o + 1];
    px[4 * k + 2] = nan ? missing.b : lut[o + 2];
    px[4 * k + 3] = 255;
  }
  let source = sources.get(canvas);
  if (!source) sources.set(canvas, (source = document.createElement("canvas")));
  if (source.width !== m.cols) source.width = m.cols;
  if (source.height !== m.rows) source.height = m.rows;
  source.getContext("2d")!.putImageData(image, 0, 0);
  const ctx = canvas.getContext("2d")!;
  ctx.imageSmoothingEnabled = false;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
}
