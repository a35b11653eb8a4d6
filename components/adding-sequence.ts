/**
 * One sequence of the adding problem (Hochreiter & Schmidhuber, 1997): its T values as bars, the
 * two marked steps drawn in orange and labelled with their values, and underneath the target (their
 * sum) next to what each model answered.
 */
import * as d3 from "d3";
import {formatNumber} from "./format.js";
import {el, installStyles} from "./style.js";

export interface AddingSequenceData {
  values: ArrayLike<number>;
  /** The two marked steps (0-based). */
  marks: readonly [number, number];
  target: number;
  /** Each model's answer, e.g. [["LSTM", 0.98], ["RNN", 1.1]]. */
  answers: readonly (readonly [string, number])[];
}

export interface AddingSequenceOptions {
  width?: number;
  title?: string;
  testid?: string;
}

const SEQ_CSS = `
.rt-adding-seq svg { display: block; max-width: 100%; overflow: visible; }
.rt-adding-seq .rt-answers { display: flex; flex-wrap: wrap; gap: 0.2rem 1.2rem; font-variant-numeric: tabular-nums; }
`;

export function addingSequence(d: AddingSequenceData, {width = 640, title, testid}: AddingSequenceOptions = {}): HTMLElement {
  const root = el("figure", "rt-view rt-adding-seq");
  if (testid) root.dataset.testid = testid;
  const T = d.values.length;
  const margin = {top: 20, right: 8, bottom: 22, left: 30};
  const plotW = Math.max(80, width - margin.left - margin.right), plotH = 70;
  const x = d3.scaleBand<number>().domain(d3.range(T)).range([0, plotW]).paddingInner(0.15);
  const y = d3.scaleLinear().domain([0, 1]).range([plotH, 0]);
  const marked = new Set(d.marks);
  const svg = d3
    .create("svg")
    .attr("width", plotW + margin.left + margin.right)
    .attr("height", plotH + margin.top + margin.bottom)
    .attr("role", "img")
    .attr("aria-label", `A sequence of ${T} numbers; the marked ones are at steps ${d.marks[0] + 1} (${formatNumber(d.values[d.marks[0]], 2)}) and ${d.marks[1] + 1} (${formatNumber(d.values[d.marks[1]], 2)}); their sum is ${formatNumber(d.target, 3)}.`);
  const g = svg.append("g").attr("transform", `translate(${margin.left},${margin.top})`);
  g.append("g").call(d3.axisLeft(y).ticks(2)).call((a) => a.selectAll("text").attr("font-size", 10));
  g.selectAll("rect")
    .data(d3.range(T))
    .join("rect")
    .attr("x", (t) => x(t) ?? 0)
    .attr("width", x.bandwidth())
    .attr("y", (t) => y(Math.max(0, Math.min(1, d.values[t]))))
    .attr("height", (t) => plotH - y(Math.max(0, Math.min(1, d.values[t]))))
    .attr("fill", (t) => (marked.has(t) ? "#e66101" : "#b8b8c8"));
  g.selectAll("text.rt-mark")
    .data(d.marks)
    .join("text")
    .attr("class", "rt-mark")
    .attr("x", (t) => (x(t) ?? 0) + x.bandwidth() / 2)
    .attr("y", -6)
    .attr("text-anchor", "middle")
    .attr("font-size", 11)
    .attr("font-weight", 600)
    .text((t) => formatNumber(d.values[t], 2));
  g.append("text").attr("x", plotW).attr("y", plotH + 16).attr("text-anchor", "end").attr("font-size", 11).attr("fill-opacity", 0.7).text(`step 1 … ${T}; orange: marked`);
  const answers = el("div", "rt-answers");
  answers.append(el("span", undefined, `target ${formatNumber(d.target, 3)}`), ...d.answers.map(([name, v]) => el("span", undefined, `${name} ${formatNumber(v, 3)} (off by ${formatNumber(Math.abs(v - d.target), 2)})`)));
  installStyles(SEQ_CSS);
  root.append(...(title ? [el("figcaption", "rt-title", title)] : []), svg.node()!, answers);
  return root;
}
