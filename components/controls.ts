/**
 * Accessible controls for Framework's `view()`: each is an element with a `value` that dispatches
 * "input" when the reader changes it (setting `value` from code does not). Every control has a
 * visible <label>; the slider shows its formatted value live and may move on a log scale.
 */
import {formatNumber} from "./format.js";
import {el, installStyles, uid} from "./style.js";

export interface ValueElement<T> extends HTMLElement {
  value: T;
}

const CONTROLS_CSS = `
.rt-control { margin: 0 0 0.8rem; max-width: min(100%, 640px); }
.rt-control .rt-row { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
.rt-control label, .rt-control .rt-label { display: flex; justify-content: space-between; gap: 0.5rem; font-weight: 500; margin-bottom: 0.2rem; }
.rt-control output { font-variant-numeric: tabular-nums; font-weight: 600; }
.rt-control input[type="range"] { width: 100%; max-width: 100%; margin: 0; min-height: 1.75rem; accent-color: var(--theme-foreground-focus, #3b5fc0); }
.rt-control .rt-ends { display: flex; justify-content: space-between; font-size: 11px; color: var(--theme-foreground-muted, #666); }
.rt-control select, .rt-control textarea, .rt-control input[type="text"] { font: inherit; max-width: 100%; box-sizing: border-box; padding: 0.3rem 0.4rem; border: 1px solid var(--theme-foreground-faint, #888); border-radius: 4px; background: var(--theme-background, #fff); color: inherit; }
.rt-control textarea { width: 100%; }
.rt-control textarea { font-family: var(--monospace, ui-monospace, monospace); resize: vertical; }
.rt-control [aria-invalid="true"] { border-color: #b34700; outline-color: #b34700; }
.rt-control .rt-message { font-size: 12px; min-height: 1.2em; color: #8a3700; margin-top: 0.15rem; }
.rt-control .rt-counter { font-size: 12px; color: var(--theme-foreground-muted, #666); font-weight: 400; font-variant-numeric: tabular-nums; }
.rt-buttons { display: flex; flex-wrap: wrap; gap: 0.5rem; }
.rt-buttons button { font: inherit; padding: 0.35rem 0.9rem; min-height: 2.25rem; border-radius: 4px; border: 1px solid var(--theme-foreground-faint, #888); background: var(--theme-background, #fff); color: inherit; cursor: pointer; }
.rt-buttons button.rt-primary { background: var(--theme-foreground-focus, #3b5fc0); border-color: var(--theme-foreground-focus, #3b5fc0); color: #fff; }
.rt-buttons button:disabled { opacity: 0.45; cursor: default; }
.rt-control :focus-visible, .rt-buttons :focus-visible { outline: 2px solid var(--theme-foreground-focus, #3b5fc0); outline-offset: 2px; }
`;

function wrapper<T>(className: string, testid?: string): ValueElement<T> {
  const root = el("div", `rt-view rt-control ${className}`) as HTMLElement as ValueElement<T>;
  if (testid) root.dataset.testid = testid;
  installStyles(CONTROLS_CSS);
  return root;
}

export interface SliderOptions {
  label: string;
  min: number;
  max: number;
  /** The step (in log₁₀ units on a log scale; default: 1/200 of the range). */
  step?: number;
  value?: number;
  /** Move on a logarithmic scale (min > 0). */
  log?: boolean;
  format?: (v: number) => string;
  /**
   * Values the slider lands on exactly when the reader moves within half a step of them (default:
   * the starting value), so that a default off the step grid can be found again.
   */
  snap?: readonly number[];
  testid?: string;
}

export function slider({label, min, max, step, value = min, log = false, format = formatNumber, snap = [value], testid}: SliderOptions): ValueElement<number> {
  if (log && !(min > 0)) throw new Error("slider: a log scale needs min > 0");
  const root = wrapper<number>("rt-slider", testid);
  const id = uid("slider");
  const toPos = (v: number) => (log ? Math.log10(v) : v);
  const fromPos = (p: number) => (log ? Number((10 ** p).toPrecision(4)) : p);
  const input = el("input");
  const stepSize = step ?? (toPos(max) - toPos(min)) / 200;
  Object.assign(input, {type: "range", id, min: String(toPos(min)), max: String(toPos(max)), step: String(stepSize)});
  const read = (p: number) => snap.find((v) => Math.abs(toPos(v) - p) < stepSize / 2) ?? fromPos(p);
  const out = el("output");
  out.htmlFor.add(id);
  const lab = el("label");
  lab.htmlFor = id;
  lab.append(el("span", undefined, label), out);
  const ends = el("div", "rt-ends");
  ends.setAttribute("aria-hidden", "true");
  ends.append(el("span", undefined, format(min)), el("span", undefined, format(max)));
  root.append(lab, input, ends);
  let current = value;
  const show = () => {
    out.value = format(current);
    input.setAttribute("aria-valuetext", format(current));
  };
  input.addEventListener("input", () => {
    current = read(input.valueAsNumber);
    show();
  });
  Object.defineProperty(root, "value", {
    get: () => current,
    set: (v: number) => {
      current = Math.max(min, Math.min(max, v));
      input.value = String(toPos(current));
      show();
    }
  });
  root.value = value;
  return root;
}

export interface SelectOptions<T> {
  label: string;
  options: readonly T[];
  value?: T;
  format?: (option: T) => string;
  testid?: string;
}

export function select<T>({label, options, value, format = String, testid}: SelectOptions<T>): ValueElement<T> {
  const root = wrapper<T>("rt-select", testid);
  const id = uid("select");
  const lab = el("label", undefined, label);
  lab.htmlFor = id;
  const sel = el("select");
  sel.id = id;
  options.forEach((o, i) => sel.append(Object.assign(el("option", undefined, format(o)), {value: String(i)})));
  root.append(lab, sel);
  Object.defineProperty(root, "value", {
    get: () => options[sel.selectedIndex],
    set: (v: T) => {
      const i = options.indexOf(v);
      if (i >= 0) sel.selectedIndex = i;
    }
  });
  if (value !== undefined) root.value = value;
  return root;
}

export interface TextOptions {
  label: string;
  value?: string;
  /** The most characters allowed (enforced by the browser, counted on screen). */
  maxLength: number;
  multiline?: boolean;
  rows?: number;
  placeholder?: string;
  /** A message when the text cannot be used, or null when it can. */
  validate?: (text: string) => string | null;
  /** With a label, the text is used only when this button is pressed (for expensive updates). */
  submitLabel?: string;
  testid?: string;
}

export function textInput({label, value = "", maxLength, multiline = false, rows = 4, placeholder, validate, submitLabel, testid}: TextOptions): ValueElement<string> {
  const root = wrapper<string>("rt-text", testid);
  const id = uid("text");
  const field = multiline ? el("textarea") : Object.assign(el("input"), {type: "text"});
  Object.assign(field, {id, maxLength, value, placeholder: placeholder ?? ""});
  if (field instanceof HTMLTextAreaElement) field.rows = rows;
  const counter = el("span", "rt-counter");
  const lab = el("label", undefined, label);
  lab.htmlFor = id;
  const message = el("div", "rt-message");
  message.id = uid("msg");
  message.setAttribute("aria-live", "polite");
  if (!multiline) field.style.width = `${Math.min(48, maxLength + 4)}ch`;
  counter.id = uid("count");
  field.setAttribute("aria-describedby", `${message.id} ${counter.id}`);
  let current = value;
  const button = submitLabel ? Object.assign(el("button", undefined, submitLabel), {type: "button"}) : null;
  const row = el("div", button ? "rt-row rt-buttons" : "rt-row");
  row.append(field, ...(button ? [button] : []), counter);
  root.append(lab, row, message);
  const check = (): boolean => {
    const text = field.value;
    counter.textContent = `${text.length} / ${maxLength} characters`;
    const error = validate?.(text) ?? null;
    message.textContent = error ?? "";
    field.setAttribute("aria-invalid", String(error !== null));
    if (button) button.disabled = error !== null;
    return error === null;
  };
  field.addEventListener("input", (e) => {
    const ok = check();
    if (!ok || button) e.stopPropagation();
    else current = field.value;
  });
  button?.addEventListener("click", () => {
    if (!check()) return;
    current = field.value;
    root.dispatchEvent(new Event("input", {bubbles: true}));
  });
  Object.defineProperty(root, "value", {
    get: () => current,
    set: (v: string) => {
      field.value = current = v.slice(0, maxLength);
      check();
    }
  });
  check();
  return root;
}

export interface ButtonSpec {
  key: string;
  label: string;
  onClick?: () => void;
  primary?: boolean;
  disabled?: boolean;
  testid?: string;
}

export interface ButtonRowElement extends ValueElement<string | null> {
  /** The buttons by key, so a page can relabel or disable them as its state changes. */
  buttons: Record<string, HTMLButtonElement>;
}

export function buttonRow(specs: readonly ButtonSpec[], {label = "Actions", testid}: {label?: string; testid?: string} = {}): ButtonRowElement {
  const root = el("div", "rt-view rt-buttons") as HTMLElement as ButtonRowElement;
  root.setAttribute("role", "group");
  root.setAttribute("aria-label", label);
  if (testid) root.dataset.testid = testid;
  installStyles(CONTROLS_CSS);
  root.buttons = {};
  root.value = null;
  for (const spec of specs) {
    const b = Object.assign(el("button", spec.primary ? "rt-primary" : undefined, spec.label), {type: "button", disabled: !!spec.disabled});
    if (spec.testid) b.dataset.testid = spec.testid;
    b.addEventListener("click", () => {
      root.value = spec.key;
      spec.onClick?.();
      root.dispatchEvent(new Event("input", {bubbles: true}));
    });
    root.buttons[spec.key] = b;
    root.append(b);
  }
  return root;
}
