/**
 * The frame every chart shares: a <figure> holding a caption, a legend list, a focusable plot (read
 * by screen readers as a chart, with a tooltip the arrow keys move), a note for values that could
 * not be drawn, and the tooltip's live region. A chart puts its SVG into `plot` before the tooltip
 * (`plot.prepend(svg)`) and fills the rest. An empty caption or note takes no room.
 */
import {el, installStyles} from "./style.js";
import {tooltip, type Tooltip} from "./tooltip.js";

export interface ChartFrame {
  root: HTMLElement;
  caption: HTMLElement;
  legend: HTMLUListElement;
  plot: HTMLDivElement;
  tip: Tooltip;
  note: HTMLParagraphElement;
}

const CSS = `
.rt-chart svg { display: block; overflow: visible; }
.rt-chart > figcaption:empty, .rt-chart > .rt-note:empty { display: none; }
.rt-chart .rt-legend-items { display: flex; flex-wrap: wrap; gap: 0.2rem 1rem; margin: 0 0 0.2rem; padding: 0; list-style: none; font-size: 12px; }
.rt-chart .rt-legend-items li { display: flex; align-items: center; gap: 0.35rem; }
.rt-chart .rt-grid line { stroke: currentColor; stroke-opacity: 0.08; }
.rt-chart .rt-axis .domain { stroke: currentColor; stroke-opacity: 0.4; }
`;

/** A chart's frame; `className` scopes the chart's own rules, `kind` is what screen readers hear. */
export function chartFrame(className: string, {testid, kind = "chart"}: {testid?: string; kind?: string} = {}): ChartFrame {
  const root = el("figure", `rt-view rt-chart ${className}`);
  if (testid) root.dataset.testid = testid;
  const caption = el("figcaption", "rt-title");
  const legend = el("ul", "rt-legend-items");
  const plot = el("div", "rt-plot rt-focusable");
  plot.tabIndex = 0;
  plot.setAttribute("role", "group");
  plot.setAttribute("aria-roledescription", kind);
  const tip = tooltip(plot);
  plot.setAttribute("aria-describedby", tip.element.id);
  plot.append(tip.element);
  const note = el("p", "rt-note rt-warn");
  installStyles(CSS);
  root.append(caption, legend, plot, note, tip.live);
  return {root, caption, legend, plot, tip, note};
}
