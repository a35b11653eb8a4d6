/**
 * The numbers of one step, as small tables: a scalar, a vector (one row) or a matrix. Long vectors
 * and large matrices show their first entries, an ellipsis, and a line with the shape, ‖·‖, min and
 * max. Cells carry a faint tint by sign and size (purple below zero, orange above, as the PuOr
 * heatmaps), the numbers in full.
 */
import {formatCount, formatNumber, tableFormatter} from "./format.js";
import {el} from "./style.js";
import type {MatrixLike} from "./summarize.js";
import {corner, isMatrixLike, summarize} from "./summarize.js";
import {tex} from "./tex.js";

export type PanelValue = number | string | ArrayLike<number> | MatrixLike;

export interface PanelItem {
  /** Plain-text name, e.g. "hidden state". */
  label: string;
  /** The same name in TeX, e.g. "h_{t-1}": shown instead of the label, which becomes its spoken name. */
  tex?: string;
  value: PanelValue;
  /** A short remark under the value. */
  note?: string;
}

export interface PanelOptions {
  /** Vectors longer than this are summarised (default 10). */
  maxEntries?: number;
  /** Matrices larger than this are cut to their top-left corner (default 6 × 8). */
  maxRows?: number;
  maxCols?: number;
}

export const PANEL_CSS = `
.rt-panel-item { margin: 0 0 0.7rem; }
.rt-panel-label { display: flex; align-items: baseline; gap: 0.5rem; flex-wrap: wrap; margin-bottom: 0.15rem; }
.rt-panel-shape { font-size: 11px; color: var(--theme-foreground-muted, #666); }
.rt-panel-scroll { overflow-x: auto; max-width: 100%; }
.rt-panel table { width: auto; border-collapse: collapse; font: 12px/1.3 var(--monospace, ui-monospace, monospace); font-variant-numeric: tabular-nums; margin: 0; max-width: none; }
.rt-panel td { padding: 2px 6px; text-align: right; border: 1px solid var(--theme-foreground-faintest, #e3e3e3); white-space: nowrap; }
.rt-panel td.rt-more { color: var(--theme-foreground-muted, #666); text-align: center; }
.rt-panel .rt-scalar { font: 14px var(--monospace, ui-monospace, monospace); }
.rt-panel .rt-stats { font-size: 11.5px; color: var(--theme-foreground-muted, #666); margin-top: 0.15rem; }
`;

function tint(v: number, maxAbs: number): string {
  if (!Number.isFinite(v) || maxAbs === 0) return "";
  const a = Math.min(1, Math.abs(v) / maxAbs) * 0.28;
  return v < 0 ? `rgb(94 60 153 / ${a.toFixed(3)})` : `rgb(230 97 1 / ${a.toFixed(3)})`;
}

function table(rows: number[][], label: string, moreCols: boolean, moreRows: boolean): HTMLElement {
  const flat = rows.flat();
  const format = tableFormatter(flat);
  let maxAbs = 0;
  for (const v of flat) if (Number.isFinite(v)) maxAbs = Math.max(maxAbs, Math.abs(v));
  const t = el("table");
  t.setAttribute("aria-label", label);
  const body = el("tbody");
  for (const r of rows) {
    const tr = el("tr");
    for (const v of r) {
      const td = el("td", undefined, format(v));
      td.style.background = tint(v, maxAbs);
      tr.append(td);
    }
    if (moreCols) tr.append(el("td", "rt-more", "…"));
    body.append(tr);
  }
  if (moreRows) {
    const tr = el("tr");
    for (let j = 0; j < (rows[0]?.length ?? 0) + (moreCols ? 1 : 0); j++) tr.append(el("td", "rt-more", "⋮"));
    body.append(tr);
  }
  t.append(body);
  const scroll = el("div", "rt-panel-scroll");
  scroll.append(t);
  return scroll;
}

function stats(v: ArrayLike<number>, shape: string): HTMLElement {
  const s = summarize(v, 0);
  const parts = [shape, `‖·‖ = ${formatNumber(s.norm)}`, `min ${formatNumber(s.min)}`, `max ${formatNumber(s.max)}`];
  if (s.nonFinite) parts.push(`${formatCount(s.nonFinite)} not finite`);
  return el("div", "rt-stats", parts.join(" · "));
}

function valueView(item: PanelItem, {maxEntries = 10, maxRows = 6, maxCols = 8}: PanelOptions): {shape: string; body: HTMLElement[]} {
  const v = item.value;
  if (typeof v === "number") return {shape: "", body: [el("span", "rt-scalar", formatNumber(v, 4))]};
  if (typeof v === "string") return {shape: "", body: [el("span", undefined, v)]};
  if (isMatrixLike(v)) {
    const shape = `${v.rows} × ${v.cols}`;
    const big = v.rows > maxRows || v.cols > maxCols;
    const body = [table(corner(v, maxRows, maxCols), item.label, v.cols > maxCols, v.rows > maxRows)];
    if (big) body.push(stats(v.data, `${formatCount(v.rows * v.cols)} entries`));
    return {shape, body};
  }
  const n = v.length;
  const head = Array.from({length: Math.min(n, maxEntries)}, (_, i) => v[i]);
  const body = [table([head], item.label, n > maxEntries, false)];
  if (n > maxEntries) body.push(stats(v, `${formatCount(n)} entries`));
  return {shape: `length ${n}`, body};
}

export function numberPanel(items: PanelItem[], options: PanelOptions = {}): HTMLElement {
  const panel = el("div", "rt-panel");
  for (const item of items) {
    const box = el("div", "rt-panel-item");
    const label = el("div", "rt-panel-label");
    if (item.tex) {
      const math = tex(item.tex);
      math.setAttribute("aria-label", item.label);
      label.append(math);
    } else label.append(el("strong", undefined, item.label));
    const {shape, body} = valueView(item, options);
    if (shape) label.append(el("span", "rt-panel-shape", `(${shape})`));
    box.append(label, ...body);
    if (item.note) box.append(el("div", "rt-stats", item.note));
    panel.append(box);
  }
  return panel;
}
