/**
 * Small multiples of heatmaps (e.g. one per attention head, or one per tensor of a block), each
 * with its own title and labels, wrapped to the width. `update(items)` builds the grid afresh when
 * the keys differ from the last ones (another block, another number of heads). When they are the
 * same (a new input, a training step) it repaints the heatmaps in place, one per task, so that no
 * single task on the main thread paints them all; and while the grid is off screen it only keeps
 * the items, and repaints when the grid comes into view. A newer update replaces the repaints an
 * older one has not done yet.
 */
import type {HeatmapElement, HeatmapOptions} from "./heatmap.js";
import {heatmap} from "./heatmap.js";
import {el, installStyles} from "./style.js";

export interface GridItem {
  key: string;
  title: string;
  matrix: {rows: number; cols: number; data: ArrayLike<number>};
  rowLabels?: readonly string[];
  colLabels?: readonly string[];
  /** Options for this heatmap only (scheme, domain, axis labels, …). */
  options?: Partial<HeatmapOptions>;
}

export interface HeatmapGridOptions {
  /** The width each heatmap may use. */
  itemWidth: number;
  /** Options every heatmap shares. */
  shared?: Partial<HeatmapOptions>;
  /** Shown when there are no items. */
  empty?: string;
  testid?: string;
}

export interface HeatmapGridElement extends HTMLElement {
  update(items: readonly GridItem[]): void;
}

const CSS = `
.rt-hgrid .rt-hgrid-items { display: flex; flex-wrap: wrap; gap: 0.4rem 1.4rem; align-items: flex-start; }
.rt-hgrid .rt-hgrid-items > figure { margin: 0; contain: layout style; }
`;

export function heatmapGrid(items: readonly GridItem[], {itemWidth, shared = {}, empty = "Nothing to show yet.", testid}: HeatmapGridOptions): HeatmapGridElement {
  const root = el("div", "rt-view rt-hgrid") as HTMLElement as HeatmapGridElement;
  if (testid) root.dataset.testid = testid;
  const box = el("div", "rt-hgrid-items");
  const none = el("p", "rt-note", empty);
  installStyles(CSS);
  root.append(none, box);
  let keys = "";
  let maps: HeatmapElement[] = [];
  let generation = 0;
  let visible = true;
  let pending: readonly GridItem[] | null = null;
  if (typeof IntersectionObserver === "function") {
    new IntersectionObserver((entries) => {
      visible = entries.some((e) => e.isIntersecting);
      if (visible && pending) root.update(pending);
    }, {rootMargin: "200px"}).observe(root);
  }

  const optionsOf = (it: GridItem): HeatmapOptions => ({
    ...shared,
    ...it.options,
    width: itemWidth,
    title: it.title,
    rowLabels: it.rowLabels,
    colLabels: it.colLabels,
    ...(testid ? {testid: `${testid}-${it.key}`} : {})
  });

  root.update = (next) => {
    const mine = ++generation;
    const nextKeys = JSON.stringify(next.map((it) => it.key));
    none.hidden = next.length > 0;
    if (nextKeys !== keys) {
      keys = nextKeys;
      pending = null;
      maps = next.map((it) => heatmap(it.matrix, optionsOf(it)));
      box.replaceChildren(...maps);
      return;
    }
    if (!visible) {
      pending = next;
      return;
    }
    pending = null;
    const paint = (i: number) => {
      if (mine !== generation || i >= next.length) return;
      maps[i].update(next[i].matrix, optionsOf(next[i]));
      setTimeout(() => paint(i + 1), 16);
    };
    paint(0);
  };
  root.update(items);
  return root;
}
