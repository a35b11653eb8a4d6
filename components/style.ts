/**
 * Each view carries its own rules, scoped to its class, so it needs nothing in the page's CSS. The
 * rules go into the document's head once per document, when the first view that needs them is
 * built: a <style> element added to the page makes the browser restyle every element of it, so
 * views never add one per instance or per redraw.
 */

/** Rules every view shares: small print, the visually hidden text for screen readers, the tooltip. */
const BASE = `
.rt-view { font: 13px/1.35 var(--sans-serif, system-ui, sans-serif); color: var(--theme-foreground, #1b1e23); margin: 0 0 1rem; max-width: 100%; }
.rt-view .rt-title { font-weight: 600; font-size: 14px; margin: 0 0 0.3rem; }
.rt-view .rt-note { font-size: 12px; color: var(--theme-foreground-muted, #666); margin: 0.3rem 0 0; }
.rt-view .rt-note.rt-warn { color: #8a4b00; }
.rt-view .rt-sr { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
.rt-view .rt-tooltip { position: absolute; z-index: 2; pointer-events: none; background: var(--theme-background, #fff); border: 1px solid var(--theme-foreground-faint, #888); border-radius: 4px; padding: 4px 7px; font-size: 12px; line-height: 1.35; box-shadow: 0 2px 6px rgb(0 0 0 / 0.15); white-space: nowrap; font-variant-numeric: tabular-nums; }
.rt-view .rt-tooltip[hidden] { display: none; }
.rt-view svg text { fill: currentColor; }
.rt-view .rt-focusable:focus-visible { outline: 2px solid var(--theme-foreground-focus, #3b5fc0); outline-offset: 2px; }
`;

const installed = new WeakMap<Document, Set<string>>();

/** Puts the shared rules and a view's own rules into the document's head, each once. */
export function installStyles(css: string): void {
  let done = installed.get(document);
  if (!done) installed.set(document, (done = new Set()));
  for (const rules of [BASE, css]) {
    if (done.has(rules)) continue;
    done.add(rules);
    const style = document.createElement("style");
    style.textContent = rules;
    document.head.append(style);
  }
}

/** An element with a class and optional text. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** An SVG element with attributes. */
export function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

let counter = 0;
/** A document-unique id (for SVG patterns and aria references). */
export function uid(prefix: string): string {
  return `rt-${prefix}-${++counter}`;
}
