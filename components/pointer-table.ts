/**
 * The chapter-6 model's answers for one sentence: each token, the symbol it points to (its
 * predicted successor), the probability the model gives that answer, and whether it is right
 * (✓, or ✗ with the right answer), so it reads without colour. Tokens are made visible
 * (space → ␣). `update(rows)` redraws in place.
 */
import {formatNumber, spokenToken, visibleToken} from "./format.js";
import {el, installStyles} from "./style.js";

export interface PointerRows {
  tokens: readonly string[];
  predicted: readonly string[];
  confidence: readonly number[];
  target: readonly string[];
}

export interface PointerTableElement extends HTMLElement {
  update(rows: PointerRows, patch?: {title?: string}): void;
}

const CSS = `
.rt-pointers .rt-scroll { overflow-x: auto; max-width: 100%; }
.rt-pointers table { border-collapse: collapse; font-size: 12.5px; font-variant-numeric: tabular-nums; width: auto; max-width: none; margin: 0; }
.rt-pointers th, .rt-pointers td { padding: 1px 7px; border-bottom: 1px solid var(--theme-foreground-faintest, #e3e3e3); text-align: center; white-space: nowrap; }
.rt-pointers th { font-weight: 600; text-align: left; }
.rt-pointers td.rt-tok { font-family: var(--monospace, ui-monospace, monospace); font-size: 13px; }
.rt-pointers td.rt-wrong { background: rgb(179 71 0 / 0.12); }
`;

export function pointerTable(rows: PointerRows, {title, testid}: {title?: string; testid?: string} = {}): PointerTableElement {
  const root = el("figure", "rt-view rt-pointers") as HTMLElement as PointerTableElement;
  if (testid) root.dataset.testid = testid;
  const caption = el("figcaption", "rt-title");
  const scroll = el("div", "rt-scroll");
  const table = el("table");
  scroll.append(table);
  installStyles(CSS);
  root.append(caption, scroll);

  root.update = (r, patch) => {
    if (patch?.title !== undefined || title !== undefined) caption.textContent = patch?.title ?? title ?? "";
    caption.hidden = !caption.textContent;
    // One column per token, so a sentence reads left to right as typed.
    const line = (head: string, cells: (i: number) => HTMLTableCellElement) => {
      const tr = el("tr");
      tr.append(el("th", undefined, head), ...r.tokens.map((_, i) => cells(i)));
      return tr;
    };
    const tok = (s: string, cls = "rt-tok") => {
      const td = el("td", cls, visibleToken(s));
      td.title = spokenToken(s);
      return td;
    };
    const right = (i: number) => r.predicted[i] === r.target[i];
    table.replaceChildren(
      line("token", (i) => tok(r.tokens[i])),
      line("points to", (i) => tok(r.predicted[i], right(i) ? "rt-tok" : "rt-tok rt-wrong")),
      line("probability", (i) => el("td", undefined, formatNumber(r.confidence[i], 2))),
      line("right?", (i) => el("td", right(i) ? undefined : "rt-wrong", right(i) ? "✓" : `✗ ${visibleToken(r.target[i])}`))
    );
    const wrong = r.tokens.filter((_, i) => !right(i)).length;
    table.setAttribute("aria-label", `${r.tokens.length} tokens; ${wrong === 0 ? "every pointer is right" : `${wrong} pointer${wrong === 1 ? " is" : "s are"} wrong`}. ${r.tokens.map((t, i) => `${spokenToken(t)} points to ${spokenToken(r.predicted[i])}${right(i) ? "" : `, should be ${spokenToken(r.target[i])}`}`).join("; ")}.`);
  };
  root.update(rows);
  return root;
}
