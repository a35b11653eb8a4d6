/**
 * Chapter 8's architecture diagram (after Vaswani et al., 2017, Figure 1), drawn with d3, which is
 * also the chapter's navigation: every block is a button. Clicking one, or focusing it (Tab) and
 * pressing Enter or Space, selects it: `value` becomes its id and "input" fires, so
 * `view(transformerDiagram(…))` works. ↑ and ↓ move the focus along the flow of the model. Setting
 * `value` from code moves the highlight without an event. The selected block has a thick outline
 * and a bold title, so it reads without colour; a caption names it in words.
 */
import * as d3 from "d3";
import type {BlockId} from "../src/models/transformer/blocks.js";
import {el, installStyles, uid} from "./style.js";
import type {BlockKind, NormPlacement} from "./transformer-layout.js";
import {blockName, diagramLayout} from "./transformer-layout.js";

export interface TransformerDiagramOptions {
  /** The model's blocks in diagram order (ModelInfo.blocks). */
  blocks: readonly BlockId[];
  norm: NormPlacement;
  /** The block selected at first (default: the first cross-attention block, else the first). */
  value?: BlockId;
  /** The output projection is the transposed target embedding (default true). */
  tied?: boolean;
  /** How positions enter the embeddings (default sinusoidal). */
  positions?: "sinusoidal" | "learned" | "none";
  width?: number;
  title?: string;
  testid?: string;
}

export interface TransformerDiagramElement extends HTMLElement {
  value: BlockId;
}

/** Fills by kind, after the paper's figure: attention orange, feed-forward blue, norms yellow, embeddings pink. */
const FILL: Record<BlockKind, string> = {
  embed: "#f7dce6",
  self: "#fbe3c6",
  cross: "#fbe3c6",
  ffn: "#d6e9f6",
  norm: "#f6f0c0",
  out: "#e3ddf1"
};

const CSS = `
.rt-tdiagram svg { display: block; max-width: 100%; height: auto; }
.rt-tdiagram .rt-block { cursor: pointer; outline: none; }
.rt-tdiagram .rt-block rect.rt-box { stroke: #555; stroke-width: 1.2; transition: stroke-width 0.1s; }
.rt-tdiagram .rt-block:hover rect.rt-box { stroke: #111; stroke-width: 2; }
.rt-tdiagram .rt-block:focus-visible rect.rt-focus { stroke: var(--theme-foreground-focus, #3b5fc0); stroke-width: 2.5; }
.rt-tdiagram .rt-block[aria-pressed="true"] rect.rt-box { stroke: #8a3700; stroke-width: 3.5; }
.rt-tdiagram .rt-block[aria-pressed="true"] .rt-btitle { font-weight: 700; }
.rt-tdiagram .rt-block text { fill: #1b1e23; }
.rt-tdiagram .rt-btitle { font-size: 14px; }
.rt-tdiagram .rt-bdetail { font-size: 11.5px; font-family: var(--monospace, ui-monospace, monospace); fill-opacity: 0.85; }
.rt-tdiagram .rt-flow { fill: none; stroke: currentColor; stroke-width: 1.4; }
.rt-tdiagram .rt-memory { fill: none; stroke: #b34700; stroke-width: 1.6; }
.rt-tdiagram .rt-frame { fill: none; stroke: currentColor; stroke-opacity: 0.35; stroke-dasharray: 4 4; }
.rt-tdiagram .rt-frame-label { font-size: 11.5px; fill-opacity: 0.75; }
.rt-tdiagram .rt-label { font-size: 12px; font-style: italic; }
.rt-tdiagram .rt-caption { min-height: 2.6em; }
`;

export function transformerDiagram(options: TransformerDiagramOptions): TransformerDiagramElement {
  const {blocks, norm, tied = true, positions = "sinusoidal", width = 460, title} = options;
  const layout = diagramLayout(blocks, norm, {tied, positions});
  const root = el("figure", "rt-view rt-tdiagram") as HTMLElement as TransformerDiagramElement;
  if (options.testid) root.dataset.testid = options.testid;
  const firstCross = layout.boxes.find((b) => b.kind === "cross")?.id;
  let selected: BlockId = options.value && blocks.includes(options.value) ? options.value : firstCross ?? blocks[0];

  const arrowId = uid("tarrow"), memoryId = uid("tmemory");
  const shown = Math.min(width, 520);
  const svg = d3
    .create("svg")
    .attr("viewBox", `0 0 ${layout.width} ${layout.height}`)
    .attr("width", shown)
    .attr("height", (shown * layout.height) / layout.width)
    .attr("role", "group")
    .attr("aria-label", "The Transformer's architecture: encoder on the left, decoder on the right, read from the bottom up. Each block is a button.");
  const defs = svg.append("defs");
  for (const [id, colour] of [[arrowId, "currentColor"], [memoryId, "#b34700"]]) {
    defs
      .append("marker")
      .attr("id", id)
      .attr("viewBox", "0 0 10 10")
      .attr("refX", 9)
      .attr("refY", 5)
      .attr("markerWidth", 6)
      .attr("markerHeight", 6)
      .attr("orient", "auto")
      .append("path")
      .attr("d", "M0,0L10,5L0,10z")
      .attr("fill", colour);
  }
  const line = d3.line();
  const framesG = svg.append("g");
  for (const f of layout.frames) {
    framesG.append("rect").attr("class", "rt-frame").attr("x", f.x).attr("y", f.y).attr("width", f.w).attr("height", f.h).attr("rx", 8);
    framesG
      .append("text")
      .attr("class", "rt-frame-label")
      .attr("x", f.stack === "enc" ? f.x + 4 : f.x + f.w - 4)
      .attr("y", f.y - 3)
      .attr("text-anchor", f.stack === "enc" ? "start" : "end")
      .text(f.label);
  }
  const flowG = svg.append("g");
  for (const a of layout.arrows) flowG.append("path").attr("class", "rt-flow").attr("d", line(a)).attr("marker-end", `url(#${arrowId})`);
  for (const b of layout.boxes) {
    if (!b.sum) continue;
    flowG.append("path").attr("class", "rt-flow").attr("d", line(b.sum.skip)).attr("marker-end", `url(#${arrowId})`);
    flowG.append("circle").attr("cx", b.sum.cx).attr("cy", b.sum.cy).attr("r", 8).attr("fill", "var(--theme-background, #fff)").attr("stroke", "currentColor").attr("stroke-width", 1.4);
    flowG.append("text").attr("x", b.sum.cx).attr("y", b.sum.cy + 4.5).attr("text-anchor", "middle").attr("font-size", 14).text("+");
  }
  layout.memory.forEach((m, i) => {
    const into = i >= 2; // the last segments end at a cross-attention box
    flowG.append("path").attr("class", "rt-memory").attr("d", line(m)).attr("marker-end", into ? `url(#${memoryId})` : null);
  });
  for (const l of layout.labels) flowG.append("text").attr("class", "rt-label").attr("x", l.x).attr("y", l.y).attr("text-anchor", l.anchor).text(l.text);

  const blocksG = svg.append("g");
  const groups = new Map<BlockId, d3.Selection<SVGGElement, undefined, null, undefined>>();
  for (const b of layout.boxes) {
    const g = blocksG
      .append("g")
      .attr("class", "rt-block")
      .attr("data-block", b.id)
      .attr("tabindex", 0)
      .attr("role", "button")
      .attr("aria-label", `${blockName(b.id)}: ${b.detail}`);
    g.append("rect").attr("class", "rt-focus").attr("x", b.x - 4).attr("y", b.y - 4).attr("width", b.w + 8).attr("height", b.h + 8).attr("rx", 8).attr("fill", "none").attr("stroke", "none");
    g.append("rect").attr("class", "rt-box").attr("x", b.x).attr("y", b.y).attr("width", b.w).attr("height", b.h).attr("rx", 6).attr("fill", FILL[b.kind]);
    const two = b.h >= 40;
    g.append("text").attr("class", "rt-btitle").attr("x", b.x + b.w / 2).attr("y", b.y + (two ? 18 : b.h / 2 + 5)).attr("text-anchor", "middle").text(b.title);
    if (two) g.append("text").attr("class", "rt-bdetail").attr("x", b.x + b.w / 2).attr("y", b.y + 35).attr("text-anchor", "middle").text(b.detail);
    g.on("click", () => choose(b.id));
    g.on("keydown", (e: KeyboardEvent) => {
      if (e.key === "Enter" || e.key === " ") choose(b.id);
      else if (e.key === "ArrowUp" || e.key === "ArrowDown") focusNext(b.id, e.key === "ArrowUp" ? 1 : -1);
      else return;
      e.preventDefault();
    });
    groups.set(b.id, g);
  }

  const caption = el("p", "rt-note rt-caption");
  caption.setAttribute("aria-live", "polite");
  installStyles(CSS);
  root.append(...(title ? [el("figcaption", "rt-title", title)] : []), svg.node()!, caption);

  function paint(): void {
    for (const [id, g] of groups) g.attr("aria-pressed", id === selected ? "true" : "false");
    const box = layout.boxes.find((b) => b.id === selected);
    caption.textContent = box ? `Selected: ${blockName(selected)} — ${box.detail}.` : "";
  }

  function choose(id: BlockId): void {
    if (id !== selected) {
      selected = id;
      paint();
    }
    root.dispatchEvent(new Event("input", {bubbles: true}));
  }

  function focusNext(id: BlockId, by: number): void {
    const order = layout.boxes.map((b) => b.id).sort((a, b) => blocks.indexOf(a) - blocks.indexOf(b));
    const next = order[Math.max(0, Math.min(order.length - 1, order.indexOf(id) + by))];
    (groups.get(next)?.node() as SVGGElement | null)?.focus();
  }

  Object.defineProperty(root, "value", {
    get: () => selected,
    set: (id: BlockId) => {
      if (!blocks.includes(id)) return;
      selected = id;
      paint();
    }
  });
  paint();
  return root;
}
