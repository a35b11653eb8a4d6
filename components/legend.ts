/** A horizontal colour legend: the title, a bar of the scale's colours, and ticks in data units. */
import * as d3 from "d3";
import type {ColorScale} from "./color-scale.js";
import {MISSING_COLOR} from "./color-scale.js";
import {formatNumber} from "./format.js";

export interface LegendOptions {
  /** What the colour encodes, with units, e.g. "probability" or "activation". */
  title?: string;
  width?: number;
  format?: (v: number) => string;
  /** Adds a grey swatch for values that cannot be shown. */
  showMissing?: boolean;
  /** The swatch's label (default "not shown"). */
  missingLabel?: string;
}

export function colorLegend(scale: ColorScale, {title = "value", width = 260, format = formatNumber, showMissing = false, missingLabel = "not shown"}: LegendOptions = {}): SVGSVGElement {
  const missingW = showMissing ? Math.max(92, 30 + missingLabel.length * 6.6) : 0;
  const barW = Math.max(80, Math.min(260, width - missingW) - 24);
  const height = 50, barY = 18, barH = 10, x0 = 8;
  const svg = d3.create("svg").attr("class", "rt-legend").attr("width", barW + 24 + missingW).attr("height", height).attr("role", "img").attr("overflow", "visible");
  const [lo, hi] = scale.domain;
  svg.attr("aria-label", `Colour legend for ${title}: from ${format(lo)} to ${format(hi)}${scale.kind === "log" ? ", logarithmic" : ""}`);
  svg.append("text").attr("x", x0).attr("y", 11).attr("font-size", 12).attr("font-weight", 500).text(title);
  const n = 64;
  svg
    .append("g")
    .selectAll("rect")
    .data(d3.range(n))
    .join("rect")
    .attr("x", (i) => x0 + (i * barW) / n)
    .attr("y", barY)
    .attr("width", barW / n + 0.5)
    .attr("height", barH)
    .attr("fill", (i) => scale.interpolate((i + 0.5) / n));
  const axisScale = scale.kind === "log" ? d3.scaleLog().domain([lo, hi]) : d3.scaleLinear().domain([lo, hi]);
  axisScale.range([x0, x0 + barW]);
  const count = barW < 150 ? 3 : 5;
  const ticks = scale.kind === "log" ? logTickValues(lo, hi, count) : axisScale.ticks(count);
  const axis = svg
    .append("g")
    .attr("transform", `translate(0,${barY + barH})`)
    .call(d3.axisBottom(axisScale).tickValues(ticks).tickFormat((v) => format(+v)).tickSize(4));
  axis.select(".domain").remove();
  axis.selectAll("text").attr("font-size", 11);
  axis.selectAll("line").attr("stroke", "currentColor");
  if (showMissing) {
    const g = svg.append("g").attr("transform", `translate(${x0 + barW + 18},${barY})`);
    g.append("rect").attr("width", 12).attr("height", barH).attr("fill", MISSING_COLOR);
    g.append("text").attr("x", 16).attr("y", barH - 1).attr("font-size", 11).text(missingLabel);
  }
  return svg.node()!;
}

/**
 * Tick values for a log axis from lo to hi (0 < lo < hi) that leave room for their labels: d3's
 * log ticks (1…9 × 10ᵏ) when they are few, else those with mantissa 1, 2 or 5 (at least two), else
 * the powers of ten; every second or third one if need be.
 */
export function logTickValues(lo: number, hi: number, count: number): number[] {
  const all = d3.scaleLog().domain([lo, hi]).ticks(count);
  if (all.length <= count + 1) return all;
  const mantissa = (v: number) => v / 10 ** Math.floor(Math.log10(v) + 1e-9);
  const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;
  const oneTwoFive = all.filter((v) => [1, 2, 5].some((m) => near(mantissa(v), m)));
  if (oneTwoFive.length <= count + 1) return oneTwoFive.length >= 2 ? oneTwoFive : thin(all, count + 1);
  return thin(all.filter((v) => near(mantissa(v), 1)), count + 1);
}

function thin(values: number[], most: number): number[] {
  const every = Math.ceil(values.length / most);
  return values.filter((_, i) => i % every === 0);
}
