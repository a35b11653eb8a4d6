/** A heatmap's row and column labels and its axis titles, drawn around the plot's origin. */
import * as d3 from "d3";
import type {Layout} from "./heatmap-layout.js";
import {formatNumber, visibleToken} from "./format.js";
import {svgEl} from "./style.js";

export interface AxesInput {
  rows: number;
  cols: number;
  rowLabels?: readonly string[];
  colLabels?: readonly string[];
  xLabel?: string;
  yLabel?: string;
  xExtent?: [number, number];
  yExtent?: [number, number];
}

const MONO = "var(--monospace, ui-monospace, monospace)";

function label(labels: readonly string[] | undefined, i: number): string {
  if (!labels) return String(i);
  const s = visibleToken(labels[i] ?? "");
  return s.length > 16 ? `${s.slice(0, 15)}…` : s;
}

/** Short labels (characters, sub-words) read best in a fixed-width font. */
function isTokenLike(labels: readonly string[] | undefined): boolean {
  return !!labels && labels.every((l) => l.length <= 3);
}

/** Ticks of a continuous axis along `length` px, as [position, label] pairs. */
function continuousTicks(extent: [number, number], length: number): [number, string][] {
  const scale = d3.scaleLinear().domain(extent).range([0, length]);
  return scale.ticks(Math.max(2, Math.floor(length / 60))).map((v) => [scale(v), formatNumber(v)]);
}

function tickMark(x1: number, y1: number, x2: number, y2: number): SVGLineElement {
  return svgEl("line", {x1, y1, x2, y2, stroke: "currentColor", "stroke-opacity": 0.6});
}

export function drawAxes(g: SVGGElement, layout: Layout, {rows, cols, rowLabels, colLabels, xLabel, yLabel, xExtent, yExtent}: AxesInput): void {
  const {cellW, cellH, plotW, plotH, margin, rotateCols} = layout;
  const nodes: Element[] = [];
  if (yExtent) {
    for (const [y, text] of continuousTicks(yExtent, plotH)) {
      const t = svgEl("text", {x: -7, y, "text-anchor": "end", "dominant-baseline": "central", "font-size": 11});
      t.textContent = text;
      nodes.push(tickMark(-4, y, 0, y), t);
    }
  }
  if (xExtent) {
    for (const [x, text] of continuousTicks(xExtent, plotW)) {
      const t = svgEl("text", {x, y: plotH + 15, "text-anchor": "middle", "font-size": 11});
      t.textContent = text;
      nodes.push(tickMark(x, plotH, x, plotH + 4), t);
    }
  }
  const rowFont = isTokenLike(rowLabels) ? MONO : "inherit";
  const colFont = isTokenLike(colLabels) ? MONO : "inherit";
  for (const i of yExtent ? [] : layout.rowTicks) {
    const t = svgEl("text", {x: -5, y: (i + 0.5) * cellH, "text-anchor": "end", "dominant-baseline": "central", "font-size": 11});
    t.style.fontFamily = rowFont;
    t.textContent = label(rowLabels, i);
    nodes.push(t);
  }
  for (const j of xExtent ? [] : layout.colTicks) {
    const x = (j + 0.5) * cellW;
    const t = rotateCols
      ? svgEl("text", {transform: `translate(${x},${plotH + 5}) rotate(-90)`, "text-anchor": "end", "dominant-baseline": "central", "font-size": 11})
      : svgEl("text", {x, y: plotH + 13, "text-anchor": "middle", "font-size": 11});
    t.style.fontFamily = colFont;
    t.textContent = label(colLabels, j);
    nodes.push(t);
  }
  if (rows > 0 && cols > 0) nodes.push(svgEl("rect", {width: plotW, height: plotH, fill: "none", stroke: "currentColor", "stroke-opacity": 0.25}));
  if (xLabel) {
    const t = svgEl("text", {x: plotW / 2, y: plotH + margin.bottom - 5, "text-anchor": "middle", "font-size": 12});
    t.textContent = xLabel;
    nodes.push(t);
  }
  if (yLabel) {
    const t = svgEl("text", {transform: `translate(${-margin.left + 12},${plotH / 2}) rotate(-90)`, "text-anchor": "middle", "font-size": 12});
    t.textContent = yLabel;
    nodes.push(t);
  }
  g.replaceChildren(...nodes);
}
