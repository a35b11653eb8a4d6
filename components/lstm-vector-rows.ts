/**
 * Several vectors of the same length drawn as rows of coloured cells, one row per vector, each with
 * its own colour scale and its mean at the end: e.g. f(t), i(t), c̃(t), o(t), c(t), h(t) of an LSTM
 * at one step, unit j in column j. Every cell carries its value in a tooltip (<title>).
 */
import * as d3 from "d3";
import type {Scheme} from "./color-scale.js";
import {colorScale} from "./color-scale.js";
import {formatNumber} from "./format.js";
import {el, styleTag} from "./style.js";

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
`;

export function vectorRows(rows: readonly VectorRow[], options: VectorRowsOptions = {}): VectorRowsElement {
  const {width = 640, columnName = "unit"} = options;
  const root = el("figure", "rt-view rt-vector-rows") as HTMLElement as VectorRowsElement;
  if (options.testid) root.dataset.testid = options.testid;
  const caption = el("figcaption", "rt-title");
  const holder = el("div");
  root.append(styleTag(ROWS_CSS), caption, holder);

  function draw(list: readonly VectorRow[], title: string | undefined): void {
    caption.textContent = title ?? "";
    caption.hidden = !title;
    const n = list.reduce((m, r) => Math.max(m, r.values.length), 0);
    const labelW = 44, meanW = 78, rowH = 18, gap = 5, top = 16;
    const cellW = Math.max(1, (Math.max(120, width) - labelW - meanW) / Math.max(1, n));
    const svg = d3
      .create("svg")
      .attr("width", labelW + cellW * n + meanW)
      .attr("height", top + list.length * (rowH + gap))
      .attr("role", "img")
      .attr("aria-label", `${title ?? "Vectors"}: ${list.map((r) => `${r.label} (${n} ${columnName}s, mean ${formatNumber(d3.mean(Array.from(r.values)) ?? NaN)})`).join("; ")}`);
    svg.append("text").attr("x", labelW + (cellW * n) / 2).attr("y", 11).attr("text-anchor", "middle").attr("font-size", 11).attr("fill-opacity", 0.7).text(`${columnName} 0 … ${Math.max(0, n - 1)}`);
    svg.append("text").attr("x", labelW + cellW * n + 8).attr("y", 11).attr("font-size", 11).attr("fill-opacity", 0.7).text("mean");
    list.forEach((r, k) => {
      const y = top + k * (rowH + gap);
      const scale = colorScale(r.values, {scheme: r.scheme, domain: r.domain});
      const g = svg.append("g").attr("transform", `translate(0,${y})`);
      g.append("text").attr("x", labelW - 6).attr("y", rowH / 2 + 4).attr("text-anchor", "end").attr("font-size", 13).text(r.label);
      g.selectAll("rect")
        .data(Array.from(r.values))
        .join("rect")
        .attr("x", (_, j) => labelW + j * cellW)
        .attr("width", cellW + 0.02)
        .attr("height", rowH)
        .attr("fill", (v) => scale.color(v))
        .append("title")
        .text((v, j) => `${r.label}, ${columnName} ${j}: ${formatNumber(v)}`);
      g.append("text")
        .attr("x", labelW + cellW * n + 8)
        .attr("y", rowH / 2 + 4)
        .attr("font-size", 12)
        .attr("font-variant-numeric", "tabular-nums")
        .text(formatNumber(d3.mean(Array.from(r.values)) ?? NaN, 3));
    });
    holder.replaceChildren(svg.node()!);
  }

  root.update = (next, title) => draw(next, title);
  draw(rows, options.title);
  return root;
}
