/**
 * A small chart of a few measured series against a logarithmic x (d, or H·W), optionally with a
 * logarithmic y: lines through marked points (circle, square, triangle, so they differ without
 * colour), labelled horizontal reference lines (log n, a phone's memory), and markers for the
 * reader's current settings. Pointer or arrow keys read the values at the nearest x in a tooltip.
 * `update(series, patch)` redraws in place; non-finite or (on a log y) non-positive values are
 * left out of the lines and counted in a note, never drawn as NaN.
 */
import * as d3 from "d3";
import {formatNumber} from "./format.js";
import {chartFrame} from "./chart-frame.js";
import {el, installStyles, svgEl} from "./style.js";

export interface LogChartSeries {
  key: string;
  label: string;
  x: readonly number[];
  y: readonly number[];
  color?: string;
  dash?: string;
  symbol?: "circle" | "square" | "triangle";
}

export interface LogChartOptions {
  width?: number;
  height?: number;
  title?: string;
  /** Axis titles, with units. */
  xLabel?: string;
  yLabel?: string;
  xDomain: [number, number];
  /** A fixed y domain (default: from 0, or the data's extent on a log y, to the largest value). */
  yDomain?: [number, number];
  /** 2 for dimensions, 10 for counts (default 10). */
  xBase?: number;
  logY?: boolean;
  xFormat?: (v: number) => string;
  yFormat?: (v: number) => string;
  /** Where the y ticks go (default: powers of ten on a log y, round numbers otherwise). */
  yTickValues?: number[];
  /** Dashed horizontal lines, labelled above the line (or below it). */
  references?: {y: number; label: string; below?: boolean}[];
  /** Marks x on the chart, rings the point of `series` there (or the point (x, y)), and labels it; several are labelled one under another. */
  marker?: LogChartMarker | readonly LogChartMarker[] | null;
  ariaLabel?: string;
  testid?: string;
}

export interface LogChartMarker {
  x: number;
  y?: number;
  series?: string;
  label?: string;
}

export interface LogChartElement extends HTMLElement {
  update(series: readonly LogChartSeries[], patch?: Partial<LogChartOptions>): void;
}

const CSS = `
.rt-logchart .rt-plot { position: relative; touch-action: pan-y; }
`;

const SYMBOLS = {circle: d3.symbolCircle, square: d3.symbolSquare, triangle: d3.symbolTriangle};

export function logChart(initial: readonly LogChartSeries[], options: LogChartOptions): LogChartElement {
  let opts = options;
  let series = initial;
  const {root: element, caption, legend, plot, tip, note} = chartFrame("rt-logchart", {testid: opts.testid, kind: "chart"});
  const root = element as HTMLElement as LogChartElement;
  installStyles(CSS);
  plot.setAttribute("aria-label", "Plot: the arrow keys move along x and read the values.");
  const svg = svgEl("svg");
  plot.prepend(svg);
  let cursor: number | null = null; // index into the sorted distinct x values

  function draw(): void {
    const {width = 560, height = 260, xLabel = "", yLabel = "", xBase = 10, logY = false, references = []} = opts;
    const fx = opts.xFormat ?? formatNumber, fy = opts.yFormat ?? formatNumber;
    caption.textContent = opts.title ?? "";
    caption.hidden = !opts.title;
    const margin = {top: 12, right: 16, bottom: 42, left: 58};
    const plotW = Math.max(80, width - margin.left - margin.right), plotH = Math.max(80, height - margin.top - margin.bottom);
    const ok = (v: number) => Number.isFinite(v) && (!logY || v > 0);
    let dropped = 0;
    const clean = series.map((s) => ({s, pts: s.x.map((x, i) => [x, s.y[i]] as const).filter(([x, y]) => (ok(y) && x > 0 ? true : (dropped++, false)))}));
    const ys = [...clean.flatMap((c) => c.pts.map((p) => p[1])), ...references.filter((r) => ok(r.y)).map((r) => r.y)];
    const yDomain: [number, number] = opts.yDomain ?? (logY ? [d3.min(ys) ?? 1, d3.max(ys) ?? 10] : [0, Math.max(1e-9, (d3.max(ys) ?? 1) * 1.08)]);
    const x = d3.scaleLog().base(xBase).domain(opts.xDomain).range([0, plotW]);
    const y = logY ? d3.scaleLog().domain(yDomain).range([plotH, 0]) : d3.scaleLinear().domain(yDomain).range([plotH, 0]);
    if (!opts.yDomain) y.nice();
    svg.setAttribute("width", String(width));
    svg.setAttribute("height", String(height));
    svg.replaceChildren();
    const g = d3.select(svg).append("g").attr("transform", `translate(${margin.left},${margin.top})`);
    const xTicks = x.ticks().filter((v) => (xBase === 2 ? Number.isInteger(Math.log2(v)) : Number.isInteger(Math.log10(v))));
    const everyX = Math.max(1, Math.ceil(xTicks.length / Math.max(2, Math.floor(plotW / 48))));
    const yTicks = opts.yTickValues?.filter((v) => v >= y.domain()[0] && v <= y.domain()[1]) ?? (logY ? y.ticks().filter((v) => Number.isInteger(Math.round(Math.log10(v) * 1e6) / 1e6)) : y.ticks(Math.max(2, Math.floor(plotH / 45))));
    const everyY = Math.max(1, Math.ceil(yTicks.length / Math.max(2, Math.floor(plotH / 30))));
    const shownY = yTicks.filter((_, i) => i % everyY === 0);
    g.append("g").attr("class", "rt-grid").call(d3.axisLeft(y).tickValues(shownY).tickSize(-plotW).tickFormat(() => "")).call((s) => s.select(".domain").remove());
    const xa = g.append("g").attr("class", "rt-axis").attr("transform", `translate(0,${plotH})`).call(d3.axisBottom(x).tickValues(xTicks.filter((_, i) => i % everyX === 0)).tickFormat((v) => fx(+v)).tickSizeOuter(0));
    xa.append("text").attr("x", plotW / 2).attr("y", 34).attr("text-anchor", "middle").attr("font-size", 12).text(xLabel);
    const ya = g.append("g").attr("class", "rt-axis").call(d3.axisLeft(y).tickValues(shownY).tickFormat((v) => fy(+v)).tickSizeOuter(0));
    ya.append("text").attr("transform", `translate(${-margin.left + 12},${plotH / 2}) rotate(-90)`).attr("text-anchor", "middle").attr("font-size", 12).text(yLabel);
    for (const r of references.filter((r) => ok(r.y) && r.y >= y.domain()[0] && r.y <= y.domain()[1])) {
      g.append("line").attr("x1", 0).attr("x2", plotW).attr("y1", y(r.y)).attr("y2", y(r.y)).attr("stroke", "currentColor").attr("stroke-opacity", 0.55).attr("stroke-dasharray", "2 3");
      g.append("text").attr("x", 4).attr("y", y(r.y) + (r.below ? 12 : -4)).attr("font-size", 11).text(r.label);
    }
    const styles = clean.map(({s}, i) => ({color: s.color ?? d3.schemeTableau10[i % 10], dash: s.dash ?? "", symbol: SYMBOLS[s.symbol ?? (["circle", "square", "triangle"] as const)[i % 3]]}));
    const line = d3.line<readonly [number, number]>().x((p) => x(p[0])).y((p) => y(Math.max(y.domain()[0], Math.min(y.domain()[1], p[1]))));
    const inside = (p: readonly [number, number]) => p[1] >= y.domain()[0] && p[1] <= y.domain()[1];
    clean.forEach(({pts}, i) => {
      const st = styles[i];
      g.append("path").attr("d", line(pts) ?? "").attr("fill", "none").attr("stroke", st.color).attr("stroke-width", 2).attr("stroke-dasharray", st.dash);
      g.append("g").selectAll("path").data(pts.filter(inside)).join("path").attr("transform", (p) => `translate(${x(p[0])},${y(p[1])})`).attr("d", d3.symbol(st.symbol, 36)()).attr("fill", st.color);
    });
    const markers = ([] as LogChartMarker[]).concat(opts.marker ?? []);
    markers.forEach((m, i) => {
      if (m.x < opts.xDomain[0] || m.x > opts.xDomain[1]) return;
      g.append("line").attr("x1", x(m.x)).attr("x2", x(m.x)).attr("y1", 0).attr("y2", plotH).attr("stroke", "currentColor").attr("stroke-opacity", 0.7).attr("stroke-width", 1.5).attr("stroke-dasharray", "5 3");
      const k = clean.findIndex(({s}) => s.key === m.series);
      const p = m.y !== undefined && ok(m.y) ? ([m.x, m.y] as const) : k >= 0 ? clean[k].pts.find((q) => q[0] === m.x) : undefined;
      if (p && inside(p)) g.append("circle").attr("cx", x(p[0])).attr("cy", y(p[1])).attr("r", 7.5).attr("fill", "none").attr("stroke", "currentColor").attr("stroke-width", 2.5);
      if (m.label) {
        // Right of the line unless the label (about 6 px a character at 11 px) would leave the plot.
        const right = x(m.x) + 6 + 6 * m.label.length <= plotW || x(m.x) < plotW / 2 - 3 * m.label.length;
        g.append("text").attr("x", x(m.x) + (right ? 6 : -6)).attr("y", 12 + 14 * i).attr("text-anchor", right ? "start" : "end").attr("font-size", 11).attr("font-weight", 600).text(m.label);
      }
    });
    legend.replaceChildren(
      ...clean.map(({s}, i) => {
        const li = el("li");
        const sw = svgEl("svg", {width: 26, height: 10, "aria-hidden": "true"});
        sw.append(svgEl("line", {x1: 1, x2: 25, y1: 5, y2: 5, stroke: styles[i].color, "stroke-width": 2.5, "stroke-dasharray": styles[i].dash}));
        sw.append(svgEl("path", {d: d3.symbol(styles[i].symbol, 30)() ?? "", transform: "translate(13,5)", fill: styles[i].color}));
        li.append(sw, el("span", undefined, s.label));
        return li;
      })
    );
    note.textContent = dropped ? `${dropped} point${dropped === 1 ? "" : "s"} could not be drawn (not a finite${logY ? ", positive" : ""} number).` : "";
    note.hidden = !dropped;
    // Reading values: the distinct x of every series, nearest to the pointer or stepped by keys.
    const xsAll = [...new Set(clean.flatMap((c) => c.pts.map((p) => p[0])))].sort((a, b) => a - b);
    const hoverG = g.append("g").attr("pointer-events", "none");
    const show = (i: number | null, keyboard: boolean) => {
      cursor = i;
      hoverG.selectAll("*").remove();
      if (i === null || !xsAll.length) return tip.hide();
      const xv = xsAll[Math.max(0, Math.min(xsAll.length - 1, i))];
      hoverG.append("line").attr("x1", x(xv)).attr("x2", x(xv)).attr("y1", 0).attr("y2", plotH).attr("stroke", "currentColor").attr("stroke-opacity", 0.35);
      const lines = [`${xLabel || "x"}: ${fx(xv)}`, ...clean.map(({s, pts}) => `${s.label}: ${fy(pts.find((p) => p[0] === xv)?.[1] ?? NaN)}`)];
      tip.show(margin.left + x(xv), margin.top + 10, lines, keyboard);
    };
    g.append("rect").attr("width", plotW).attr("height", plotH).attr("fill", "transparent")
      .on("pointermove", (e: PointerEvent) => {
        const px = x.invert(d3.pointer(e)[0]);
        show(d3.leastIndex(xsAll, (v) => Math.abs(Math.log(v) - Math.log(px))) ?? null, false);
      })
      .on("pointerleave", () => show(null, false));
    plot.onkeydown = (e) => {
      if (e.key === "ArrowRight" || e.key === "ArrowLeft") show(cursor === null ? 0 : Math.max(0, Math.min(xsAll.length - 1, cursor + (e.key === "ArrowRight" ? 1 : -1))), true);
      else if (e.key === "Escape") show(null, true);
      else return;
      e.preventDefault();
    };
    if (cursor !== null) show(cursor, false);
    root.setAttribute("aria-label", opts.ariaLabel ?? `${opts.title ?? "Chart"}: ${clean.map(({s}) => s.label).join(", ")} against ${xLabel}.`);
  }

  root.update = (next, patch) => {
    series = next;
    if (patch) opts = {...opts, ...patch};
    draw();
  };
  draw();
  return root;
}
