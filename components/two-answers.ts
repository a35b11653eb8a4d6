/**
 * Chapter 7's two answers per token, as a table that scrolls sideways on a phone: a row of tokens
 * (the key marked), then the model's answer to "which symbol came just before me?" and to "which
 * symbol is the key?". A wrong answer is marked ✗ with the right one under it, so the table reads
 * without colour. `update(data)` redraws in place.
 */
import {spokenToken, visibleToken} from "./format.js";
import {countRight} from "./multi-head-read.js";
import {el, installStyles} from "./style.js";

export interface TwoAnswers {
  tokens: readonly string[];
  /** Index of the key in tokens, or −1. */
  keyAt: number;
  /** Per token, the model's answer and the right one ("" where the question is not asked). */
  previous: readonly string[];
  previousTarget: readonly string[];
  key: readonly string[];
  keyTarget: readonly string[];
}

export interface TwoAnswersElement extends HTMLElement {
  update(data: TwoAnswers, patch?: {title?: string}): void;
}

const ANSWERS_CSS = `
.rt-answers .rt-scroll { overflow-x: auto; max-width: 100%; }
.rt-answers table { border-collapse: collapse; margin: 0; max-width: none; width: auto; font: 13px/1.25 var(--monospace, ui-monospace, monospace); }
.rt-answers th, .rt-answers td { border: 1px solid var(--theme-foreground-faintest, #e3e3e3); padding: 3px 6px; text-align: center; white-space: nowrap; min-width: 1.6em; }
.rt-answers th[scope="row"] { text-align: left; font: 600 12px var(--sans-serif, system-ui, sans-serif); position: sticky; left: 0; background: var(--theme-background, #fff); }
.rt-answers .rt-key { outline: 2px solid #111; outline-offset: -2px; font-weight: 700; }
.rt-answers .rt-wrong { background: rgb(230 97 1 / 0.18); color: #8a3700; }
.rt-answers .rt-right-answer { display: block; font-size: 11px; color: var(--theme-foreground-muted, #666); }
.rt-answers .rt-summary { margin: 0.35rem 0 0; font-size: 12.5px; }
`;

function cell(answer: string, target: string): HTMLElement {
  const td = el("td");
  if (target === "") return (td.textContent = "–"), td.setAttribute("aria-label", "not asked"), td;
  const ok = answer === target;
  td.append(el("span", undefined, `${visibleToken(answer)}${ok ? "" : " ✗"}`));
  if (!ok) {
    td.className = "rt-wrong";
    td.append(el("span", "rt-right-answer", `(${visibleToken(target)})`));
  }
  td.setAttribute("aria-label", ok ? `${spokenToken(answer)}, right` : `${spokenToken(answer)}, wrong: the answer is ${spokenToken(target)}`);
  return td;
}

export function twoAnswers(data: TwoAnswers, {title, testid}: {title?: string; testid?: string} = {}): TwoAnswersElement {
  const root = el("figure", "rt-view rt-answers") as HTMLElement as TwoAnswersElement;
  if (testid) root.dataset.testid = testid;
  const caption = el("figcaption", "rt-title", title ?? "");
  caption.hidden = !title;
  const scroll = el("div", "rt-scroll");
  const summary = el("p", "rt-summary");
  summary.setAttribute("aria-live", "polite");
  installStyles(ANSWERS_CSS);
  root.append(caption, scroll, summary);

  root.update = (d, patch) => {
    if (patch?.title !== undefined) (caption.textContent = patch.title), (caption.hidden = !patch.title);
    const table = el("table");
    const head = el("tr");
    head.append(Object.assign(el("th", undefined, "token"), {scope: "row"}));
    d.tokens.forEach((t, i) => {
      const th = Object.assign(el("th", i === d.keyAt ? "rt-key" : undefined, visibleToken(t)), {scope: "col"});
      if (i === d.keyAt) th.title = "the key";
      head.append(th);
    });
    const row = (label: string, answers: readonly string[], targets: readonly string[]) => {
      const tr = el("tr");
      tr.append(Object.assign(el("th", undefined, label), {scope: "row"}));
      d.tokens.forEach((_, i) => tr.append(cell(answers[i] ?? "", targets[i] ?? "")));
      return tr;
    };
    table.append(head, row("came just before me", d.previous, d.previousTarget), row("the key is", d.key, d.keyTarget));
    scroll.replaceChildren(table);
    const p = countRight(d.previous, d.previousTarget), k = countRight(d.key, d.keyTarget);
    summary.textContent = `Previous symbol: ${p.right} of ${p.asked} right. Key: ${k.asked ? `${k.right} of ${k.asked} right` : "not asked (no key in the sentence)"}.`;
  };
  root.update(data);
  return root;
}
