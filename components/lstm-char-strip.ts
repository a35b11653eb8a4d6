/**
 * A text as a row of characters the reader can point at: hovering (or moving with ← and →) reports
 * the character's index, clicking (or Enter) chooses it. Each character may be tinted by a value
 * (e.g. one unit's c(t)), so a text can be read the way Karpathy, Johnson & Fei-Fei (2015) read
 * their LSTM cells. Characters run left to right in the order the model reads them, whatever their
 * script (each is isolated from bidirectional reordering); spaces and newlines are made visible.
 */
import * as d3 from "d3";
import type {Scheme} from "./color-scale.js";
import {colorScale} from "./color-scale.js";
import {formatNumber, spokenToken, visibleToken} from "./format.js";
import {el, installStyles} from "./style.js";

export interface CharStripOptions {
  /** One value per character to tint it by (none: no tint). */
  values?: ArrayLike<number> | null;
  scheme?: Scheme;
  domain?: [number, number];
  /** What the tint means, for the tooltip and screen readers, e.g. "unit 12 of c(t)". */
  valueLabel?: string;
  /** The character outlined as chosen (0-based), or null. */
  selected?: number | null;
  onHover?: (index: number | null) => void;
  onClick?: (index: number) => void;
  /** The strip's name for screen readers. */
  label?: string;
  testid?: string;
}

export interface CharStripElement extends HTMLElement {
  /** Redraws with new characters and/or options. */
  update(chars: readonly string[], patch?: Partial<CharStripOptions>): void;
}

const STRIP_CSS = `
.rt-strip { display: flex; flex-wrap: wrap; gap: 1px; padding: 4px; border: 1px solid var(--theme-foreground-faintest, #e3e3e3); border-radius: 4px; font: 15px/1.5 var(--monospace, ui-monospace, monospace); direction: ltr; }
.rt-strip .rt-ch { display: inline-block; min-width: 0.75em; padding: 0 1px; text-align: center; border-radius: 2px; cursor: pointer; unicode-bidi: isolate; white-space: pre; outline: 1px solid transparent; }
.rt-strip .rt-ch.rt-ws { color: var(--theme-foreground-muted, #888); }
.rt-strip .rt-ch.rt-hover { outline: 2px solid #111; }
.rt-strip .rt-ch.rt-chosen { outline: 2px solid #b34700; outline-offset: 1px; }
`;

function ink(background: string): string {
  const c = d3.rgb(background);
  return (0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b) / 255 > 0.5 ? "#111" : "#fff";
}

export function charStrip(chars: readonly string[], options: CharStripOptions = {}): CharStripElement {
  const root = el("div", "rt-view rt-char-strip") as HTMLElement as CharStripElement;
  if (options.testid) root.dataset.testid = options.testid;
  const strip = el("div", "rt-strip rt-focusable");
  strip.tabIndex = 0;
  strip.setAttribute("role", "group");
  const live = el("div", "rt-sr");
  live.setAttribute("aria-live", "polite");
  installStyles(STRIP_CSS);
  root.append(strip, live);
  let text = chars;
  let opts = options;
  let spans: HTMLSpanElement[] = [];
  let cursor: number | null = null;

  function describe(i: number): string {
    const v = opts.values?.[i];
    return `character ${i + 1} of ${text.length}: ${spokenToken(text[i])}${v !== undefined ? `, ${opts.valueLabel ?? "value"} ${formatNumber(v)}` : ""}`;
  }

  function draw(): void {
    const values = opts.values && opts.values.length === text.length ? opts.values : null;
    const scale = values ? colorScale(values, {scheme: opts.scheme, domain: opts.domain}) : null;
    spans = text.map((ch, i) => {
      const s = el("span", "rt-ch", visibleToken(ch));
      s.dataset.index = String(i);
      if (ch === " " || ch === "\n" || ch === "\t") s.classList.add("rt-ws");
      if (scale && values) {
        const bg = scale.color(values[i]);
        s.style.background = bg;
        s.style.color = ink(bg);
      }
      s.title = describe(i);
      if (i === opts.selected) s.classList.add("rt-chosen");
      return s;
    });
    strip.replaceChildren(...spans);
    strip.setAttribute("aria-label", `${opts.label ?? "Text"}: ${text.length} characters. Arrow keys move along it${opts.onClick ? ", Enter chooses a character" : ""}.`);
    if (cursor !== null && cursor >= text.length) cursor = null;
    if (cursor !== null) spans[cursor].classList.add("rt-hover");
  }

  function hover(i: number | null, announce: boolean): void {
    if (i === cursor) return;
    if (cursor !== null) spans[cursor]?.classList.remove("rt-hover");
    cursor = i;
    if (cursor !== null) {
      spans[cursor]?.classList.add("rt-hover");
      if (announce) live.textContent = describe(cursor);
    }
    opts.onHover?.(cursor);
  }

  const indexOf = (e: Event): number | null => {
    const t = (e.target as Element | null)?.closest?.(".rt-ch") as HTMLElement | null;
    return t ? Number(t.dataset.index) : null;
  };
  strip.addEventListener("pointerover", (e) => {
    const i = indexOf(e);
    if (i !== null) hover(i, false);
  });
  strip.addEventListener("pointerleave", () => hover(null, false));
  strip.addEventListener("click", (e) => {
    const i = indexOf(e);
    if (i !== null) opts.onClick?.(i);
  });
  strip.addEventListener("keydown", (e) => {
    if (!text.length) return;
    const c = cursor ?? -1;
    const to: Record<string, number> = {ArrowLeft: c - 1, ArrowRight: c + 1, Home: 0, End: text.length - 1};
    if (e.key in to) hover(Math.max(0, Math.min(text.length - 1, to[e.key])), true);
    else if ((e.key === "Enter" || e.key === " ") && cursor !== null) opts.onClick?.(cursor);
    else if (e.key === "Escape") hover(null, true);
    else return;
    e.preventDefault();
  });

  root.update = (next, patch) => {
    const sameText = next.length === text.length && next.every((ch, i) => ch === text[i]);
    const previous = opts;
    if (patch) opts = {...opts, ...patch};
    text = next;
    // The same characters with no tint to change: move the outline only, keep the spans.
    if (sameText && spans.length === text.length && !opts.values && !previous.values) {
      if (previous.selected != null) spans[previous.selected]?.classList.remove("rt-chosen");
      if (opts.selected != null) spans[opts.selected]?.classList.add("rt-chosen");
      return;
    }
    draw();
  };
  draw();
  return root;
}
