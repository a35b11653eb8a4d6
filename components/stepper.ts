/**
 * The equation stepper: an equation whose terms are marked \htmlClass{step-k}{…}, Prev/Next buttons,
 * the list of steps, and a panel with the current step's actual numbers. The current term is
 * coloured and underlined (so it reads without colour too); ← and → step when the stepper has focus;
 * each step is announced to screen readers. `value` is the step index and "input" fires when the
 * reader moves, so `view(stepper(…))` works; `update(steps)` swaps in new numbers, keeping the step.
 */
import type {PanelItem, PanelOptions} from "./number-panel.js";
import {PANEL_CSS, numberPanel} from "./number-panel.js";
import {el, installStyles, uid} from "./style.js";
import {tex} from "./tex.js";

export interface Step {
  /** What this step computes, in words (also announced). */
  label: string;
  /** The \htmlClass name(s) of the term(s) to highlight, e.g. "step-2". */
  term: string | readonly string[];
  /** The numbers to show for this step (a function is called when the step is shown). */
  numbers?: PanelItem[] | (() => PanelItem[]);
  /**
   * A figure shown under the numbers, called when the step is shown: e.g. a heatmap the page keeps
   * and updates to this step's matrix (the same element may serve every step).
   */
  figure?: () => Node | null;
}

export interface StepperData {
  /** TeX, display style, with terms wrapped in \htmlClass{step-k}{…}. */
  equation: string;
  steps: Step[];
}

export interface StepperOptions extends PanelOptions {
  width?: number;
  title?: string;
  /** The step shown first (default 0). */
  initial?: number;
  testid?: string;
}

export interface StepperElement extends HTMLElement {
  value: number;
  /** New steps (e.g. new numbers after training), keeping the current step; optionally a new equation. */
  update(steps: Step[], equation?: string): void;
}

const STEPPER_CSS = `
.rt-stepper { border: 1px solid var(--theme-foreground-faintest, #e3e3e3); border-radius: 6px; padding: 0.6rem 0.8rem 0.8rem; }
.rt-stepper .rt-eq { padding: 0.1rem 0.2rem; border-radius: 4px; }
.rt-stepper .rt-eq .katex-display { margin: 0.4rem 0; padding: 0.3rem 0; }
.rt-stepper .rt-eq [class*="step-"] { transition: color 0.15s; }
.rt-stepper .rt-eq .rt-current { color: #b34700; background: rgb(230 97 1 / 0.12); border-bottom: 2.5px solid #b34700; border-radius: 2px; display: inline-block; }
.rt-stepper .rt-nav { display: flex; align-items: center; gap: 0.5rem; margin: 0.2rem 0 0.6rem; flex-wrap: wrap; }
.rt-stepper button { font: inherit; padding: 0.3rem 0.8rem; border-radius: 4px; border: 1px solid var(--theme-foreground-faint, #888); background: var(--theme-background, #fff); color: inherit; cursor: pointer; min-height: 2rem; }
.rt-stepper button:disabled { opacity: 0.45; cursor: default; }
.rt-stepper button:focus-visible { outline: 2px solid var(--theme-foreground-focus, #3b5fc0); outline-offset: 1px; }
.rt-stepper .rt-count { color: var(--theme-foreground-muted, #666); font-variant-numeric: tabular-nums; }
.rt-stepper .rt-body { display: grid; gap: 0.8rem; grid-template-columns: minmax(150px, 230px) minmax(0, 1fr); }
.rt-stepper.rt-narrow .rt-body { grid-template-columns: minmax(0, 1fr); }
.rt-stepper.rt-narrow .rt-eq .katex { font-size: 1em; }
.rt-stepper ol { margin: 0; padding: 0; list-style: none; counter-reset: step; }
.rt-stepper ol button { width: 100%; text-align: left; border-color: transparent; background: none; padding: 0.25rem 0.4rem; min-height: 0; }
.rt-stepper ol button[aria-current="step"] { border-color: #b34700; background: rgb(230 97 1 / 0.08); font-weight: 600; }
.rt-stepper.rt-narrow ol { display: flex; flex-wrap: wrap; gap: 0.25rem; }
.rt-stepper.rt-narrow ol button { width: auto; border-color: var(--theme-foreground-faintest, #ddd); }
.rt-stepper .rt-panel-title { font-weight: 600; margin: 0 0 0.4rem; }
` + PANEL_CSS;

export function stepper({equation, steps}: StepperData, options: StepperOptions = {}): StepperElement {
  const {width = 640, title} = options;
  const root = el("figure", "rt-view rt-stepper") as HTMLElement as StepperElement;
  if (options.testid) root.dataset.testid = options.testid;
  if (width < 560) root.classList.add("rt-narrow");
  let current = Math.max(0, Math.min(steps.length - 1, options.initial ?? 0));
  let list = steps;

  const eq = el("div", "rt-eq rt-focusable");
  eq.tabIndex = 0;
  eq.setAttribute("role", "group");
  eq.setAttribute("aria-roledescription", "equation stepper");
  const prev = el("button", undefined, "← Prev");
  const next = el("button", undefined, "Next →");
  prev.type = next.type = "button";
  prev.setAttribute("aria-label", "Previous step");
  next.setAttribute("aria-label", "Next step");
  const count = el("span", "rt-count");
  const nav = el("div", "rt-nav");
  nav.append(prev, next, count);
  const ol = el("ol");
  ol.setAttribute("aria-label", "Steps");
  const panelTitle = el("p", "rt-panel-title");
  panelTitle.id = uid("step");
  const panelBody = el("div");
  const panel = el("section", "rt-panel-box");
  panel.setAttribute("aria-labelledby", panelTitle.id);
  panel.append(panelTitle, panelBody);
  const body = el("div", "rt-body");
  body.append(ol, panel);
  const live = el("div", "rt-sr");
  live.setAttribute("aria-live", "polite");
  installStyles(STEPPER_CSS);
  root.append(...(title ? [el("figcaption", "rt-title", title)] : []), eq, nav, body, live);

  function setEquation(source: string): void {
    eq.replaceChildren(tex.block(source));
  }

  function terms(step: Step | undefined): string[] {
    return step ? (typeof step.term === "string" ? [step.term] : [...step.term]) : [];
  }

  function render(announce: boolean): void {
    const step = list[current];
    for (const span of eq.querySelectorAll(".rt-current")) span.classList.remove("rt-current");
    for (const name of terms(step)) for (const span of eq.querySelectorAll(`.${CSS.escape(name)}`)) span.classList.add("rt-current");
    prev.disabled = current <= 0;
    next.disabled = current >= list.length - 1;
    count.textContent = list.length ? `Step ${current + 1} of ${list.length}` : "No steps";
    ol.querySelectorAll("button").forEach((b, i) => (i === current ? b.setAttribute("aria-current", "step") : b.removeAttribute("aria-current")));
    panelTitle.textContent = step ? step.label : "";
    let items: PanelItem[] = [];
    try {
      items = typeof step?.numbers === "function" ? step.numbers() : step?.numbers ?? [];
      const figure = step?.figure?.() ?? null;
      panelBody.replaceChildren(items.length ? numberPanel(items, options) : el("p", "rt-note", "No numbers for this step yet."), ...(figure ? [figure] : []));
    } catch (e) {
      panelBody.replaceChildren(el("p", "rt-note rt-warn", `These numbers could not be computed: ${e instanceof Error ? e.message : String(e)}`));
    }
    if (announce && step) live.textContent = `Step ${current + 1} of ${list.length}: ${step.label}`;
  }

  function listSteps(): void {
    ol.replaceChildren(
      ...list.map((s, i) => {
        const li = el("li");
        const b = el("button", undefined, `${i + 1}. ${s.label}`);
        b.type = "button";
        b.addEventListener("click", () => go(i));
        li.append(b);
        return li;
      })
    );
  }

  function go(i: number): void {
    const j = Math.max(0, Math.min(list.length - 1, i));
    if (j === current) return;
    current = j;
    render(true);
    root.dispatchEvent(new Event("input", {bubbles: true}));
  }

  prev.addEventListener("click", () => go(current - 1));
  next.addEventListener("click", () => go(current + 1));
  root.addEventListener("keydown", (e) => {
    const to: Record<string, number> = {ArrowLeft: current - 1, ArrowRight: current + 1, Home: 0, End: list.length - 1};
    // A key a figure inside the panel has used (a heatmap's arrow keys) does not also step.
    if (!(e.key in to) || e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
    e.preventDefault();
    go(to[e.key]);
  });

  Object.defineProperty(root, "value", {
    get: () => current,
    set: (i: number) => {
      current = Math.max(0, Math.min(list.length - 1, Math.round(i)));
      render(false);
    }
  });
  root.update = (nextSteps, nextEquation) => {
    list = nextSteps;
    if (nextEquation !== undefined) setEquation(nextEquation);
    current = Math.max(0, Math.min(list.length - 1, current));
    listSteps();
    render(false);
  };

  setEquation(equation);
  listSteps();
  render(false);
  return root;
}
