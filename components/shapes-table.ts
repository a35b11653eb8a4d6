/**
 * The shape of every tensor in a multi-head attention layer, as a table in the page's order
 * (split → attend → concat → project): the step, the tensor in TeX, how many there are (h for
 * the per-head ones), its shape in each setting given (e.g. one sentence, a training batch) and
 * how many numbers all copies hold in the first setting. `update(columns)` redraws in place.
 */
import type {LabelledShape} from "../src/models/attention/shapes.js";
import {formatCount} from "./format.js";
import {tensorTex} from "./multi-head-read.js";
import {el, installStyles} from "./style.js";
import {tex} from "./tex.js";

export interface ShapeColumn {
  /** The column's heading, e.g. "one sentence (n = 12)". */
  label: string;
  /** The same tensors, in the same order, in this setting. */
  shapes: readonly LabelledShape[];
}

export interface ShapesTableElement extends HTMLElement {
  update(columns: readonly ShapeColumn[]): void;
}

/** How each stage is named in the table. */
const STAGE_WORDS: Record<LabelledShape["stage"], string> = {
  input: "input",
  project: "project to Q, K, V",
  split: "split into h heads",
  attend: "attend, in each head",
  concat: "concatenate",
  output: "project with W_O"
};

const SHAPES_CSS = `
.rt-shapes .rt-scroll { overflow-x: auto; max-width: 100%; }
.rt-shapes table { border-collapse: collapse; margin: 0; max-width: none; width: auto; font-size: 13px; }
.rt-shapes thead th { white-space: normal; vertical-align: bottom; max-width: 9rem; font-size: 12px; }
.rt-shapes th, .rt-shapes td { border-bottom: 1px solid var(--theme-foreground-faintest, #e3e3e3); padding: 3px 8px; text-align: left; white-space: nowrap; vertical-align: middle; }
.rt-shapes td.rt-num { text-align: right; font-variant-numeric: tabular-nums; }
.rt-shapes tr.rt-first td { border-top: 1.5px solid var(--theme-foreground-faint, #888); }
.rt-shapes .rt-stage { color: var(--theme-foreground-muted, #666); font-size: 12px; white-space: normal; min-width: 5.5rem; max-width: 8rem; }
.rt-shapes tr.rt-per-head td { background: rgb(59 95 192 / 0.06); }
`;

export function shapesTable(columns: readonly ShapeColumn[], {title, testid}: {title?: string; testid?: string} = {}): ShapesTableElement {
  const root = el("figure", "rt-view rt-shapes") as HTMLElement as ShapesTableElement;
  if (testid) root.dataset.testid = testid;
  const caption = el("figcaption", "rt-title", title ?? "");
  caption.hidden = !title;
  const scroll = el("div", "rt-scroll");
  installStyles(SHAPES_CSS);
  root.append(caption, scroll);

  root.update = (cols) => {
    const first = cols[0]?.shapes ?? [];
    const table = el("table");
    const head = el("tr");
    for (const h of ["step", "tensor", "how many", ...cols.map((c) => c.label), `numbers in all (${cols[0]?.label.split(",")[0] ?? ""})`]) head.append(Object.assign(el("th", undefined, h), {scope: "col"}));
    const thead = el("thead");
    thead.append(head);
    const body = el("tbody");
    first.forEach((s, i) => {
      const tr = el("tr", [i === 0 || first[i - 1].stage !== s.stage ? "rt-first" : "", s.count > 1 && s.stage !== "project" ? "rt-per-head" : ""].join(" ").trim() || undefined);
      const stage = el("td", "rt-stage", i === 0 || first[i - 1].stage !== s.stage ? STAGE_WORDS[s.stage] : "");
      const name = el("td");
      const math = tex(tensorTex(s.name));
      math.setAttribute("aria-label", s.name);
      name.append(math);
      const shapes = cols.map((c) => {
        const [r, k] = c.shapes[i]?.shape ?? [NaN, NaN];
        return el("td", "rt-num", `${r} × ${k}`);
      });
      const total = el("td", "rt-num", formatCount(s.count * s.shape[0] * s.shape[1]));
      tr.append(stage, name, el("td", "rt-num", s.count > 1 ? `× ${s.count}` : "1"), ...shapes, total);
      body.append(tr);
    });
    table.append(thead, body);
    scroll.replaceChildren(table);
  };
  root.update(columns);
  return root;
}
