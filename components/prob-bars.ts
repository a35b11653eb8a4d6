/**
 * A probability distribution's largest entries as horizontal bars, one per token: the token (made
 * visible: space → ␣, newline → ↵), a bar of length p and the value in percent. One bar may be
 * marked (e.g. the character that does come next). `update(bars)` redraws in place.
 */
import {formatNumber, spokenToken, visibleToken} from "./format.js";
import {el, installStyles, svgEl} from "./style.js";

export interface Bar {
  /** The token, as it appears in the text. */
  label: string;
  /** A probability in [0, 1]. */
  value: number;
  /** Outline this bar (and say why in `markLabel`). */
  marked?: boolean;
}

export interface ProbBarsOptions {
  width?: number;
  title?: string;
  /** Words after a marked bar's value, e.g. "comes next". */
  markLabel?: string;
  testid?: string;
}

export interface ProbBarsElement extends HTMLElement {
  update(bars: readonly Bar[], patch?: {title?: string}): void;
}

const BARS_CSS = `
.rt-bars svg { display: block; overflow: visible; }
.rt-bars .rt-token { font: 13px var(--monospace, ui-monospace, monospace); }
`;

const ROW = 20, LABEL_W = 40, VALUE_W = 132;

function percent(p: number): string {
  if (!Number.isFinite(p)) return "—";
  return p >= 0.001 ? `${formatNumber(100 * p, 3)}%` : `${formatNumber(p, 2)}`;
}

export function probBars(bars: readonly Bar[], {width = 320, title, markLabel = "marked", testid}: ProbBarsOptions = {}): ProbBarsElement {
  const root = el("figure", "rt-view rt-bars") as HTMLElement as ProbBarsElement;
  if (testid) root.dataset.testid = testid;
  const caption = el("figcaption", "rt-title", title ?? "");
  caption.hidden = !title;
  const svg = svgEl("svg", {width});
  svg.setAttribute("role", "img");
  installStyles(BARS_CSS);
  root.append(caption, svg);
  const barW = Math.max(40, width - LABEL_W - VALUE_W);

  root.update = (next, patch) => {
    if (patch?.title !== undefined) (caption.textContent = patch.title), (caption.hidden = !patch.title);
    svg.setAttribute("height", String(Math.max(ROW, next.length * ROW)));
    const rows: Element[] = [];
    next.forEach((b, i) => {
      const y = i * ROW;
      const p = Number.isFinite(b.value) ? Math.max(0, Math.min(1, b.value)) : 0;
      const token = svgEl("text", {x: LABEL_W - 8, y: y + 14, "text-anchor": "end", class: "rt-token"});
      token.textContent = visibleToken(b.label);
      const track = svgEl("rect", {x: LABEL_W, y: y + 3, width: barW, height: ROW - 6, fill: "currentColor", "fill-opacity": 0.06});
      const bar = svgEl("rect", {x: LABEL_W, y: y + 3, width: Math.max(0.5, p * barW), height: ROW - 6, fill: b.marked ? "#b34700" : "#3b5fc0"});
      if (b.marked) bar.setAttribute("stroke", "#111");
      const value = svgEl("text", {x: LABEL_W + barW + 6, y: y + 14, "font-size": 12});
      value.textContent = `${percent(b.value)}${b.marked ? ` ← ${markLabel}` : ""}`;
      rows.push(token, track, bar, value);
    });
    svg.replaceChildren(...rows);
    svg.setAttribute("aria-label", `${caption.textContent || "Probabilities"}: ${next.map((b) => `${spokenToken(b.label)} ${percent(b.value)}${b.marked ? `, ${markLabel}` : ""}`).join("; ")}`);
  };
  root.update(bars);
  return root;
}
