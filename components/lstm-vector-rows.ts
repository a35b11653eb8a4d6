/**
 * Several vectors of the same length drawn as rows of coloured cells, one row per vector, each with
 * its own colour scale and its mean at the end: e.g. f(t), i(t), c̃(t), o(t), c(t), h(t) of an LSTM
 * at one step, unit j in column j. Every cell carries its value in a tooltip (<title>).
 */
import * as d3 from "d3";
import type {Scheme} from "./color-scale.js";
import {colorScale} from "./color-scale.js";
import {formatNumber} from "./format.js";
import {el, installStyles} from "./style.js";

export interface VectorRow {
  /** Plain-text name, e.g. "f(t)". */
  label: string;
  values: ArrayLike<number>;
  scheme?: Scheme;
  /** Fixed colour domain (default: the row's own extent, symmetric for diverging schemes). */
  domain?: [number, number];
}

export interface VectorRowsOptions {
  width?: number;
  title?: string;
  /** What the columns are, e.g. "unit". */
  columnName?: string;
  testid?: string;
}

export interface VectorRowsElement extends HTMLElement {
  /** Redraws with new rows and an optional new title. */
  update(rows: readonly VectorRow[], title?: string): void;
}

const ROWS_CSS = `
.rt-vector-rows svg { display: block; max-width: 100%; overflow: visible; }
.rt-vector-rows svg text { fill: currentColor; }
`;

export function vectorRows(rows: readonly VectorRow[], options: VectorRowsOptions = {}): VectorRowsElement {
  const {width = 640, columnName = "unit"} = options;
  const root = el("figure", "rt-view rt-vector-rows") as HTMLElement as VectorRowsElement;
  if (options.testid) root.dataset.testid = options.testid;
  const caption = el("figcaption", "rt-title");
  const svg = d3.create("svg").attr("role", "img");
  const head = svg.append("g");
  const body = svg.append("g");
  installStyles(ROWS_CSS);
  root.append(caption, svg.node()!);
  const labelW = 44, meanW = 78, rowH = 18, gap = 5, top = 16;

  // Redrawn in place (d3 joins): while a model trains only fills, titles and means change.
  function draw(list: readonly VectorRow[], title: string | undefined): void {
    caption.textContent = title ?? "";
    caption.hidden = !title;
    const n = list.reduce((m, r) => Math.max(m, r.values.length), 0);
    const cellW = Math.max(1, (Math.max(120, width) - labelW - meanW) / Math.max(1, n));
    const means = list.map((r) => d3.mean(Array.from(r.values)) ?? NaN);
    svg
      .attr("width", labelW + cellW * n + meanW)
      .attr("height", top + list.length * (rowH + gap))
      .attr("aria-label", `${title ?? "Vectors"}: ${list.map((r, k) => `${r.label} (${n} ${columnName}s, mean ${formatNumber(means[k])})`).join("; ")}`);
    head
      .selectAll("text")
      .data([`${columnName} 0 … ${Math.max(0, n - 1)}`, "mean"])
      .join("text")
      .attr("x", (_, k) => (k === 0 ? labelW + (cellW * n) / 2 : labelW + cellW * n + 8))
      .attr("y", 11)
      .attr("text-anchor", (_, k) => (k === 0 ? "middle" : "start"))
      .attr("font-size", 11)
      .attr("fill-opacity", 0.7)
      .text((d) => d);
    const groups = body
      .selectAll<SVGGElement, VectorRow>("g.rt-row")
      .data(list)
      .join((enter) => {
        const g = enter.append("g").attr("class", "rt-row");
        g.append("text").attr("class", "rt-label").attr("x", labelW - 6).attr("y", rowH / 2 + 4).attr("text-anchor", "end").attr("font-size", 13);
        g.append("g").attr("class", "rt-cells");
        g.append("text").attr("class", "rt-mean").attr("y", rowH / 2 + 4).attr("font-size", 12).attr("font-variant-numeric", "tabular-nums");
        return g;
      })
      .attr("transform", (_, k) => `translate(0,${top + k * (rowH + gap)})`);
    groups.select(".rt-label").text((r) => r.label);
    groups.select(".rt-mean").attr("x", labelW + cellW * n + 8).text((_, k) => formatNumber(means[k], 3));
    groups.each(function (r) {
      const scale = colorScale(r.values, {scheme: r.scheme, domain: r.domain});
      d3.select(this)
        .select(".rt-cells")
        .selectAll<SVGRectElement, number>("rect")
        .data(Array.from(r.values))
        .join((enter) => {
          const rect = enter.append("rect");
          rect.append("title");
          return rect;
        })
        .attr("x", (_, j) => labelW + j * cellW)
        .attr("width", cellW + 0.02)
        .attr("height", rowH)
        .attr("fill", (v) => scale.color(v))
        .select("title")
        .text((v, j) => `${r.label}, ${columnName} ${j}: ${formatNumber(v)}`);
    });
  }

  root.update = (next, title) => draw(next, title);
  draw(rows, options.title);
  return root;
}
