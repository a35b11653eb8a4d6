/**
 * Table 1 of Vaswani et al. (2017) as an HTML table, drawn from the data in src/models/complexity.ts:
 * per layer type, the complexity per layer, the sequential operations and the maximum path length,
 * each with its leading term evaluated at the reader's n and d (and kernel width k, neighbourhood r).
 * `update(sizes)` rewrites the numbers in place.
 */
import type {LayerKind, Sizes, Table1Row} from "../src/models/complexity.js";
import {formatCount} from "./format.js";
import {el, installStyles} from "./style.js";

export interface Table1Element extends HTMLElement {
  update(sizes: Sizes): void;
}

export type Table1Values = (layer: LayerKind, sizes: Sizes) => {complexity: number; sequential: number; maxPath: number};

const CSS = `
.rt-table1 .rt-scroll { overflow-x: auto; max-width: 100%; }
.rt-table1 table { border-collapse: collapse; font-size: 13px; margin: 0; max-width: none; }
.rt-table1 th, .rt-table1 td { padding: 0.35rem 0.6rem; border-bottom: 1px solid var(--theme-foreground-faintest, #e3e3e3); text-align: left; vertical-align: top; }
.rt-table1 td .rt-at { display: block; font-size: 11.5px; color: var(--theme-foreground-muted, #666); font-variant-numeric: tabular-nums; }
.rt-table1 th { font-weight: 600; }
`;

const NAMES: Record<LayerKind, string> = {
  "self-attention": "Self-attention",
  recurrent: "Recurrent",
  convolutional: "Convolutional",
  "restricted self-attention": "Self-attention (restricted)"
};

const count = (v: number) => (v >= 1e9 ? `${(v / 1e9).toPrecision(3)} × 10⁹` : v >= 1e6 ? `${(v / 1e6).toPrecision(3)} × 10⁶` : formatCount(v));

export function table1(rows: readonly Table1Row[], values: Table1Values, sizes: Sizes, {testid}: {testid?: string} = {}): Table1Element {
  const root = el("figure", "rt-view rt-table1") as HTMLElement as Table1Element;
  if (testid) root.dataset.testid = testid;
  const caption = el("figcaption", "rt-title");
  const table = el("table");
  const head = el("thead");
  const tr = el("tr");
  for (const h of ["Layer type", "Complexity per layer", "Sequential operations", "Maximum path length"]) {
    const th = el("th", undefined, h);
    th.scope = "col";
    tr.append(th);
  }
  head.append(tr);
  const body = el("tbody");
  table.append(head, body);
  const scroll = el("div", "rt-scroll");
  scroll.append(table);
  installStyles(CSS);
  root.append(caption, scroll);

  root.update = (s) => {
    const {n, d, k = 3, r = n} = s;
    caption.textContent = `Table 1 of Vaswani et al. (2017), with each term evaluated at n = ${formatCount(n)}, d = ${formatCount(d)}, k = ${k}, r = ${formatCount(r)}`;
    body.replaceChildren(
      ...rows.map((row) => {
        const v = values(row.layer, s);
        const line = el("tr");
        const th = el("th", undefined, NAMES[row.layer]);
        th.scope = "row";
        line.append(th);
        for (const [formula, value] of [[row.complexity, count(v.complexity)], [row.sequential, count(v.sequential)], [row.maxPath, count(v.maxPath)]] as const) {
          const td = el("td", undefined, formula);
          td.append(el("span", "rt-at", `= ${value}`));
          line.append(td);
        }
        return line;
      })
    );
  };
  root.update(sizes);
  return root;
}
