/** The pieces of a line chart: series styles, legend entries, axes, and the path through chosen points. */
import * as d3 from "d3";
import type {M4} from "./downsample.js";
import {formatNumber} from "./format.js";
import {el, svgEl} from "./style.js";

/** Colour and dash per series, so lines differ without colour too (Tableau 10 colours). */
const DASHES = ["", "6 3", "2 3", "8 3 2 3"];
export function seriesStyle(index: number, color?: string): {color: string; dash: string} {
  return {color: color ?? d3.schemeTableau10[index % 10], dash: DASHES[index % DASHES.length]};
}

export function legendItem(label: string, style: {color: string; dash: string}): {element: HTMLLIElement; latest: HTMLSpanElement} {
  const element = el("li");
  const swatch = svgEl("svg", {width: 22, height: 10, "aria-hidden": "true"});
  swatch.append(svgEl("line", {x1: 1, x2: 21, y1: 5, y2: 5, stroke: style.color, "stroke-width": 2.5, "stroke-dasharray": style.dash}));
  const latest = el("span", "rt-latest");
  element.append(swatch, el("span", undefined, label), latest);
  return {element, latest};
}

/**
 * A line's path data kept per M4 column, so that while the scales stay put only the columns that
 * changed are written again (usually the last one) and the rest is reused.
 */
export class LinePath {
  private chunks: string[] = [];

  d(m4: M4, xs: Float64Array, ys: Float64Array, x: (v: number) => number, y: (v: number) => number, full: boolean): string {
    const dirty = m4.takeDirty();
    if (full) this.chunks = [];
    for (let b = full ? 0 : dirty; b < m4.buckets; b++) {
      let s = "";
      for (const i of m4.column(b)) s += `L${x(xs[i]).toFixed(1)},${y(ys[i]).toFixed(1)}`;
      this.chunks[b] = s;
    }
    const d = this.chunks.join("");
    return d ? "M" + d.slice(1) : "";
  }
}

const stepFormat = d3.format("~s");

export function drawXAxis(g: SVGGElement, x: d3.ScaleLinear<number, number>, plotW: number, label: string): void {
  const sel = d3.select(g);
  sel
    .attr("class", "rt-axis")
    .call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(plotW / 80))).tickFormat((v) => (+v >= 1e4 ? stepFormat(+v) : String(+v))).tickSizeOuter(0));
  sel.selectAll(".rt-axis-title").remove();
  sel.append("text").attr("class", "rt-axis-title").attr("x", plotW / 2).attr("y", 32).attr("text-anchor", "middle").attr("font-size", 12).text(label);
}

export function drawYAxis(
  g: SVGGElement,
  grid: SVGGElement,
  y: d3.ScaleContinuousNumeric<number, number>,
  plotW: number,
  plotH: number,
  label: string,
  left: number,
  format: (v: number) => string = formatNumber
): void {
  const count = Math.max(2, Math.floor(plotH / 45));
  const ticks = y.ticks(count);
  const shown = ticks.length > count * 2 ? ticks.filter((_, i) => i % Math.ceil(ticks.length / count) === 0) : ticks;
  const sel = d3.select(g);
  sel.attr("class", "rt-axis").call(d3.axisLeft(y).tickValues(shown).tickFormat((v) => format(+v)).tickSizeOuter(0));
  sel.selectAll(".rt-axis-title").remove();
  if (label) sel.append("text").attr("class", "rt-axis-title").attr("transform", `translate(${-left + 12},${plotH / 2}) rotate(-90)`).attr("text-anchor", "middle").attr("font-size", 12).text(label);
  d3.select(grid).attr("class", "rt-grid").call(d3.axisLeft(y).tickValues(shown).tickSize(-plotW).tickFormat(() => "")).call((s) => s.select(".domain").remove());
}
