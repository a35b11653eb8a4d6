/**
 * Gradient norms against distance on a log scale: a few curves ‖∂ŷ/∂s(T−d)‖ for d = 0…T−1, with
 * optional labelled vertical lines (e.g. where the marked inputs of the adding problem sit).
 * Unlike the live line chart it is redrawn whole by `update`, in place, so a curve that changes
 * every second never flickers. Values that cannot go on a log axis (≤ 0, NaN) leave gaps and are
 * counted in a note.
 */
import * as d3 from "d3";
import {formatNumber} from "./format.js";
import {legendItem} from "./line-chart-parts.js";
import {chartFrame} from "./chart-frame.js";
import {installStyles} from "./style.js";

export interface FlowSeries {
  label: string;
  values: ArrayLike<number>;
  color: string;
  /** stroke-dasharray, e.g. "6 3" ("" for solid). */
  dash?: string;
}

export interface FlowData {
  /** The distances d, ascending. */
  x: ArrayLike<number>;
  series: readonly FlowSeries[];
  /** Vertical lines at these distances, with labels. */
  marks?: readonly {x: number; label: string}[];
}

export interface FlowChartOptions {
  width?: number;
  height?: number;
  title?: string;
  xLabel?: string;
  yLabel?: string;
  testid?: string;
}

export interface FlowChartElement extends HTMLElement {
  update(data: FlowData, title?: string): void;
}

const FLOW_CSS = `
.rt-flow-chart .rt-plot { position: relative; }
`;

/** The powers of ten from below lo to above hi (at least two). */
export function decades(lo: number, hi: number): number[] {
  const a = Math.floor(Math.log10(lo)), b = Math.ceil(Math.log10(hi));
  return d3.range(a, Math.max(b, a + 1) + 1).map((e) => Number(`1e${e}`)); // exact, unlike 10 ** −5
}

export function flowChart(data: FlowData, options: FlowChartOptions = {}): FlowChartElement {
  const {width = 640, height = 260, xLabel = "distance d", yLabel = "gradient norm"} = options;
  const {root: element, caption, legend, plot, tip, note} = chartFrame("rt-flow-chart", {testid: options.testid, kind: "line chart"});
  const root = element as HTMLElement as FlowChartElement;
  installStyles(FLOW_CSS);
  const margin = {top: 16, right: 14, bottom: 40, left: 56};
  const plotW = Math.max(80, width - margin.left - margin.right), plotH = Math.max(80, height - margin.top - margin.bottom);
  let current = data;
  let cursor: number | null = null;

  function draw(d: FlowData, title: string | undefined): void {
    current = d;
    caption.textContent = title ?? options.title ?? "";
    const n = d.x.length;
    let lo = Infinity, hi = -Infinity, skipped = 0;
    for (const s of d.series)
      for (let k = 0; k < n; k++) {
        const v = s.values[k];
        if (Number.isFinite(v) && v > 0) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
        else skipped++;
      }
    if (!(lo <= hi)) (lo = 1e-3), (hi = 1);
    const ticks = decades(lo, hi);
    const x = d3.scaleLinear().domain([d.x[0] ?? 0, d.x[n - 1] ?? 1]).range([0, plotW]);
    const y = d3.scaleLog().domain([ticks[0], ticks[ticks.length - 1]]).range([plotH, 0]);
    const svg = d3.create("svg").attr("width", plotW + margin.left + margin.right).attr("height", height);
    const g = svg.append("g").attr("transform", `translate(${margin.left},${margin.top})`);
    g.append("g")
      .selectAll("line")
      .data(ticks)
      .join("line")
      .attr("x2", plotW)
      .attr("y1", (v) => y(v))
      .attr("y2", (v) => y(v))
      .attr("stroke", "currentColor")
      .attr("stroke-opacity", 0.08);
    const yAxis = g.append("g").call(d3.axisLeft(y).tickValues(ticks).tickFormat((v) => formatNumber(+v)));
    yAxis.selectAll("text").attr("font-size", 11);
    yAxis.append("text").attr("transform", "rotate(-90)").attr("x", -plotH / 2).attr("y", -44).attr("text-anchor", "middle").attr("font-size", 12).text(yLabel);
    const xAxis = g.append("g").attr("transform", `translate(0,${plotH})`).call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(plotW / 60))));
    xAxis.selectAll("text").attr("font-size", 11);
    xAxis.append("text").attr("x", plotW / 2).attr("y", 34).attr("text-anchor", "middle").attr("font-size", 12).text(xLabel);
    for (const m of d.marks ?? []) {
      g.append("line").attr("x1", x(m.x)).attr("x2", x(m.x)).attr("y2", plotH).attr("stroke", "#e66101").attr("stroke-dasharray", "3 3");
      g.append("text").attr("x", x(m.x) + 3).attr("y", 10).attr("font-size", 11).attr("fill", "#b34700").text(m.label);
    }
    legend.replaceChildren();
    for (const s of d.series) {
      const line = d3
        .line<number>()
        .defined((k) => Number.isFinite(s.values[k]) && s.values[k] > 0)
        .x((k) => x(d.x[k]))
        .y((k) => y(s.values[k]));
      g.append("path").attr("d", line(d3.range(n)) ?? "").attr("fill", "none").attr("stroke", s.color).attr("stroke-width", 2).attr("stroke-dasharray", s.dash ?? "");
      legend.append(legendItem(s.label, {color: s.color, dash: s.dash ?? ""}).element);
    }
    const rule = g.append("line").attr("y2", plotH).attr("stroke", "currentColor").attr("stroke-opacity", 0.4).attr("visibility", "hidden");
    const show = (announce: boolean) => {
      if (cursor === null || !n) {
        rule.attr("visibility", "hidden");
        return tip.hide();
      }
      const k = cursor;
      rule.attr("x1", x(d.x[k])).attr("x2", x(d.x[k])).attr("visibility", "visible");
      tip.show(margin.left + x(d.x[k]), margin.top + 8, [`${xLabel}: ${formatNumber(d.x[k])}`, ...d.series.map((s) => `${s.label}: ${formatNumber(s.values[k])}`)], announce);
    };
    g.append("rect")
      .attr("width", plotW)
      .attr("height", plotH)
      .attr("fill", "transparent")
      .on("pointermove", (e: PointerEvent) => {
        const v = x.invert(d3.pointer(e, g.node())[0]);
        cursor = n ? d3.minIndex(Array.from(d.x), (xi) => Math.abs(xi - v)) : null;
        show(false);
      })
      .on("pointerleave", () => {
        cursor = null;
        show(false);
      });
    plot.replaceChildren(svg.node()!, tip.element);
    plot.onkeydown = (e) => {
      if (!n) return;
      const c = cursor ?? -1;
      const to: Record<string, number> = {ArrowLeft: c - 1, ArrowRight: c + 1, Home: 0, End: n - 1};
      if (e.key in to) cursor = Math.max(0, Math.min(n - 1, to[e.key]));
      else if (e.key === "Escape") cursor = null;
      else return;
      e.preventDefault();
      show(true);
    };
    if (cursor !== null && cursor >= n) cursor = null;
    show(false);
    note.textContent = skipped ? `${skipped} ${skipped === 1 ? "value is" : "values are"} zero or too small for a float32 and left out.` : "";
    note.hidden = !skipped;
    const last = d.series.map((s) => `${s.label} ${formatNumber(s.values[n - 1])}`).join(", ");
    plot.setAttribute("aria-label", `${caption.textContent || "Gradient norms"}: ${d.series.length} curves over ${n} distances, log scale; at the largest distance ${last}. Arrow keys read the values.`);
  }

  root.update = (d, title) => draw(d, title);
  draw(current, options.title);
  return root;
}
