/**
 * Accuracy against a whole-number x (e.g. the length of the input): one line with dots per series,
 * an optional shaded band (e.g. the lengths seen in training), a legend, and a tooltip with every
 * series' value at the nearest x (pointer or arrow keys). Values that are not finite leave a gap.
 * `update(data)` redraws in place.
 */
import * as d3 from "d3";
import {formatNumber} from "./format.js";
import {drawXAxis, drawYAxis, legendItem, seriesStyle} from "./line-chart-parts.js";
import {chartFrame} from "./chart-frame.js";
import {el, installStyles, svgEl} from "./style.js";

export interface AccuracySeries {
  key: string;
  label: string;
  /** One value per x, aligned with `AccuracyData.xs`. */
  values: ArrayLike<number>;
  color?: string;
}

export interface AccuracyData {
  xs: readonly number[];
  series: readonly AccuracySeries[];
  /** Shades x ∈ [lo, hi] (inclusive, widened by half a step on each side). */
  band?: [number, number] | null;
}

export interface AccuracyChartOptions {
  width?: number;
  height?: number;
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** The shaded band's label. */
  bandLabel?: string;
  /** Default [0, 1]. */
  yDomain?: [number, number];
  format?: (v: number) => string;
  testid?: string;
}

export interface AccuracyChartElement extends HTMLElement {
  update(data: AccuracyData, patch?: Partial<AccuracyChartOptions>): void;
}

const CSS = `
.rt-accuracy .rt-plot { position: relative; touch-action: pan-y; }
.rt-accuracy .rt-band-key { display: inline-block; width: 16px; height: 10px; background: currentColor; opacity: 0.12; }
`;

const MARGIN = {top: 10, right: 14, bottom: 40, left: 48};

/** The index of the x nearest to `v` in sorted `xs`. */
export function nearestIndex(xs: readonly number[], v: number): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (Math.abs(xs[i] - v) < Math.abs(xs[best] - v)) best = i;
  return best;
}

export function accuracyChart(data: AccuracyData, options: AccuracyChartOptions = {}): AccuracyChartElement {
  const {root: element, caption, legend, plot, tip} = chartFrame("rt-accuracy", {testid: options.testid, kind: "chart"});
  const root = element as HTMLElement as AccuracyChartElement;
  installStyles(CSS);
  let opts = options;
  let current = data;
  let cursor: number | null = null;
  const svg = svgEl("svg");
  plot.prepend(svg);

  let x = d3.scaleLinear();
  let y = d3.scaleLinear();
  const fmt = (v: number) => (Number.isFinite(v) ? (opts.format ?? formatNumber)(v) : "not measured");

  function draw(): void {
    const width = Math.max(240, opts.width ?? 640);
    const height = opts.height ?? 280;
    const plotW = width - MARGIN.left - MARGIN.right, plotH = height - MARGIN.top - MARGIN.bottom;
    const {xs, series, band} = current;
    const lo = xs.length ? Math.min(...xs) : 0, hi = xs.length ? Math.max(...xs) : 1;
    x = d3.scaleLinear().domain([lo - 0.5, hi + 0.5]).range([0, plotW]);
    y = d3.scaleLinear().domain(opts.yDomain ?? [0, 1]).range([plotH, 0]);
    caption.textContent = opts.title ?? "";
    caption.hidden = !opts.title;
    svg.setAttribute("width", String(width));
    svg.setAttribute("height", String(height));
    const g = svgEl("g", {transform: `translate(${MARGIN.left},${MARGIN.top})`});
    const grid = svgEl("g");
    const xAxis = svgEl("g", {transform: `translate(0,${plotH})`});
    const yAxis = svgEl("g");
    g.append(grid);
    if (band) {
      const [b0, b1] = [Math.max(lo - 0.5, band[0] - 0.5), Math.min(hi + 0.5, band[1] + 0.5)];
      g.append(svgEl("rect", {class: "rt-band", x: x(b0), y: 0, width: Math.max(0, x(b1) - x(b0)), height: plotH, fill: "currentColor", "fill-opacity": 0.08}));
    }
    g.append(xAxis, yAxis);
    drawXAxis(xAxis, x, plotW, opts.xLabel ?? "x");
    drawYAxis(yAxis, grid, y, plotW, plotH, opts.yLabel ?? "accuracy", MARGIN.left);
    legend.replaceChildren();
    series.forEach((s, k) => {
      const style = seriesStyle(k, s.color);
      const ok = (i: number) => Number.isFinite(s.values[i]);
      const line = d3.line<number>().defined(ok).x((i) => x(xs[i])).y((i) => y(s.values[i]));
      g.append(svgEl("path", {d: line(d3.range(xs.length)) ?? "", fill: "none", stroke: style.color, "stroke-width": 2, "stroke-dasharray": style.dash, "data-series": s.key}));
      for (let i = 0; i < xs.length; i++) {
        if (ok(i)) g.append(svgEl("circle", {cx: x(xs[i]), cy: y(s.values[i]), r: 3, fill: style.color, "data-series": s.key}));
      }
      legend.append(legendItem(s.label, style).element);
    });
    if (band && opts.bandLabel) {
      const li = el("li");
      li.append(el("span", "rt-band-key"), el("span", undefined, opts.bandLabel));
      legend.append(li);
    }
    if (cursor !== null && cursor < xs.length) {
      g.append(svgEl("line", {x1: x(xs[cursor]), x2: x(xs[cursor]), y1: 0, y2: plotH, stroke: "currentColor", "stroke-opacity": 0.5, "pointer-events": "none"}));
    }
    svg.replaceChildren(g);
    const summary = series.map((s) => `${s.label}: ${Array.from({length: xs.length}, (_, i) => `${xs[i]} → ${fmt(s.values[i])}`).join(", ")}`).join(". ");
    root.setAttribute("aria-label", `${opts.title ?? "Accuracy"}. ${band ? `${opts.bandLabel ?? "band"}: ${band[0]} to ${band[1]}. ` : ""}${summary}.`);
    plot.setAttribute("aria-label", "Chart: the arrow keys move along the x axis and read every series.");
  }

  function show(i: number | null, keyboard: boolean): void {
    if (i === cursor) return;
    cursor = i;
    draw();
    if (i === null) return tip.hide();
    const {xs, series} = current;
    const lines = [`${opts.xLabel ?? "x"}: ${xs[i]}`, ...series.map((s) => `${s.label}: ${fmt(s.values[i])}`)];
    tip.show(MARGIN.left + x(xs[i]), MARGIN.top + y(Math.max(...series.map((s) => (Number.isFinite(s.values[i]) ? s.values[i] : 0)))), lines, keyboard);
  }

  plot.addEventListener("pointermove", (e) => {
    if (!current.xs.length) return;
    const r = svg.getBoundingClientRect();
    show(nearestIndex(current.xs, x.invert(e.clientX - r.left - MARGIN.left)), false);
  });
  plot.addEventListener("pointerleave", () => show(null, false));
  plot.addEventListener("keydown", (e) => {
    const n = current.xs.length;
    if (!n) return;
    if (e.key === "ArrowLeft" || e.key === "ArrowRight") show(Math.max(0, Math.min(n - 1, (cursor ?? (e.key === "ArrowLeft" ? n : -1)) + (e.key === "ArrowLeft" ? -1 : 1))), true);
    else if (e.key === "Escape") show(null, true);
    else return;
    e.preventDefault();
  });

  root.update = (next, patch) => {
    current = next;
    if (patch) opts = {...opts, ...patch};
    if (cursor !== null && cursor >= next.xs.length) cursor = null;
    draw();
  };
  draw();
  return root;
}
