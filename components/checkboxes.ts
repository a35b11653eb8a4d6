/**
 * A group of labelled checkboxes for Framework's `view()` (e.g. "switch each head on or off"):
 * `value` is one boolean per option and "input" fires when the reader ticks or unticks one.
 * Each box has its own <label> and, with a testid, the data-testid `${testid}-${index}`.
 */
import {el, installStyles} from "./style.js";
import type {ValueElement} from "./controls.js";

export interface CheckboxesOptions {
  /** The group's label (its <legend>). */
  label: string;
  /** One label per box. */
  options: readonly string[];
  /** Ticked or not, per box (default: all ticked). */
  value?: readonly boolean[];
  /** A colour swatch before each label (e.g. the head's colour in the figures). */
  colors?: readonly string[];
  testid?: string;
}

const CHECKBOXES_CSS = `
.rt-checkboxes { border: 0; padding: 0; margin: 0 0 0.8rem; min-width: 0; }
.rt-checkboxes legend { font-weight: 500; padding: 0; margin-bottom: 0.25rem; }
.rt-checkboxes .rt-boxes { display: flex; flex-wrap: wrap; gap: 0.35rem 1rem; }
.rt-checkboxes label { display: inline-flex; align-items: center; gap: 0.35rem; min-height: 2rem; cursor: pointer; }
.rt-checkboxes input { width: 1.1rem; height: 1.1rem; margin: 0; accent-color: var(--theme-foreground-focus, #3b5fc0); }
.rt-checkboxes .rt-swatch { width: 0.8rem; height: 0.8rem; border-radius: 2px; flex: none; }
.rt-checkboxes :focus-visible { outline: 2px solid var(--theme-foreground-focus, #3b5fc0); outline-offset: 2px; }
`;

export function checkboxes({label, options, value, colors, testid}: CheckboxesOptions): ValueElement<boolean[]> {
  const root = el("fieldset", "rt-view rt-checkboxes") as HTMLElement as ValueElement<boolean[]>;
  if (testid) root.dataset.testid = testid;
  const boxes = el("div", "rt-boxes");
  const inputs = options.map((name, i) => {
    const input = Object.assign(el("input"), {type: "checkbox", checked: value?.[i] ?? true});
    if (testid) input.dataset.testid = `${testid}-${i}`;
    const lab = el("label");
    const swatch = colors?.[i] ? el("span", "rt-swatch") : null;
    if (swatch) (swatch.style.background = colors![i]), swatch.setAttribute("aria-hidden", "true");
    lab.append(input, ...(swatch ? [swatch] : []), el("span", undefined, name));
    boxes.append(lab);
    return input;
  });
  installStyles(CHECKBOXES_CSS);
  root.append(el("legend", undefined, label), boxes);
  // The inputs' own "input" events bubble up to the fieldset: that is the group's event.
  Object.defineProperty(root, "value", {
    get: () => inputs.map((i) => i.checked),
    set: (v: readonly boolean[]) => inputs.forEach((input, i) => (input.checked = v[i] ?? true))
  });
  return root;
}
