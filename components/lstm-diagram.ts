/**
 * A diagram of one LSTM cell, drawn with d3, whose paths light up stage by stage, in the order of
 * the chapter's equation stepper:
 *   0 forget     f(t) = σ(W_f h(t−1) + U_f x(t) + b_f)      the ⊗ on the cell line
 *   1 input      i(t) = σ(W_i h(t−1) + U_i x(t) + b_i)
 *   2 candidate  c̃(t) = tanh(W_c h(t−1) + U_c x(t) + b_c)   i ⊙ c̃ at the lower ⊗
 *   3 cell       c(t) = f ⊙ c(t−1) + i ⊙ c̃                  the ⊕ on the cell line
 *   4 output     o(t) = σ(…),  h(t) = o ⊙ tanh c(t)
 * The stage being computed is orange and thick, the stages already done are dark, the ones still
 * to come are faint; a caption says the same in words. `update(step, notes)` moves the highlight and
 * may print a short note (e.g. a mean) beside each gate.
 */
import * as d3 from "d3";
import {el, installStyles, uid} from "./style.js";

export const LSTM_STAGES = ["forget", "input", "candidate", "cell", "output"] as const;
export type LstmStageName = (typeof LSTM_STAGES)[number];

export interface LstmDiagramOptions {
  width?: number;
  title?: string;
  /** The stage shown first (index into LSTM_STAGES; null: nothing highlighted). */
  step?: number | null;
  testid?: string;
}

export interface LstmDiagramElement extends HTMLElement {
  /** Highlights stage `step` (0…4, or null for none); `notes` are printed beside the gates. */
  update(step: number | null, notes?: Partial<Record<LstmStageName, string>>): void;
}

const CAPTIONS: Record<LstmStageName, string> = {
  forget: "Forget: f(t) = σ(W_f h(t−1) + U_f x(t) + b_f) scales the old cell c(t−1), unit by unit.",
  input: "Input gate: i(t) = σ(W_i h(t−1) + U_i x(t) + b_i) decides how much to write.",
  candidate: "Candidate: c̃(t) = tanh(W_c h(t−1) + U_c x(t) + b_c) is what would be written; i ⊙ c̃ is what is.",
  cell: "Cell update: c(t) = f ⊙ c(t−1) + i ⊙ c̃(t), a sum, not a product through weights.",
  output: "Output: o(t) = σ(W_o h(t−1) + U_o x(t) + b_o) reads the cell: h(t) = o ⊙ tanh c(t)."
};

const DIAGRAM_CSS = `
.rt-lstm-diagram svg { display: block; max-width: 100%; height: auto; }
.rt-lstm-diagram .rt-part { transition: opacity 0.15s; }
.rt-lstm-diagram .rt-part[data-state="todo"] { opacity: 0.3; }
.rt-lstm-diagram .rt-part[data-state="done"] { opacity: 0.85; }
.rt-lstm-diagram .rt-part line, .rt-lstm-diagram .rt-part path { fill: none; stroke: currentColor; stroke-width: 2; }
.rt-lstm-diagram .rt-part[data-state="now"] line, .rt-lstm-diagram .rt-part[data-state="now"] path { stroke: #b34700; stroke-width: 3.5; }
.rt-lstm-diagram .rt-part[data-state="now"] text { fill: #8a3700; font-weight: 700; }
.rt-lstm-diagram .rt-caption { min-height: 2.6em; }
`;

/** Where things sit, in the SVG's own units (it scales to the width it is given). */
const W = 520, H = 300;
const Y_CELL = 58, Y_GATE = 178, Y_BUS = 246, Y_MUL = 116;
const X = {cIn: 14, f: 150, i: 222, c: 294, o: 372, fMul: 150, add: 258, iMul: 258, tanh: 440, oMul: 440, cOut: 506};
const BOX = {w: 50, h: 30};

type Part = {stage: LstmStageName | "shared"; draw: (g: d3.Selection<SVGGElement, undefined, null, undefined>) => void};

/** Colours of a gate box: the fill at rest, done and now. */
function boxFill(state: string): string {
  return state === "now" ? "#fbd9bf" : state === "done" ? "#e9e3f3" : "#f2f2f2";
}

function arrowTo(g: d3.Selection<SVGGElement, undefined, null, undefined>, points: [number, number][], markerId: string): void {
  g.append("path")
    .attr("d", d3.line()(points))
    .attr("marker-end", `url(#${markerId})`);
}

function gateBox(g: d3.Selection<SVGGElement, undefined, null, undefined>, x: number, label: string, fn: string): void {
  g.append("rect")
    .attr("class", "rt-box")
    .attr("x", x - BOX.w / 2)
    .attr("y", Y_GATE - BOX.h / 2)
    .attr("width", BOX.w)
    .attr("height", BOX.h)
    .attr("rx", 5)
    .attr("stroke", "currentColor")
    .attr("stroke-width", 1.5);
  g.append("text").attr("x", x).attr("y", Y_GATE + 5).attr("text-anchor", "middle").attr("font-size", 15).text(fn);
  g.append("text").attr("class", "rt-gate-label").attr("x", x - BOX.w / 2 - 4).attr("y", Y_GATE - BOX.h / 2 - 5).attr("text-anchor", "start").attr("font-size", 14).attr("font-style", "italic").text(label);
}

function operator(g: d3.Selection<SVGGElement, undefined, null, undefined>, x: number, y: number, symbol: string): void {
  g.append("circle").attr("class", "rt-op").attr("cx", x).attr("cy", y).attr("r", 11).attr("stroke", "currentColor").attr("stroke-width", 1.5);
  g.append("text").attr("x", x).attr("y", y + 5.5).attr("text-anchor", "middle").attr("font-size", 17).text(symbol);
}

export function lstmDiagram(options: LstmDiagramOptions = {}): LstmDiagramElement {
  const {width = 520, title} = options;
  const root = el("figure", "rt-view rt-lstm-diagram") as HTMLElement as LstmDiagramElement;
  if (options.testid) root.dataset.testid = options.testid;
  const markerId = uid("lstm-arrow");
  const svg = d3
    .create("svg")
    .attr("viewBox", `0 0 ${W} ${H}`)
    .attr("width", Math.min(width, 620))
    .attr("height", (Math.min(width, 620) * H) / W)
    .attr("role", "img");
  const defs = svg.append("defs");
  for (const [id, colour] of [[markerId, "currentColor"], [`${markerId}-now`, "#b34700"]]) {
    defs
      .append("marker")
      .attr("id", id)
      .attr("viewBox", "0 0 10 10")
      .attr("refX", 9)
      .attr("refY", 5)
      .attr("markerWidth", 5)
      .attr("markerHeight", 5)
      .attr("orient", "auto")
      .append("path")
      .attr("d", "M0,0L10,5L0,10z")
      .attr("fill", colour)
      .attr("stroke", "none");
  }
  svg.append("rect").attr("x", 60).attr("y", 26).attr("width", 420).attr("height", 250).attr("rx", 14).attr("fill", "none").attr("stroke", "currentColor").attr("stroke-opacity", 0.25).attr("stroke-dasharray", "4 4");

  const parts: Part[] = [
    {
      stage: "shared",
      draw: (g) => {
        // h(t−1) and x(t) join into one bus that feeds all four gates.
        g.append("path").attr("d", d3.line()([[X.cIn, Y_BUS], [X.o, Y_BUS]]));
        g.append("path").attr("d", d3.line()([[96, 292], [96, Y_BUS]]));
        g.append("circle").attr("cx", 96).attr("cy", Y_BUS).attr("r", 3).attr("fill", "currentColor");
        g.append("text").attr("x", X.cIn).attr("y", Y_BUS - 8).attr("font-size", 14).text("h(t−1)");
        g.append("text").attr("x", 104).attr("y", 292).attr("font-size", 14).text("x(t)");
      }
    },
    {
      stage: "forget",
      draw: (g) => {
        g.append("path").attr("d", d3.line()([[X.cIn, Y_CELL], [X.fMul - 11, Y_CELL]]));
        g.append("text").attr("x", X.cIn).attr("y", Y_CELL - 10).attr("font-size", 14).text("c(t−1)");
        arrowTo(g, [[X.f, Y_BUS], [X.f, Y_GATE + BOX.h / 2]], markerId);
        gateBox(g, X.f, "f", "σ");
        arrowTo(g, [[X.f, Y_GATE - BOX.h / 2], [X.fMul, Y_CELL + 11]], markerId);
        operator(g, X.fMul, Y_CELL, "×");
      }
    },
    {
      stage: "input",
      draw: (g) => {
        arrowTo(g, [[X.i, Y_BUS], [X.i, Y_GATE + BOX.h / 2]], markerId);
        gateBox(g, X.i, "i", "σ");
        arrowTo(g, [[X.i, Y_GATE - BOX.h / 2], [X.i, Y_MUL], [X.iMul - 11, Y_MUL]], markerId);
      }
    },
    {
      stage: "candidate",
      draw: (g) => {
        arrowTo(g, [[X.c, Y_BUS], [X.c, Y_GATE + BOX.h / 2]], markerId);
        gateBox(g, X.c, "c̃", "tanh");
        arrowTo(g, [[X.c, Y_GATE - BOX.h / 2], [X.c, Y_MUL], [X.iMul + 11, Y_MUL]], markerId);
        operator(g, X.iMul, Y_MUL, "×");
      }
    },
    {
      stage: "cell",
      draw: (g) => {
        g.append("path").attr("d", d3.line()([[X.fMul + 11, Y_CELL], [X.add - 11, Y_CELL]]));
        arrowTo(g, [[X.iMul, Y_MUL - 11], [X.add, Y_CELL + 11]], markerId);
        operator(g, X.add, Y_CELL, "+");
        arrowTo(g, [[X.add + 11, Y_CELL], [X.cOut, Y_CELL]], markerId);
        g.append("text").attr("x", X.cOut).attr("y", Y_CELL - 10).attr("text-anchor", "end").attr("font-size", 14).text("c(t)");
      }
    },
    {
      stage: "output",
      draw: (g) => {
        arrowTo(g, [[X.o, Y_BUS], [X.o, Y_GATE + BOX.h / 2]], markerId);
        gateBox(g, X.o, "o", "σ");
        g.append("circle").attr("cx", X.tanh).attr("cy", Y_CELL).attr("r", 3).attr("fill", "currentColor");
        arrowTo(g, [[X.tanh, Y_CELL], [X.tanh, Y_MUL - 13]], markerId);
        g.append("ellipse").attr("class", "rt-op").attr("cx", X.tanh).attr("cy", Y_MUL).attr("rx", 22).attr("ry", 13).attr("stroke", "currentColor").attr("stroke-width", 1.5);
        g.append("text").attr("x", X.tanh).attr("y", Y_MUL + 5).attr("text-anchor", "middle").attr("font-size", 13).text("tanh");
        arrowTo(g, [[X.tanh, Y_MUL + 13], [X.oMul, Y_GATE - 11]], markerId);
        arrowTo(g, [[X.o + BOX.w / 2, Y_GATE], [X.oMul - 11, Y_GATE]], markerId);
        operator(g, X.oMul, Y_GATE, "×");
        arrowTo(g, [[X.oMul + 11, Y_GATE], [X.cOut, Y_GATE]], markerId);
        g.append("text").attr("x", X.cOut).attr("y", Y_GATE - 10).attr("text-anchor", "end").attr("font-size", 14).text("h(t)");
      }
    }
  ];

  const groups = parts.map((p) => {
    const g = svg.append("g").attr("class", "rt-part").attr("data-stage", p.stage);
    p.draw(g);
    return {stage: p.stage, g};
  });
  const notesG = svg.append("g").attr("class", "rt-notes").attr("font-size", 12);
  // A gate's note sits under the right half of its box, clear of the arrow coming up from the bus.
  const under = (x: number): [number, number] => [x + 5, Y_GATE + BOX.h / 2 + 14];
  const noteAt: Record<LstmStageName, [number, number]> = {
    forget: under(X.f),
    input: under(X.i),
    candidate: under(X.c),
    cell: [X.add + 16, Y_CELL + 30],
    output: under(X.o)
  };

  const caption = el("p", "rt-note rt-caption");
  caption.setAttribute("aria-live", "polite");
  installStyles(DIAGRAM_CSS);
  root.append(...(title ? [el("figcaption", "rt-title", title)] : []), svg.node()!, caption);

  root.update = (step, notes = {}) => {
    const k = step === null || !Number.isFinite(step) ? -1 : Math.max(0, Math.min(LSTM_STAGES.length - 1, Math.round(step)));
    for (const {stage, g} of groups) {
      const index = stage === "shared" ? -1 : LSTM_STAGES.indexOf(stage);
      const state = k < 0 ? "done" : stage === "shared" ? "done" : index === k ? "now" : index < k ? "done" : "todo";
      g.attr("data-state", state);
      g.selectAll(".rt-box, .rt-op").attr("fill", boxFill(state));
      g.selectAll("path[marker-end]").attr("marker-end", `url(#${markerId}${state === "now" ? "-now" : ""})`);
    }
    notesG
      .selectAll("text")
      .data(LSTM_STAGES.filter((s) => notes[s]))
      .join("text")
      .attr("x", (s) => noteAt[s][0])
      .attr("y", (s) => noteAt[s][1])
      .attr("text-anchor", "start")
      .text((s) => notes[s] ?? "");
    const stage = k >= 0 ? LSTM_STAGES[k] : null;
    caption.textContent = stage ? `Step ${k + 1} of ${LSTM_STAGES.length}. ${CAPTIONS[stage]}` : "The LSTM cell: the cell line along the top, the four gates below it.";
    svg.attr("aria-label", `Diagram of an LSTM cell. ${caption.textContent}`);
  };
  root.update(options.step ?? null);
  return root;
}
