/**
 * A small chart of a few series of (x, y) points, each on a linear or logarithmic axis: lines
 * through marked points (circle, square, triangle, diamond, so series differ without colour), a
 * series may be points only (e.g. one measurement), labelled horizontal reference lines (a target
 * accuracy) and vertical markers (n = d). Pointer or ← → read every series at the nearest x in a
 * tooltip. Points that an axis cannot show (not finite, or ≤ 0 on a log axis) are left out and
 * counted in a note, never drawn as NaN. `update(series, patch)` redraws in place.
 */
import * as d3 from "d3";
import {formatNumber} from "./format.js";
import {legendItem, seriesStyle} from "./line-chart-parts.js";
import {chartFrame} from "./chart-frame.js";
import {installStyles, svgEl} from "./style.js";

export interface XYPoint {
  x: number;
  y: number;
}

export interface XYSeries {
  key: string;
  label: string;
  points: readonly XYPoint[];
  /** Join the points with a line (default true). */
  line?: boolean;
  color?: string;
}

export interface XYChartOptions {
  width?: number;
  height?: number;
  title?: string;
  xLabel?: string;
  yLabel?: string;
  xLog?: boolean;
  yLog?: boolean;
  /** Fixed domains (default: the data's extent, padded; a log axis spans whole decades when short). */
  xDomain?: [number, number];
  yDomain?: [number, number];
  references?: {y: number; label: string}[];
  markers?: {x: number; label: string}[];
  format?: (y: number) => string;
  xFormat?: (x: number) => string;
  testid?: string;
}

export interface XYChartElement extends HTMLElement {
  update(series: readonly XYSeries[], patch?: Partial<XYChartOptions>): void;
}

const CSS = `
.rt-xy .rt-plot { position: relative; touch-action: pan-y; }
.rt-xy .rt-ref { stroke: currentColor; stroke-opacity: 0.55; stroke-dasharray: 3 3; }
`;

const MARGIN = {top: 12, right: 16, bottom: 40, left: 56};
const SYMBOLS = [d3.symbolCircle, d3.symbolSquare, d3.symbolTriangle, d3.symbolDiamond, d3.symbolCross];

/** Whether an axis can place v. */
export const placeable = (v: number, log: boolean) => Number.isFinite(v) && (!log || v > 0);

/** The points an (xLog, yLog) chart can draw, and how many it cannot. */
export function drawablePoints(points: readonly XYPoint[], xLog: boolean, yLog: boolean): {points: XYPoint[]; dropped: number} {
  const ok = points.filter((p) => placeable(p.x, xLog) && placeable(p.y, yLog));
  return {points: ok, dropped: points.length - ok.length};
}

/** A domain for values vs on a linear or log axis: padded 5% (linear) or out to whole decades when it spans less than one (log). */
export function domainOf(vs: readonly number[], log: boolean): [number, number] {
  const ok = vs.filter((v) => placeable(v, log));
  if (!ok.length) return log ? [1, 10] : [0, 1];
  let lo = Math.min(...ok), hi = Math.max(...ok);
  if (log) {
    if (hi / lo < 10) [lo, hi] = [10 ** Math.floor(Math.log10(lo)), 10 ** Math.ceil(Math.log10(hi))];
    if (lo === hi) hi = lo * 10;
    return [lo, hi];
  }
  if (lo === hi) return [lo - 1, hi + 1];
  const pad = (hi - lo) * 0.05;
  return [lo - pad, hi + pad];
}

/** Ticks for a log axis: powers of ten, or 1-2-5 when the axis spans few decades; never more than `max`. */
export function logTicks([lo, hi]: [number, number], max: number): number[] {
  const decades = Math.log10(hi / lo);
  const steps = decades <= 2.5 ? [1, 2, 5] : [1];
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) for (const s of steps) {
    const v = s * 10 ** e;
    if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(v);
  }
  if (out.length <= max) return out;
  const every = Math.ceil(out.length / max);
  return out.filter((_, i) => i % every === 0);
}

export function xyChart(initial: readonly XYSeries[], options: XYChartOptions = {}): XYChartElement {
  const {root: element, caption, legend, plot, tip, note} = chartFrame("rt-xy", {testid: options.testid, kind: "chart"});
  const root = element as HTMLElement as XYChartElement;
  installStyles(CSS);
  let opts = options;
  let series = initial;
  let cursor: number | null = null;
  const svg = svgEl("svg");
  plot.prepend(svg);

  let x: d3.ScaleContinuousNumeric<number, number> = d3.scaleLinear();
  let y: d3.ScaleContinuousNumeric<number, number> = d3.scaleLinear();
  let xs: number[] = [];
  const fmt = (v: number) => (opts.format ?? formatNumber)(v);
  const xfmt = (v: number) => (opts.xFormat ?? formatNumber)(v);

  function draw(): void {
    const width = Math.max(240, opts.width ?? 640);
    const height = opts.height ?? 280;
    const plotW = width - MARGIN.left - MARGIN.right, plotH = height - MARGIN.top - MARGIN.bottom;
    const xLog = !!opts.xLog, yLog = !!opts.yLog;
    let dropped = 0;
    const shown = series.map((s) => {
      const d = drawablePoints(s.points, xLog, yLog);
      dropped += d.dropped;
      return {...s, points: [...d.points].sort((a, b) => a.x - b.x)};
    });
    const allX = shown.flatMap((s) => s.points.map((p) => p.x)).concat((opts.markers ?? []).map((m) => m.x));
    const allY = shown.flatMap((s) => s.points.map((p) => p.y)).concat((opts.references ?? []).map((r) => r.y));
    xs = [...new Set(shown.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b);
    x = (xLog ? d3.scaleLog() : d3.scaleLinear()).domain(opts.xDomain ?? domainOf(allX, xLog)).range([0, plotW]);
    y = (yLog ? d3.scaleLog() : d3.scaleLinear()).domain(opts.yDomain ?? domainOf(allY, yLog)).range([plotH, 0]);
    caption.textContent = opts.title ?? "";
    caption.hidden = !opts.title;
    svg.setAttribute("width", String(width));
    svg.setAttribute("height", String(height));
    const g = d3.select(svgEl("g", {transform: `translate(${MARGIN.left},${MARGIN.top})`}));
    const xTicks = xLog ? logTicks(x.domain() as [number, number], Math.max(2, Math.floor(plotW / 60))) : x.ticks(Math.max(2, Math.floor(plotW / 80)));
    const yTicks = yLog ? logTicks(y.domain() as [number, number], Math.max(2, Math.floor(plotH / 40))) : y.ticks(Math.max(2, Math.floor(plotH / 45)));
    g.append("g").attr("class", "rt-grid").call(d3.axisLeft(y).tickValues(yTicks).tickSize(-plotW).tickFormat(() => "")).call((s) => s.select(".domain").remove());
    const xa = g.append("g").attr("class", "rt-axis").attr("transform", `translate(0,${plotH})`).call(d3.axisBottom(x).tickValues(xTicks).tickFormat((v) => xfmt(+v)).tickSizeOuter(0));
    xa.append("text").attr("x", plotW / 2).attr("y", 33).attr("text-anchor", "middle").attr("font-size", 12).text(opts.xLabel ?? "x");
    const ya = g.append("g").attr("class", "rt-axis").call(d3.axisLeft(y).tickValues(yTicks).tickFormat((v) => fmt(+v)).tickSizeOuter(0));
    ya.append("text").attr("transform", `translate(${-MARGIN.left + 12},${plotH / 2}) rotate(-90)`).attr("text-anchor", "middle").attr("font-size", 12).text(opts.yLabel ?? "y");
    const inside = (v: number, s: typeof x) => {
      const [a, b] = s.domain();
      return v >= Math.min(a, b) && v <= Math.max(a, b);
    };
    for (const r of opts.references ?? []) {
      if (!placeable(r.y, yLog) || !inside(r.y, y)) continue;
      g.append("line").attr("class", "rt-ref").attr("x1", 0).attr("x2", plotW).attr("y1", y(r.y)).attr("y2", y(r.y));
      g.append("text").attr("x", 4).attr("y", y(r.y) - 4).attr("text-anchor", "start").attr("font-size", 11).text(r.label);
    }
    for (const m of opts.markers ?? []) {
      if (!placeable(m.x, xLog) || !inside(m.x, x)) continue;
      g.append("line").attr("class", "rt-ref rt-marker").attr("x1", x(m.x)).attr("x2", x(m.x)).attr("y1", 0).attr("y2", plotH);
      g.append("text").attr("x", x(m.x) + 4).attr("y", 10).attr("font-size", 11).text(m.label);
    }
    legend.replaceChildren();
    shown.forEach((s, k) => {
      const style = seriesStyle(k, s.color);
      if (s.line !== false && s.points.length > 1) {
        const path = d3.line<XYPoint>().x((p) => x(p.x)).y((p) => y(p.y))(s.points) ?? "";
        g.append("path").attr("d", path).attr("fill", "none").attr("stroke", style.color).attr("stroke-width", 2).attr("stroke-dasharray", style.dash).attr("data-series", s.key);
      }
      const symbol = d3.symbol(SYMBOLS[k % SYMBOLS.length], s.line === false ? 80 : 36);
      for (const p of s.points) g.append("path").attr("class", "rt-point").attr("d", symbol()).attr("transform", `translate(${x(p.x)},${y(p.y)})`).attr("fill", style.color).attr("data-series", s.key);
      legend.append(legendItem(s.label, style).element);
    });
    if (cursor !== null && cursor < xs.length) g.append("line").attr("x1", x(xs[cursor])).attr("x2", x(xs[cursor])).attr("y1", 0).attr("y2", plotH).attr("stroke", "currentColor").attr("stroke-opacity", 0.5).attr("pointer-events", "none");
    svg.replaceChildren(g.node()!);
    note.textContent = dropped ? `${dropped} point${dropped === 1 ? "" : "s"} could not be drawn on ${yLog || xLog ? "a log axis" : "this axis"} (not finite${yLog || xLog ? " or not above zero" : ""}).` : "";
    note.hidden = !dropped;
    const summary = shown.map((s) => `${s.label}: ${s.points.map((p) => `${xfmt(p.x)} → ${fmt(p.y)}`).join(", ") || "no points"}`).join(". ");
    root.setAttribute("aria-label", `${opts.title ?? "Chart"}. ${summary}.`);
    plot.setAttribute("aria-label", "Chart: the arrow keys move along the x axis and read every series.");
  }

  function show(i: number | null, keyboard: boolean): void {
    if (i === cursor) return;
    cursor = i;
    draw();
    if (i === null) return tip.hide();
    const at = xs[i];
    const lines = [`${opts.xLabel ?? "x"}: ${xfmt(at)}`];
    let top = Infinity;
    for (const s of series) {
      const p = s.points.find((q) => q.x === at && placeable(q.y, !!opts.yLog));
      lines.push(`${s.label}: ${p ? fmt(p.y) : "—"}`);
      if (p) top = Math.min(top, y(p.y));
    }
    tip.show(MARGIN.left + x(at), MARGIN.top + (Number.isFinite(top) ? top : 0), lines, keyboard);
  }

  const nearest = (px: number) => {
    let best = 0;
    for (let i = 1; i < xs.length; i++) if (Math.abs(x(xs[i]) - px) < Math.abs(x(xs[best]) - px)) best = i;
    return best;
  };
  plot.addEventListener("pointermove", (e) => {
    if (!xs.length) return;
    const r = svg.getBoundingClientRect();
    show(nearest(e.clientX - r.left - MARGIN.left), false);
  });
  plot.addEventListener("pointerleave", () => show(null, false));
  plot.addEventListener("keydown", (e) => {
    const n = xs.length;
    if (!n) return;
    if (e.key === "ArrowLeft" || e.key === "ArrowRight") show(Math.max(0, Math.min(n - 1, (cursor ?? (e.key === "ArrowLeft" ? n : -1)) + (e.key === "ArrowLeft" ? -1 : 1))), true);
    else if (e.key === "Escape") show(null, true);
    else return;
    e.preventDefault();
  });

  root.update = (next, patch) => {
    series = next;
    if (patch) opts = {...opts, ...patch};
    cursor = null;
    tip.hide();
    draw();
  };
  draw();
  return root;
}
