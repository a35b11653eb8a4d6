/**
 * One unit of an LSTM over a text: its gate values f(t), i(t), o(t) ∈ [0, 1], c̃(t) ∈ [−1, 1] (and
 * any other series, e.g. c(t)) as lines against the characters read, which label the x axis.
 * Pointing at the plot (or ← and → when it has focus) shows every value at that character.
 */
import * as d3 from "d3";
import {formatNumber, spokenToken, visibleToken} from "./format.js";
import {legendItem, seriesStyle} from "./line-chart-parts.js";
import {chartFrame} from "./chart-frame.js";
import {installStyles, svgEl} from "./style.js";

export interface TraceSeries {
  label: string;
  values: ArrayLike<number>;
}

export interface GateTraceData {
  chars: readonly string[];
  series: readonly TraceSeries[];
}

export interface GateTraceOptions {
  width?: number;
  height?: number;
  title?: string;
  /** The y range shown (default [−1, 1], widened to fit the values). */
  yDomain?: [number, number];
  testid?: string;
}

export interface GateTraceElement extends HTMLElement {
  update(data: GateTraceData, title?: string): void;
}

const TRACE_CSS = `
.rt-gate-trace .rt-plot { position: relative; }
`;

/** 2 → "2nd", 3 → "3rd", 11 → "11th". */
function ordinal(k: number): string {
  const tens = k % 100, ones = k % 10;
  const suffix = tens >= 11 && tens <= 13 ? "th" : ones === 1 ? "st" : ones === 2 ? "nd" : ones === 3 ? "rd" : "th";
  return `${k}${suffix}`;
}

export function gateTrace(data: GateTraceData, options: GateTraceOptions = {}): GateTraceElement {
  const {width = 640, height = 200} = options;
  const {root: element, caption, legend, plot, tip} = chartFrame("rt-gate-trace", {testid: options.testid, kind: "line chart"});
  const root = element as HTMLElement as GateTraceElement;
  installStyles(TRACE_CSS);
  const margin = {top: 8, right: 10, bottom: 30, left: 40};
  let current = data;
  let cursor: number | null = null;
  let x = d3.scaleBand<number>();
  let rule: SVGLineElement | null = null;

  function show(announce: boolean): void {
    const n = current.chars.length;
    if (cursor === null || cursor >= n || !rule) {
      rule?.setAttribute("visibility", "hidden");
      return tip.hide();
    }
    const cx = (x(cursor) ?? 0) + x.bandwidth() / 2;
    rule.setAttribute("x1", String(cx));
    rule.setAttribute("x2", String(cx));
    rule.setAttribute("visibility", "visible");
    const lines = [`${cursor + 1}: ${spokenToken(current.chars[cursor])}`, ...current.series.map((s) => `${s.label}: ${formatNumber(s.values[cursor!])}`)];
    tip.show(margin.left + cx, margin.top + 4, lines, announce);
  }

  function draw(d: GateTraceData, title: string | undefined): void {
    current = d;
    caption.textContent = title ?? "";
    caption.hidden = !title;
    const n = d.chars.length;
    const plotW = Math.max(60, width - margin.left - margin.right), plotH = Math.max(60, height - margin.top - margin.bottom);
    x = d3.scaleBand<number>().domain(d3.range(n)).range([0, plotW]).paddingInner(0);
    let lo = options.yDomain?.[0] ?? -1, hi = options.yDomain?.[1] ?? 1;
    for (const s of d.series) for (let t = 0; t < n; t++) if (Number.isFinite(s.values[t])) (lo = Math.min(lo, s.values[t])), (hi = Math.max(hi, s.values[t]));
    const y = d3.scaleLinear().domain([lo, hi]).nice().range([plotH, 0]);
    const svg = d3.create("svg").attr("width", plotW + margin.left + margin.right).attr("height", height);
    const g = svg.append("g").attr("transform", `translate(${margin.left},${margin.top})`);
    g.append("g").call(d3.axisLeft(y).ticks(5).tickFormat((v) => formatNumber(+v))).call((a) => a.selectAll("text").attr("font-size", 11));
    g.append("line").attr("x1", 0).attr("x2", plotW).attr("y1", y(0)).attr("y2", y(0)).attr("stroke", "currentColor").attr("stroke-opacity", 0.3);
    const every = Math.max(1, Math.ceil(11 / Math.max(1e-9, x.bandwidth())));
    const xAxis = g.append("g").attr("transform", `translate(0,${plotH})`);
    xAxis
      .selectAll("text")
      .data(d3.range(0, n, every))
      .join("text")
      .attr("x", (t) => (x(t) ?? 0) + x.bandwidth() / 2)
      .attr("y", 14)
      .attr("text-anchor", "middle")
      .attr("font-size", 12)
      .attr("font-family", "var(--monospace, monospace)")
      .text((t) => visibleToken(d.chars[t]));
    xAxis.append("text").attr("x", plotW).attr("y", 28).attr("text-anchor", "end").attr("font-size", 11).attr("fill-opacity", 0.7).text(every > 1 ? `characters read (every ${ordinal(every)} labelled)` : "characters read");
    legend.replaceChildren();
    d.series.forEach((s, k) => {
      const style = seriesStyle(k);
      const line = d3
        .line<number>()
        .defined((t) => Number.isFinite(s.values[t]))
        .x((t) => (x(t) ?? 0) + x.bandwidth() / 2)
        .y((t) => y(s.values[t]));
      g.append("path").attr("d", line(d3.range(n)) ?? "").attr("fill", "none").attr("stroke", style.color).attr("stroke-width", 1.8).attr("stroke-dasharray", style.dash);
      legend.append(legendItem(s.label, style).element);
    });
    rule = svgEl("line", {y1: 0, y2: plotH, stroke: "currentColor", "stroke-opacity": 0.4, visibility: "hidden"});
    g.node()!.append(rule);
    const overlay = g.append("rect").attr("width", plotW).attr("height", plotH).attr("fill", "transparent");
    overlay.on("pointermove", (e: PointerEvent) => {
      const px = d3.pointer(e, g.node())[0];
      cursor = n ? Math.max(0, Math.min(n - 1, Math.floor(px / Math.max(1e-9, x.bandwidth())))) : null;
      show(false);
    });
    overlay.on("pointerleave", () => {
      cursor = null;
      show(false);
    });
    plot.replaceChildren(svg.node()!, tip.element);
    plot.setAttribute("aria-label", `${title ?? "Gate values"} over ${n} characters. Arrow keys read the values.`);
    if (cursor !== null && cursor >= n) cursor = null;
    show(false);
  }

  plot.addEventListener("keydown", (e) => {
    const n = current.chars.length;
    if (!n) return;
    const c = cursor ?? -1;
    const to: Record<string, number> = {ArrowLeft: c - 1, ArrowRight: c + 1, Home: 0, End: n - 1};
    if (e.key in to) cursor = Math.max(0, Math.min(n - 1, to[e.key]));
    else if (e.key === "Escape") cursor = null;
    else return;
    e.preventDefault();
    show(true);
  });
  plot.addEventListener("blur", () => {
    cursor = null;
    show(false);
  });

  root.update = (d, title) => draw(d, title);
  draw(data, options.title);
  return root;
}
