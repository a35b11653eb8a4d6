/**
 * Attention as a soft dictionary look-up, drawn in the plane (chapter 5). Two squares: on the left
 * the query q and the keys k_i, each key ringed in proportion to its weight α_i; on the right the
 * values v_i and the output o = Σ α_i v_i, joined to each value by a line as thick as its weight.
 * Below, a table of q · k_i, the score e_i and α_i as a bar. The reader drags q, any key and any
 * value with the pointer, or tabs to one and moves it with the arrow keys (Shift: larger steps).
 *
 * The view only draws: `value` is the points (an "input" event fires when the reader moves one,
 * so `Generators.input(plane)` works) and `update(result)` draws the weights the model computed.
 */
import * as d3 from "d3";
import type {ValueElement} from "./controls.js";
import {formatNumber} from "./format.js";
import {EXTENT, clampPoint, nudge, panelSize, type Point2, type QkvPoints} from "./qkv-geometry.js";
import {el, installStyles, svgEl} from "./style.js";

export interface QkvLookupResult {
  dots: number[];
  scores: number[];
  weights: number[];
  output: number[];
  entropy: number;
}

export interface QkvPlaneOptions {
  width?: number;
  title?: string;
  testid?: string;
}

export interface QkvPlaneElement extends ValueElement<QkvPoints> {
  /** Draws the model's answer for the current points (null: waiting), and a note under the panels. */
  update(result: QkvLookupResult | null, patch?: {note?: string}): void;
}

/** Okabe–Ito colours: told apart with every common colour-vision deficiency. */
export const KEY_COLORS = ["#E69F00", "#0072B2", "#009E73", "#CC79A7", "#D55E00", "#56B4E9"];

const CSS = `
.rt-qkv .rt-panels { display: flex; flex-wrap: wrap; gap: 16px; }
.rt-qkv .rt-panel-box { margin: 0; }
.rt-qkv .rt-panel-title { font-size: 12px; font-weight: 600; margin: 0 0 2px; }
.rt-qkv svg { display: block; touch-action: none; overflow: visible; }
.rt-qkv .rt-handle { cursor: grab; outline: none; }
.rt-qkv .rt-handle:active { cursor: grabbing; }
.rt-qkv .rt-handle .rt-ring { fill: none; stroke: none; }
.rt-qkv .rt-handle:focus-visible .rt-ring, .rt-qkv .rt-handle:focus .rt-ring { stroke: var(--theme-foreground-focus, #3b5fc0); stroke-width: 2.5; }
.rt-qkv .rt-table-box { overflow-x: auto; max-width: 100%; }
.rt-qkv table { border-collapse: collapse; font-size: 12.5px; font-variant-numeric: tabular-nums; margin: 8px 0 0; width: auto; max-width: none; }
.rt-qkv th, .rt-qkv td { padding: 2px 8px; text-align: right; border-bottom: 1px solid var(--theme-foreground-faintest, #e3e3e3); white-space: nowrap; }
.rt-qkv th:first-child, .rt-qkv td:first-child { text-align: left; }
.rt-qkv td.rt-bar { text-align: left; }
.rt-qkv td.rt-wide { text-align: left; }
.rt-qkv .rt-swatch { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 50%; margin-right: 0.35em; vertical-align: -0.05em; }
`;

type Handle = {kind: "query"} | {kind: "key" | "value"; i: number};
const sub = (i: number) => String(i + 1).replace(/\d/g, (c) => "₀₁₂₃₄₅₆₇₈₉"[+c]);
const nameOf = (h: Handle) => (h.kind === "query" ? "the query q" : h.kind === "key" ? `key k${sub(h.i)}` : `value v${sub(h.i)}`);
const pt = (p: Point2) => `(${formatNumber(p.x, 2)}, ${formatNumber(p.y, 2)})`;

export function qkvPlane(initial: QkvPoints, {width = 720, title, testid}: QkvPlaneOptions = {}): QkvPlaneElement {
  const root = el("figure", "rt-view rt-qkv") as HTMLElement as QkvPlaneElement;
  if (testid) root.dataset.testid = testid;
  let points: QkvPoints = structuredClone(initial);
  let result: QkvLookupResult | null = null;
  const n = points.keys.length;
  const {size} = panelSize(width);
  const m = 18;
  const sx = d3.scaleLinear().domain([-EXTENT, EXTENT]).range([m, size - m]);
  const sy = d3.scaleLinear().domain([-EXTENT, EXTENT]).range([size - m, m]);
  const live = el("div", "rt-sr");
  live.setAttribute("aria-live", "polite");
  const caption = el("figcaption", "rt-title", title ?? "");
  caption.hidden = !title;
  const panels = el("div", "rt-panels");
  const note = el("p", "rt-note");
  const table = el("table");
  const tableBox = el("div", "rt-table-box");
  tableBox.append(table);
  const barW = size < 340 ? 64 : 120;
  installStyles(CSS);
  root.append(caption, panels, note, tableBox, live);

  function panel(heading: string, label: string): SVGSVGElement {
    const box = el("div", "rt-panel-box");
    const svg = svgEl("svg", {width: size, height: size, role: "group", "aria-label": label});
    const g = d3.select(svg);
    const ticks = d3.range(-2, 3);
    g.append("g").selectAll("line").data(ticks).join("line").attr("x1", (t) => sx(t)).attr("x2", (t) => sx(t)).attr("y1", m).attr("y2", size - m).attr("stroke", "currentColor").attr("stroke-opacity", (t) => (t === 0 ? 0.3 : 0.08));
    g.append("g").selectAll("line").data(ticks).join("line").attr("y1", (t) => sy(t)).attr("y2", (t) => sy(t)).attr("x1", m).attr("x2", size - m).attr("stroke", "currentColor").attr("stroke-opacity", (t) => (t === 0 ? 0.3 : 0.08));
    g.append("rect").attr("x", m).attr("y", m).attr("width", size - 2 * m).attr("height", size - 2 * m).attr("fill", "none").attr("stroke", "currentColor").attr("stroke-opacity", 0.25);
    g.append("g").attr("font-size", 10).attr("fill-opacity", 0.6).selectAll("text").data([-2, 2]).join("text").attr("x", (t) => sx(t)).attr("y", sy(0) + 12).attr("text-anchor", "middle").text((t) => formatNumber(t));
    box.append(el("p", "rt-panel-title", heading), svg);
    panels.append(box);
    return svg;
  }

  const keySvg = panel("Query and keys: weight αᵢ = softmax(eᵢ), eᵢ from q · kᵢ", "The query and the keys. Each key's ring grows with its weight.");
  const valueSvg = panel("Values and the output o = Σ αᵢ vᵢ", "The values and the output, the weighted mean of the values.");
  const K = d3.select(keySvg), V = d3.select(valueSvg);
  // Layers, drawn once; paint() moves and resizes their marks.
  const rays = K.append("g");
  const halos = K.append("g").attr("pointer-events", "none");
  const spokes = V.append("g").attr("pointer-events", "none");
  const handles: {h: Handle; g: d3.Selection<SVGGElement, unknown, null, undefined>}[] = [];

  function addHandle(svg: d3.Selection<SVGSVGElement, unknown, null, undefined>, h: Handle): void {
    const g = svg.append("g").attr("class", "rt-handle").attr("tabindex", 0).attr("role", "button").attr("aria-roledescription", "movable point").attr("data-point", h.kind === "query" ? "query" : `${h.kind}-${h.i}`);
    g.append("circle").attr("class", "rt-ring").attr("r", 15);
    g.append("circle").attr("r", 16).attr("fill", "transparent"); // a larger target for fingers
    if (h.kind === "query") g.append("path").attr("d", d3.symbol(d3.symbolStar, 230)()).attr("fill", "#1b1e23").attr("stroke", "#fff").attr("stroke-width", 1.5);
    else if (h.kind === "key") g.append("circle").attr("r", 7.5).attr("fill", KEY_COLORS[h.i % KEY_COLORS.length]).attr("stroke", "#fff").attr("stroke-width", 1.5);
    else g.append("path").attr("d", d3.symbol(d3.symbolDiamond, 170)()).attr("fill", KEY_COLORS[h.i % KEY_COLORS.length]).attr("stroke", "#fff").attr("stroke-width", 1.5);
    g.append("text").attr("x", 10).attr("y", -9).attr("font-size", 12).attr("font-weight", 600).text(h.kind === "query" ? "q" : `${h.kind === "key" ? "k" : "v"}${sub(h.i)}`);
    const drag = d3.drag<SVGGElement, unknown>()
      .container(svg.node()!)
      .subject(() => {
        const p = get(h);
        return {x: sx(p.x), y: sy(p.y)};
      })
      .on("drag", (e: d3.D3DragEvent<SVGGElement, unknown, Point2>) => move(h, {x: sx.invert(e.x), y: sy.invert(e.y)}, false));
    g.call(drag);
    g.on("keydown", (e: KeyboardEvent) => {
      const next = nudge(get(h), e.key, e.shiftKey);
      if (!next) return;
      e.preventDefault();
      move(h, next, true);
    });
    handles.push({h, g});
  }

  const get = (h: Handle): Point2 => (h.kind === "query" ? points.query : h.kind === "key" ? points.keys[h.i] : points.values[h.i]);
  function move(h: Handle, p: Point2, keyboard: boolean): void {
    const q = clampPoint({x: Math.round(p.x * 100) / 100, y: Math.round(p.y * 100) / 100});
    if (h.kind === "query") points.query = q;
    else if (h.kind === "key") points.keys[h.i] = q;
    else points.values[h.i] = q;
    paint();
    if (keyboard) live.textContent = `${nameOf(h)} moved to ${pt(q)}`;
    root.dispatchEvent(new Event("input", {bubbles: true}));
  }

  for (let i = 0; i < n; i++) addHandle(K, {kind: "key", i});
  addHandle(K, {kind: "query"});
  for (let i = 0; i < n; i++) addHandle(V, {kind: "value", i});
  const outputG = V.append("g").attr("pointer-events", "none");
  outputG.append("circle").attr("r", 8).attr("fill", "#fff").attr("stroke", "#1b1e23").attr("stroke-width", 2.5);
  outputG.append("circle").attr("r", 2.5).attr("fill", "#1b1e23");
  outputG.append("text").attr("x", 11).attr("y", 16).attr("font-size", 12).attr("font-weight", 600).text("o");

  function paint(): void {
    const w = result && result.weights.length === n ? result.weights : null;
    for (const {h, g} of handles) {
      const p = get(h);
      g.attr("transform", `translate(${sx(p.x)},${sy(p.y)})`).attr("aria-label", `${nameOf(h)} at ${pt(p)}${h.kind !== "query" && w ? `, weight ${formatNumber(w[h.i], 2)}` : ""}. Arrow keys move it.`);
    }
    const q = points.query;
    rays.selectAll("line").data([...points.keys.map((k, i) => ({p: k, c: KEY_COLORS[i % KEY_COLORS.length], w: 1})), {p: q, c: "#1b1e23", w: 1.8}]).join("line")
      .attr("x1", sx(0)).attr("y1", sy(0)).attr("x2", (d) => sx(d.p.x)).attr("y2", (d) => sy(d.p.y)).attr("stroke", (d) => d.c).attr("stroke-width", (d) => d.w).attr("stroke-opacity", 0.55);
    halos.selectAll("circle").data(points.keys).join("circle").attr("cx", (k) => sx(k.x)).attr("cy", (k) => sy(k.y))
      .attr("r", (_, i) => (w ? 8 + 26 * Math.sqrt(Math.max(0, w[i])) : 0)).attr("fill", (_, i) => KEY_COLORS[i % KEY_COLORS.length]).attr("fill-opacity", 0.22).attr("stroke", (_, i) => KEY_COLORS[i % KEY_COLORS.length]).attr("stroke-opacity", 0.6);
    const o = result && result.output.length >= 2 ? {x: result.output[0], y: result.output[1]} : null;
    outputG.attr("display", o ? null : "none");
    if (o) outputG.attr("transform", `translate(${sx(o.x)},${sy(o.y)})`);
    spokes.selectAll("line").data(o && w ? points.values : []).join("line").attr("x1", o ? sx(o.x) : 0).attr("y1", o ? sy(o.y) : 0).attr("x2", (v) => sx(v.x)).attr("y2", (v) => sy(v.y))
      .attr("stroke", (_, i) => KEY_COLORS[i % KEY_COLORS.length]).attr("stroke-width", (_, i) => 0.5 + 7 * (w?.[i] ?? 0)).attr("stroke-opacity", (_, i) => 0.25 + 0.75 * (w?.[i] ?? 0));
    drawTable(o);
  }

  function drawTable(o: Point2 | null): void {
    const head = el("tr");
    for (const h of ["", "q · kᵢ", "score eᵢ", "weight αᵢ", ""]) head.append(el("th", undefined, h));
    const rows = points.keys.map((_, i) => {
      const tr = el("tr");
      const name = el("td");
      const sw = el("span", "rt-swatch");
      sw.style.background = KEY_COLORS[i % KEY_COLORS.length];
      name.append(sw, `k${sub(i)} → v${sub(i)}`);
      const a = result?.weights[i];
      const bar = el("td", "rt-bar");
      const b = svgEl("svg", {width: barW, height: 10, "aria-hidden": "true"});
      b.append(svgEl("rect", {width: barW, height: 10, fill: "currentColor", "fill-opacity": 0.07}), svgEl("rect", {width: Math.max(0.5, barW * (Number.isFinite(a) ? (a as number) : 0)), height: 10, fill: KEY_COLORS[i % KEY_COLORS.length]}));
      bar.append(b);
      tr.append(name, el("td", undefined, result ? formatNumber(result.dots[i], 3) : "…"), el("td", undefined, result ? formatNumber(result.scores[i], 3) : "…"), el("td", undefined, a === undefined ? "…" : formatNumber(a, 3)), bar);
      return tr;
    });
    const foot = (name: string, text: string) => {
      const tr = el("tr");
      tr.append(el("td", undefined, name), Object.assign(el("td", "rt-wide", text), {colSpan: 4}));
      return tr;
    };
    const h = result ? result.entropy : NaN;
    table.replaceChildren(head, ...rows, foot("output o", o ? pt(o) : "…"), foot("entropy H(α)", Number.isFinite(h) ? `${formatNumber(h, 3)} nats (uniform: log ${n} = ${formatNumber(Math.log(n), 3)})` : "…"));
    table.setAttribute("aria-label", "The look-up in numbers: for each key, the dot product with the query, the score and the weight.");
  }

  Object.defineProperty(root, "value", {
    get: () => structuredClone(points),
    set: (p: QkvPoints) => {
      points = structuredClone(p);
      paint();
    }
  });
  root.update = (next, patch) => {
    result = next;
    if (patch?.note !== undefined) note.textContent = patch.note;
    note.hidden = !note.textContent;
    paint();
  };
  root.update(null);
  return root;
}
