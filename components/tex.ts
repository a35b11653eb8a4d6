/**
 * TeX typeset by KaTeX in the page, with KaTeX's stylesheet and fonts served from this site.
 *
 *   import {tex} from "./components/tex.js";
 *   tex`\sigma(z)`            inline, an element
 *   tex.block`h_t = …`        display math (what a ```tex fenced block compiles to)
 *
 * `\htmlClass{step-2}{…}` is allowed (and no other trusted command), so the equation stepper can
 * find and highlight a term. Errors are shown in place, in red, instead of thrown.
 */
import katex from "katex";
import type {KatexOptions} from "katex";
import {katexStylesheet} from "./katex-assets.js";

export interface TexRenderer {
  (source: TemplateStringsArray | string, ...values: unknown[]): HTMLElement;
}

export interface Tex extends TexRenderer {
  block: TexRenderer;
  options(options: KatexOptions): TexRenderer;
}

const defaults: KatexOptions = {
  throwOnError: false,
  strict: false,
  trust: (context) => context.command === "\\htmlClass",
  output: "htmlAndMathml"
};

let linked = false;

/** Adds KaTeX's stylesheet to the document once (the one thing in components/ that touches <head>). */
function linkStylesheet(): void {
  if (linked || typeof document === "undefined") return;
  linked = true;
  if (document.querySelector("link[data-katex-local]")) return;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = katexStylesheet;
  link.dataset.katexLocal = "";
  document.head.append(link);
}

function renderer(options: KatexOptions = {}): TexRenderer {
  return (source, ...values) => {
    linkStylesheet();
    const text = typeof source === "string" ? source : String.raw(source, ...values);
    const holder = document.createElement("div");
    katex.render(text, holder, {...defaults, ...options});
    const element = holder.firstElementChild as HTMLElement;
    if (options.displayMode) {
      // Long equations scroll sideways on a phone instead of overflowing the page.
      element.style.overflowX = "auto";
      element.style.overflowY = "hidden";
      element.style.maxWidth = "100%";
    }
    return element;
  };
}

export const tex: Tex = Object.assign(renderer(), {block: renderer({displayMode: true}), options: renderer});
