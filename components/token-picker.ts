/**
 * A row of tokens to choose one from (e.g. the position the stepper follows), for Framework's
 * `view()`: a radio group whose `value` is the chosen index; "input" fires when the reader picks
 * one (click, or ← → Home End while it has focus). `update(tokens)` swaps the tokens and keeps the
 * index, moved to the last token if the row got shorter. Spaces and control tokens are made visible.
 */
import {spokenToken, visibleToken} from "./format.js";
import {el, installStyles, uid} from "./style.js";

export interface TokenPickerOptions {
  label: string;
  value?: number;
  /** How a token is shown (default: visibleToken). */
  format?: (token: string) => string;
  testid?: string;
}

export interface TokenPickerElement extends HTMLElement {
  value: number;
  update(tokens: readonly string[]): void;
}

const CSS = `
.rt-picker .rt-picker-row { display: flex; flex-wrap: wrap; gap: 3px; margin-top: 0.25rem; }
.rt-picker button { font: 13px var(--monospace, ui-monospace, monospace); min-width: 1.9rem; min-height: 1.9rem; padding: 0 0.35rem; border: 1px solid var(--theme-foreground-faint, #aaa); border-radius: 4px; background: var(--theme-background, #fff); color: inherit; cursor: pointer; }
.rt-picker button[aria-checked="true"] { border: 2px solid #b34700; background: rgb(230 97 1 / 0.12); font-weight: 700; }
.rt-picker button:focus-visible { outline: 2px solid var(--theme-foreground-focus, #3b5fc0); outline-offset: 1px; }
.rt-picker .rt-picker-label { font-size: 13px; }
`;

export function tokenPicker(tokens: readonly string[], {label, value = 0, format = visibleToken, testid}: TokenPickerOptions): TokenPickerElement {
  const root = el("div", "rt-view rt-picker") as HTMLElement as TokenPickerElement;
  if (testid) root.dataset.testid = testid;
  const id = uid("picker");
  const lab = el("div", "rt-picker-label", label);
  lab.id = id;
  const row = el("div", "rt-picker-row");
  row.setAttribute("role", "radiogroup");
  row.setAttribute("aria-labelledby", id);
  installStyles(CSS);
  root.append(lab, row);
  let list = tokens;
  let current = Math.max(0, Math.min(list.length - 1, value));

  function paint(): void {
    row.querySelectorAll("button").forEach((b, i) => {
      b.setAttribute("aria-checked", String(i === current));
      b.tabIndex = i === current ? 0 : -1;
    });
  }

  function pick(i: number, focus: boolean): void {
    const j = Math.max(0, Math.min(list.length - 1, i));
    const changed = j !== current;
    current = j;
    paint();
    if (focus) (row.children[j] as HTMLElement | undefined)?.focus();
    if (changed) root.dispatchEvent(new Event("input", {bubbles: true}));
  }

  function build(): void {
    row.replaceChildren(
      ...list.map((t, i) => {
        const b = el("button", undefined, format(t));
        b.type = "button";
        b.setAttribute("role", "radio");
        b.setAttribute("aria-label", `position ${i}: ${spokenToken(t)}`);
        b.addEventListener("click", () => pick(i, false));
        return b;
      })
    );
    paint();
  }

  row.addEventListener("keydown", (e) => {
    const to: Record<string, number> = {ArrowLeft: current - 1, ArrowUp: current - 1, ArrowRight: current + 1, ArrowDown: current + 1, Home: 0, End: list.length - 1};
    if (!(e.key in to)) return;
    e.preventDefault();
    pick(to[e.key], true);
  });

  Object.defineProperty(root, "value", {
    get: () => current,
    set: (i: number) => {
      current = Math.max(0, Math.min(list.length - 1, Math.round(i)));
      paint();
    }
  });
  root.update = (next) => {
    const same = next.length === list.length && next.every((t, i) => t === list[i]);
    list = next;
    const clamped = Math.max(0, Math.min(list.length - 1, current));
    if (!same) build();
    if (clamped !== current) pick(clamped, false);
  };
  build();
  return root;
}
