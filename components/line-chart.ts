/**
 * A live line chart of training metrics (x = step): named series, optional log y, labelled reference
 * lines (e.g. the uniform guess ln V), a legend with the latest values, and a tooltip with the values
 * at the nearest step (pointer or arrow keys).
 *
 * It grows in place: `update(history)` (the LiveClient's history, or any copy that extends it) and
 * `push(steps, metrics)` add only the new points. Each line is drawn through at most four points
 * per pixel column (M4, see downsample.ts), so 10⁵ points cost what a few thousand do, and the axes
 * are redrawn only when a point falls outside them.
 */
import * as d3 from "d3";
import {growX, niceY, outside} from "./chart-domain.js";
import {M4} from "./downsample.js";
import {formatCount, formatNumber} from "./format.js";
import {drawXAxis, drawYAxis, pathThrough, seriesStyle, legendItem} from "./line-chart-parts.js";
import {SeriesBuffer} from "./series-buffer.js";
import {el, styleTag, svgEl} from "./style.js";
import {tooltip} from "./tooltip.js";

export interface History {
  steps: ArrayLike<number>;
  metrics: Record<string, ArrayLike<number>>;
}

export interface LineSeries {
  /** The metric's name in the history. */
  key: string;
  label?: string;
  color?: string;
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

interface Line {
  spec: LineSeries;
  index: number;
  buffer: SeriesBuffer;
  raw: M4;
  smooth: M4 | null;
  rawPath: SVGPathElement;
  smoothPath: SVGPathElement | null;
  dot: SVGCircleElement;
  latest: HTMLElement;
}

const LINE_CSS = `
.rt-linechart .rt-plot { position: relative; touch-action: pan-y; }
.rt-linechart svg { display: block; overflow: visible; }
.rt-linechart .rt-legend-items { display: flex; flex-wrap: wrap; gap: 0.2rem 1rem; margin: 0 0 0.2rem; padding: 0; list-style: none; font-size: 12px; }
.rt-linechart .rt-legend-items li { display: flex; align-items: center; gap: 0.35rem; }
.rt-linechart .rt-latest { font-variant-numeric: tabular-nums; color: var(--theme-foreground-muted, #666); }
.rt-linechart .rt-grid line { stroke: currentColor; stroke-opacity: 0.08; }
.rt-linechart .rt-axis .domain { stroke: currentColor; stroke-opacity: 0.4; }
`;

export function lineChart(history: History | null, options: LineChartOptions = {}): LineChartElement {
  const {width = 640, height = 260, title, xLabel = "step", yLabel = "", logY = false, references = [], smoothing = 0} = options;
  const fmt = options.format ?? formatNumber;
  const margin = {top: 14, right: 14, bottom: 40, left: 54};
  const plotW = Math.max(60, width - margin.left - margin.right), plotH = Math.max(60, height - margin.top - margin.bottom);
  const buckets = Math.max(16, Math.round(plotW));
  const refs = references.filter((r) => Number.isFinite(r.y) && (!logY || r.y > 0));

  const root = el("figure", "rt-view rt-linechart") as HTMLElement as LineChartElement;
  if (options.testid) root.dataset.testid = options.testid;
  const legend = el("ul", "rt-legend-items");
  const plot = el("div", "rt-plot rt-focusable");
  plot.tabIndex = 0;
  plot.setAttribute("role", "group");
  plot.setAttribute("aria-roledescription", "line chart");
  const svg = svgEl("svg", {width: margin.left + plotW + margin.right, height});
  const g = svgEl("g", {transform: `translate(${margin.left},${margin.top})`});
  const [gridG, xAxisG, yAxisG, refsG, linesG, hoverG] = [0, 1, 2, 3, 4, 5].map(() => svgEl("g"));
  xAxisG.setAttribute("transform", `translate(0,${plotH})`);
  const rule = svgEl("line", {y1: 0, y2: plotH, stroke: "currentColor", "stroke-opacity": 0.35});
  hoverG.append(rule);
  hoverG.setAttribute("visibility", "hidden");
  const overlay = svgEl("rect", {width: plotW, height: plotH, fill: "transparent"});
  g.append(gridG, xAxisG, yAxisG, refsG, linesG, hoverG, overlay);
  svg.append(g);
  const tip = tooltip(plot);
  plot.setAttribute("aria-describedby", tip.element.id);
  plot.append(svg, tip.element);
  const note = el("p", "rt-note rt-warn");
  note.hidden = true;
  root.append(styleTag(LINE_CSS), ...(title ? [el("figcaption", "rt-title", title)] : []), legend, plot, note, tip.live);

  const lines = new Map<string, Line>();
  const wanted = options.series ? new Map(options.series.map((s) => [s.key, s])) : null;
  let xDomain: [number, number] = options.xDomain ?? [0, 10];
  let yDomain: [number, number] | null = options.yDomain ?? null;
  const x = d3.scaleLinear().domain(xDomain).range([0, plotW]);
  const y = (logY ? d3.scaleLog() : d3.scaleLinear()).range([plotH, 0]);
  let cursorX: number | null = null;
  let seenSteps: ArrayLike<number> | null = null;
  let seen = 0;

  function lineFor(key: string): Line | null {
    let line = lines.get(key);
    if (line) return line;
    if (wanted && !wanted.has(key)) return null;
    const spec = wanted?.get(key) ?? {key};
    const index = lines.size;
    const style = seriesStyle(index, spec.color);
    const rawPath = svgEl("path", {fill: "none", stroke: style.color, "stroke-width": 1.6, "stroke-dasharray": style.dash, "stroke-linejoin": "round"});
    const smoothPath = smoothing > 0 ? svgEl("path", {fill: "none", stroke: style.color, "stroke-width": 2, "stroke-dasharray": style.dash}) : null;
    if (smoothPath) rawPath.setAttribute("stroke-opacity", "0.3");
    linesG.append(rawPath, ...(smoothPath ? [smoothPath] : []));
    const dot = svgEl("circle", {r: 3.5, fill: style.color, stroke: "var(--theme-background, #fff)", "stroke-width": 1.5});
    hoverG.append(dot);
    const item = legendItem(spec.label ?? spec.key, style);
    legend.append(item.element);
    line = {spec, index, buffer: new SeriesBuffer(smoothing, logY), raw: new M4(xDomain[0], xDomain[1], buckets), smooth: smoothing > 0 ? new M4(xDomain[0], xDomain[1], buckets) : null, rawPath, smoothPath, dot, latest: item.latest};
    lines.set(key, line);
    return line;
  }

  /** Adds points k ∈ [from, steps.length); returns whether the axes must change. */
  function ingest(steps: ArrayLike<number>, metrics: Record<string, ArrayLike<number>>, from: number): boolean {
    let beyondX = false, rescale = false;
    for (const key in metrics) {
      const line = lineFor(key);
      if (!line) continue;
      const values = metrics[key], b = line.buffer;
      for (let k = from; k < steps.length; k++) {
        if (!b.push(steps[k], values[k])) continue;
        const i = b.length - 1;
        if (b.x[i] > xDomain[1]) beyondX = rescale = true;
        if (!beyondX) {
          line.raw.add(i, b.x[i], b.y[i]);
          line.smooth?.add(i, b.x[i], b.s[i]);
        }
      }
      if (!yDomain || outside(yDomain, b.min, b.max)) rescale = true;
    }
    return rescale;
  }

  function rescaleAxes(): void {
    let min = Infinity, max = -Infinity, lastX = 0;
    for (const {buffer: b} of lines.values()) {
      min = Math.min(min, b.min);
      max = Math.max(max, b.max);
      if (b.length) lastX = Math.max(lastX, b.lastX);
    }
    for (const r of refs) (min = Math.min(min, r.y)), (max = Math.max(max, r.y));
    if (options.yDomain) (min = Math.min(min, options.yDomain[0])), (max = Math.max(max, options.yDomain[1]));
    if (min <= max) yDomain = niceY(min, max, logY);
    const grown = growX(xDomain, lastX);
    if (grown !== xDomain) {
      xDomain = grown;
      for (const line of lines.values()) {
        const b = line.buffer;
        line.raw = new M4(xDomain[0], xDomain[1], buckets);
        line.smooth = smoothing > 0 ? new M4(xDomain[0], xDomain[1], buckets) : null;
        for (let i = 0; i < b.length; i++) {
          line.raw.add(i, b.x[i], b.y[i]);
          line.smooth?.add(i, b.x[i], b.s[i]);
        }
      }
    }
    drawAxes();
  }

  function drawAxes(): void {
    x.domain(xDomain);
    drawXAxis(xAxisG, x, plotW, xLabel);
    if (!yDomain) return;
    y.domain(yDomain);
    drawYAxis(yAxisG, gridG, y, plotW, plotH, yLabel, margin.left, fmt);
    refsG.replaceChildren(
      ...refs.flatMap((r) => {
        const yy = y(r.y);
        const text = svgEl("text", {x: plotW - 2, y: yy - 4, "text-anchor": "end", "font-size": 11, "fill-opacity": 0.75});
        text.textContent = r.label;
        return [svgEl("line", {x1: 0, x2: plotW, y1: yy, y2: yy, stroke: "currentColor", "stroke-opacity": 0.55, "stroke-dasharray": "5 4"}), text];
      })
    );
  }

  function redraw(): void {
    let skipped = 0;
    for (const line of lines.values()) {
      const b = line.buffer;
      skipped += b.skipped;
      if (yDomain) {
        line.rawPath.setAttribute("d", pathThrough(line.raw.indices(), b.x, b.y, x, y));
        line.smoothPath?.setAttribute("d", pathThrough(line.smooth!.indices(), b.x, b.s, x, y));
      }
      line.latest.textContent = b.length ? fmt(smoothing > 0 ? b.s[b.length - 1] : b.y[b.length - 1]) : "";
    }
    note.hidden = skipped === 0;
    note.textContent = `${formatCount(skipped)} ${skipped === 1 ? "value was" : "values were"} not finite${logY ? " or not positive" : ""} and ${skipped === 1 ? "is" : "are"} not drawn.`;
    const n = Math.max(0, ...[...lines.values()].map((l) => l.buffer.length));
    const names = [...lines.values()].map((l) => `${l.spec.label ?? l.spec.key} ${l.buffer.length ? fmt(l.buffer.y[l.buffer.length - 1]) : "no data"}`);
    plot.setAttribute("aria-label", options.ariaLabel ?? `${title ?? "Line chart"}: ${formatCount(n)} ${xLabel}s${names.length ? "; latest " + names.join(", ") : ""}. Arrow keys read the values.`);
    showCursor(false);
  }

  function showCursor(announce: boolean): void {
    const first = [...lines.values()].find((l) => l.buffer.length);
    if (cursorX === null || !first || !yDomain) {
      hoverG.setAttribute("visibility", "hidden");
      tip.hide();
      return;
    }
    const at = first.buffer.x[first.buffer.nearest(cursorX)];
    const rows = [`${xLabel} ${formatCount(at)}`];
    for (const line of lines.values()) {
      const b = line.buffer, i = b.nearest(at);
      const visible = i >= 0 && b.x[i] === at;
      line.dot.setAttribute("visibility", visible ? "visible" : "hidden");
      if (!visible) continue;
      const v = smoothing > 0 ? b.s[i] : b.y[i];
      line.dot.setAttribute("cx", String(x(at)));
      line.dot.setAttribute("cy", String(y(v)));
      rows.push(`${line.spec.label ?? line.spec.key}: ${fmt(b.y[i])}${smoothing > 0 ? ` (average ${fmt(b.s[i])})` : ""}`);
    }
    rule.setAttribute("x1", String(x(at)));
    rule.setAttribute("x2", String(x(at)));
    hoverG.setAttribute("visibility", "visible");
    tip.show(margin.left + x(at), margin.top + 8, rows, announce);
  }

  function add(steps: ArrayLike<number>, metrics: Record<string, ArrayLike<number>>, from: number): void {
    if (ingest(steps, metrics, from)) rescaleAxes();
    redraw();
  }

  root.push = (steps, metrics) => add(steps, metrics, 0);
  root.update = (h) => {
    const s = h.steps;
    const extends_ = seenSteps !== null && s.length >= seen && (s === seenSteps || seen === 0 || (s[0] === seenSteps[0] && s[seen - 1] === seenSteps[seen - 1]));
    if (!extends_) root.clear();
    const from = extends_ ? seen : 0;
    seenSteps = s;
    seen = s.length;
    if (from < s.length || !extends_) add(s, h.metrics, from);
  };
  root.clear = () => {
    for (const line of lines.values()) line.rawPath.remove(), line.smoothPath?.remove(), line.dot.remove();
    lines.clear();
    legend.replaceChildren();
    xDomain = options.xDomain ?? [0, 10];
    yDomain = options.yDomain ?? null;
    seenSteps = null;
    seen = 0;
    drawAxes();
    redraw();
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
    const first = [...lines.values()].find((l) => l.buffer.length);
    if (!first) return;
    const b = first.buffer;
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
  else redraw();
  return root;
}
