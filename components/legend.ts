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
  const svg = d3.create("svg").attr("class", "rt-legend").attr("width", barW + 24 + missingW).attr("height", height).attr("role", "img");
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
  const ticks = axisScale.ticks(barW < 150 ? 3 : 5);
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
