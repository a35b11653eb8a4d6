/**
 * A live line chart of training metrics (x = step): named series, optional log y, labelled reference
 * lines (e.g. the uniform guess ln V), a legend with the latest values, and a tooltip with the values
 * at the nearest step (pointer or arrow keys).
 *
 * It grows in place: `update(history)` (the LiveClient's history, or any copy that extends it) and
 * `push(steps, metrics)` add only the new points (chart-data.ts). Each line is drawn through at most
 * four points per pixel column (M4), so 10⁵ points cost what a few thousand do, and the axes are
 * redrawn only when the data leave them.
 */
import * as d3 from "d3";
import type {History, SeriesState} from "./chart-data.js";
import {ChartData} from "./chart-data.js";
import {formatCount, formatNumber} from "./format.js";
import {LinePath, drawXAxis, drawYAxis, legendItem, seriesStyle} from "./line-chart-parts.js";
import {chartFrame} from "./chart-frame.js";
import {installStyles, svgEl} from "./style.js";

export type {History};

export interface LineSeries {
  /** The metric's name in the history. */
  key: string;
  label?: string;
  color?: string;
  /** Measured only at some steps (NaN elsewhere, as the LiveClient fills in): NaN is not reported. */
  sparse?: boolean;
}

export interface ReferenceLine {
  y: number;
  label: string;
}

export interface LineChartOptions {
  width?: number;
  height?: number;
  title?: string;
  xLabel?: string;
  /** The y-axis title, with units, e.g. "loss (nats per character)". */
  yLabel?: string;
  logY?: boolean;
  /** Which metrics to draw, in order (default: every metric, as it appears). */
  series?: LineSeries[];
  references?: ReferenceLine[];
  /** Also draw a bias-corrected moving average with this factor α ∈ [0, 1) (e.g. 0.9). */
  smoothing?: number;
  /** Initial domains (they still grow to fit the data). */
  xDomain?: [number, number];
  yDomain?: [number, number];
  format?: (v: number) => string;
  ariaLabel?: string;
  testid?: string;
}

export interface LineChartElement extends HTMLElement {
  /** Takes a history that extends the last one (only new points are added) or replaces it. */
  update(history: History): void;
  /** Adds points given column-wise, as in a worker's Progress message. */
  push(steps: ArrayLike<number>, metrics: Record<string, ArrayLike<number>>): void;
  clear(): void;
}

interface Drawn {
  state: SeriesState;
  label: string;
  raw: SVGPathElement;
  smooth: SVGPathElement | null;
  rawPath: LinePath;
  smoothPath: LinePath;
  dot: SVGCircleElement;
  latest: HTMLElement;
}

const LINE_CSS = `
.rt-linechart .rt-plot { position: relative; touch-action: pan-y; }
.rt-linechart .rt-latest { font-variant-numeric: tabular-nums; color: var(--theme-foreground-muted, #666); }
`;

export function lineChart(history: History | null, options: LineChartOptions = {}): LineChartElement {
  const {width = 640, height = 260, title, xLabel = "step", yLabel = "", logY = false, references = [], smoothing = 0} = options;
  const fmt = options.format ?? formatNumber;
  const margin = {top: 14, right: 14, bottom: 40, left: 54};
  const plotW = Math.max(60, width - margin.left - margin.right), plotH = Math.max(60, height - margin.top - margin.bottom);
  const refs = references.filter((r) => Number.isFinite(r.y) && (!logY || r.y > 0));
  const specs = new Map((options.series ?? []).map((s) => [s.key, s]));
  const data = new ChartData({buckets: Math.max(16, Math.round(plotW)), smoothing, logY, keys: options.series?.map((s) => s.key), sparse: options.series?.filter((s) => s.sparse).map((s) => s.key), include: refs.map((r) => r.y), xDomain: options.xDomain, yDomain: options.yDomain});

  const {root: element, caption, legend, plot, tip, note} = chartFrame("rt-linechart", {testid: options.testid, kind: "line chart"});
  const root = element as HTMLElement as LineChartElement;
  installStyles(LINE_CSS);
  plot.setAttribute("aria-label", "Plot: the arrow keys move along the steps and read the values.");
  const svg = svgEl("svg", {width: margin.left + plotW + margin.right, height});
  plot.style.width = `${margin.left + plotW + margin.right}px`;
  plot.style.maxWidth = "100%";
  const g = svgEl("g", {transform: `translate(${margin.left},${margin.top})`});
  const [gridG, xAxisG, yAxisG, refsG, linesG, hoverG] = [0, 1, 2, 3, 4, 5].map(() => svgEl("g"));
  xAxisG.setAttribute("transform", `translate(0,${plotH})`);
  const rule = svgEl("line", {y1: 0, y2: plotH, stroke: "currentColor", "stroke-opacity": 0.35});
  hoverG.append(rule);
  const overlay = svgEl("rect", {width: plotW, height: plotH, fill: "transparent"});
  g.append(gridG, xAxisG, yAxisG, refsG, linesG, hoverG, overlay);
  svg.append(g);
  plot.prepend(svg);
  caption.textContent = title ?? "";

  const x = d3.scaleLinear().range([0, plotW]);
  const y = (logY ? d3.scaleLog() : d3.scaleLinear()).range([plotH, 0]);
  let drawn: Drawn[] = [];
  let cursorX: number | null = null;

  function draw(state: SeriesState): void {
    const spec = specs.get(state.key);
    const style = seriesStyle(drawn.length, spec?.color);
    const raw = svgEl("path", {fill: "none", stroke: style.color, "stroke-width": 1.6, "stroke-dasharray": style.dash, "stroke-linejoin": "round"});
    const smooth = smoothing > 0 ? svgEl("path", {fill: "none", stroke: style.color, "stroke-width": 2, "stroke-dasharray": style.dash}) : null;
    if (smooth) raw.setAttribute("stroke-opacity", "0.3");
    linesG.append(raw, ...(smooth ? [smooth] : []));
    const dot = svgEl("circle", {r: 3.5, fill: style.color, stroke: "var(--theme-background, #fff)", "stroke-width": 1.5});
    hoverG.append(dot);
    const label = spec?.label ?? state.key;
    const item = legendItem(label, style);
    legend.append(item.element);
    drawn.push({state, label, raw, smooth, rawPath: new LinePath(), smoothPath: new LinePath(), dot, latest: item.latest});
  }

  function drawAxes(): void {
    x.domain(data.xDomain);
    drawXAxis(xAxisG, x, plotW, xLabel);
    if (!data.yDomain) return;
    y.domain(data.yDomain);
    drawYAxis(yAxisG, gridG, y, plotW, plotH, yLabel, margin.left, fmt);
    refsG.replaceChildren(
      ...refs.flatMap((r) => {
        const text = svgEl("text", {x: plotW - 2, y: y(r.y) - 4, "text-anchor": "end", "font-size": 11, "fill-opacity": 0.75});
        text.textContent = r.label;
        return [svgEl("line", {x1: 0, x2: plotW, y1: y(r.y), y2: y(r.y), stroke: "currentColor", "stroke-opacity": 0.55, "stroke-dasharray": "5 4"}), text];
      })
    );
  }

  const latestOf = (b: SeriesState["buffer"]) => (smoothing > 0 ? b.s[b.length - 1] : b.y[b.length - 1]);

  function redraw(full: boolean): void {
    for (const d of drawn) {
      const b = d.state.buffer;
      if (data.yDomain) {
        d.raw.setAttribute("d", d.rawPath.d(d.state.raw, b.x, b.y, x, y, full));
        if (d.smooth) d.smooth.setAttribute("d", d.smoothPath.d(d.state.smooth!, b.x, b.s, x, y, full));
      }
      d.latest.textContent = b.length ? fmt(latestOf(b)) : "";
    }
    const skipped = data.skipped();
    note.hidden = skipped === 0;
    note.textContent = `${formatCount(skipped)} ${skipped === 1 ? "value was" : "values were"} not finite${logY ? " or not positive" : ""} and ${skipped === 1 ? "is" : "are"} not drawn.`;
    const n = Math.max(0, ...drawn.map((d) => d.state.buffer.length));
    const latest = drawn.filter((d) => d.state.buffer.length).map((d) => `${d.label} ${fmt(latestOf(d.state.buffer))}`);
    root.setAttribute("aria-label", options.ariaLabel ?? `${title ?? "Line chart"}: ${formatCount(n)} points${latest.length ? "; latest " + latest.join(", ") : ""}.`);
    showCursor(false);
  }

  function showCursor(announce: boolean): void {
    const first = drawn.find((d) => d.state.buffer.length)?.state.buffer;
    if (cursorX === null || !first || !data.yDomain) {
      hoverG.setAttribute("visibility", "hidden");
      return tip.hide();
    }
    const at = first.x[first.nearest(cursorX)];
    const rows = [`${xLabel} ${formatCount(at)}`];
    for (const d of drawn) {
      const b = d.state.buffer, i = b.nearest(at);
      const here = i >= 0 && b.x[i] === at;
      d.dot.setAttribute("visibility", here ? "visible" : "hidden");
      if (!here) continue;
      d.dot.setAttribute("cx", String(x(at)));
      d.dot.setAttribute("cy", String(y(smoothing > 0 ? b.s[i] : b.y[i])));
      rows.push(`${d.label}: ${fmt(b.y[i])}${smoothing > 0 ? ` (average ${fmt(b.s[i])})` : ""}`);
    }
    rule.setAttribute("x1", String(x(at)));
    rule.setAttribute("x2", String(x(at)));
    hoverG.setAttribute("visibility", "visible");
    tip.show(margin.left + x(at), margin.top + 8, rows, announce);
  }

  // Points are taken in at once; drawing waits for the next frame, so bursts cost one redraw.
  let frame: number | null = null;
  let fullPending = true;
  const nextFrame: (f: () => void) => number = typeof requestAnimationFrame === "function" ? requestAnimationFrame : (f) => setTimeout(f, 16) as unknown as number;

  function take({added, rescaled, cleared}: {added: SeriesState[]; rescaled: boolean; cleared: boolean}): void {
    if (cleared) reset();
    for (const s of added) draw(s);
    if (rescaled || cleared) drawAxes();
    fullPending ||= rescaled || cleared || added.length > 0;
    frame ??= nextFrame(() => {
      frame = null;
      redraw(fullPending);
      fullPending = false;
    });
  }

  function reset(): void {
    for (const d of drawn) d.raw.remove(), d.smooth?.remove(), d.dot.remove();
    drawn = [];
    legend.replaceChildren();
  }

  root.update = (h) => take(data.update(h));
  root.push = (steps, metrics) => take(data.add(steps, metrics));
  root.clear = () => {
    data.clear();
    take({added: [], rescaled: true, cleared: true});
  };

  overlay.addEventListener("pointermove", (e) => {
    cursorX = x.invert(e.clientX - overlay.getBoundingClientRect().left);
    showCursor(false);
  });
  overlay.addEventListener("pointerleave", () => {
    cursorX = null;
    showCursor(false);
  });
  plot.addEventListener("keydown", (e) => {
    const b = drawn.find((d) => d.state.buffer.length)?.state.buffer;
    if (!b) return;
    const i = cursorX === null ? b.length - 1 : b.nearest(cursorX);
    const jump = Math.max(1, Math.round(b.length / 50)) * (e.shiftKey ? 10 : 1);
    const next: Record<string, number> = {ArrowLeft: i - jump, ArrowRight: i + jump, Home: 0, End: b.length - 1};
    if (e.key === "Escape") cursorX = null;
    else if (e.key in next) cursorX = b.x[Math.max(0, Math.min(b.length - 1, next[e.key]))];
    else return;
    e.preventDefault();
    showCursor(true);
  });
  plot.addEventListener("blur", () => {
    cursorX = null;
    showCursor(false);
  });

  drawAxes();
  if (history) root.update(history);
  redraw(true);
  fullPending = false;
  return root;
}
