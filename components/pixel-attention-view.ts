/**
 * Self-attention over the pixels of a picture (chapter 6): the picture on the left, and on the
 * right the attention map β of the chosen pixel — one weight for every pixel of the picture,
 * summing to 1 — with the chosen pixel outlined on both and, on the map, the 3×3 window a
 * convolution would see. The reader chooses the pixel by pointing (or with the arrow keys once the
 * figure has focus). A drawable picture is painted by pressing and dragging (or Space/Enter at the
 * chosen pixel); a stroke paints the opposite of the pixel where it starts.
 *
 * `value` is {row, col, grey} (grey: the drawing, or null); "input" fires on every change, so
 * `Generators.input(view)` works. `update(data, {note})` draws a picture and its map.
 */
import type {ValueElement} from "./controls.js";
import {colorScale} from "./color-scale.js";
import {formatNumber} from "./format.js";
import {colorLegend} from "./legend.js";
import {convWindow, paintValue, pixelAt, stepPixel, type Pixel} from "./pixel-grid.js";
import {el, installStyles, svgEl} from "./style.js";

export interface PictureLike {
  height: number;
  width: number;
  channels: number;
  /** (r·W + c)·C + k, in [0, 1]. */
  data: ArrayLike<number>;
}

export interface PixelSelection extends Pixel {
  grey: number[] | null;
}

export interface PixelViewOptions {
  height: number;
  width: number;
  /** Figure width in px. */
  size?: number;
  /** The reader's drawing, H·W grey levels, when the picture is drawable. */
  grey?: number[] | null;
  testid?: string;
}

export interface PixelAttentionElement extends ValueElement<PixelSelection> {
  update(data: {picture: PictureLike; map: ArrayLike<number>; max: number}, patch?: {note?: string}): void;
}

const CSS = `
.rt-pixels .rt-panels { display: flex; flex-wrap: wrap; gap: 14px; align-items: flex-start; }
.rt-pixels .rt-panel-title { font-size: 12px; font-weight: 600; margin: 0 0 3px; }
.rt-pixels .rt-stage { position: relative; touch-action: pan-y; cursor: crosshair; }
.rt-pixels .rt-stage.rt-drawable { touch-action: none; }
.rt-pixels canvas { display: block; image-rendering: pixelated; }
.rt-pixels .rt-stage svg { position: absolute; left: 0; top: 0; pointer-events: none; overflow: visible; }
.rt-pixels .rt-grid-box:focus-visible { outline: 2px solid var(--theme-foreground-focus, #3b5fc0); outline-offset: 3px; }
`;

export function pixelAttentionView({height: H, width: W, size = 640, grey = null, testid}: PixelViewOptions): PixelAttentionElement {
  const root = el("figure", "rt-view rt-pixels") as HTMLElement as PixelAttentionElement;
  if (testid) root.dataset.testid = testid;
  const drawable = grey !== null;
  let drawing = grey ? grey.slice() : null;
  let sel: Pixel = {row: Math.floor(H / 2), col: Math.floor(W / 2)};
  let last: {picture: PictureLike; map: ArrayLike<number>; max: number} | null = null;
  const side = Math.max(140, Math.min(300, size >= 520 ? Math.floor((size - 14) / 2) : size));
  const cell = Math.max(4, Math.floor(side / Math.max(H, W)));
  const box = el("div", "rt-panels rt-grid-box");
  box.tabIndex = 0;
  box.setAttribute("role", "group");
  box.setAttribute("aria-label", `Picture and attention map, ${H} by ${W} pixels. Arrow keys choose a pixel${drawable ? "; Space paints it" : ""}.`);
  const live = el("div", "rt-sr");
  live.setAttribute("aria-live", "polite");
  const legendBox = el("div");
  const note = el("p", "rt-note");

  function stage(title: string): {canvas: HTMLCanvasElement; svg: SVGSVGElement; wrap: HTMLDivElement} {
    const wrap = el("div");
    const st = el("div", drawable && title.startsWith("Your") ? "rt-stage rt-drawable" : "rt-stage");
    const canvas = Object.assign(el("canvas"), {width: W * cell, height: H * cell});
    const svg = svgEl("svg", {width: W * cell, height: H * cell});
    st.append(canvas, svg);
    wrap.append(el("p", "rt-panel-title", title), st);
    box.append(wrap);
    return {canvas, svg, wrap};
  }
  const pic = stage(drawable ? "Your drawing: press and drag to paint" : "The picture: point at a pixel");
  const att = stage("Where that pixel looks: its weights β");
  att.wrap.append(legendBox);
  installStyles(CSS);
  root.append(box, note, live);

  const rect = (r: number, c: number, h: number, w: number, color: string, dash = "") =>
    svgEl("rect", {x: c * cell + 0.5, y: r * cell + 0.5, width: w * cell - 1, height: h * cell - 1, fill: "none", stroke: color, "stroke-width": 2, "stroke-dasharray": dash});
  function marks(): void {
    const mark = () => [rect(sel.row, sel.col, 1, 1, "#fff"), rect(sel.row, sel.col, 1, 1, "#111", "3 2")];
    pic.svg.replaceChildren(...mark());
    const w = convWindow(sel, H, W);
    att.svg.replaceChildren(rect(w.row0, w.col0, w.rows, w.cols, "#ff7a1a", "5 3"), ...mark());
  }

  function paint(): void {
    marks();
    if (!last) return;
    const {picture: p, map, max} = last;
    const ctx = pic.canvas.getContext("2d")!;
    for (let r = 0; r < H; r++) {
      for (let c = 0; c < W; c++) {
        const i = r * W + c;
        const v = (k: number) => Math.round(255 * (drawing ? drawing[i] : p.data[i * p.channels + Math.min(k, p.channels - 1)]));
        ctx.fillStyle = `rgb(${v(0)},${v(1)},${v(2)})`;
        ctx.fillRect(c * cell, r * cell, cell, cell);
      }
    }
    const scale = colorScale(map, {domain: [0, max > 0 ? max : 1]});
    const actx = att.canvas.getContext("2d")!;
    for (let i = 0; i < H * W; i++) {
      actx.fillStyle = scale.color(map[i]);
      actx.fillRect((i % W) * cell, Math.floor(i / W) * cell, cell, cell);
    }
    legendBox.replaceChildren(colorLegend(scale, {title: "weight β (sums to 1)", width: W * cell, format: (v) => formatNumber(v, 2)}));
  }

  const emit = () => root.dispatchEvent(new Event("input", {bubbles: true}));
  function choose(p: Pixel, keyboard: boolean): void {
    if (p.row === sel.row && p.col === sel.col && !keyboard) return;
    sel = p;
    marks();
    if (keyboard) live.textContent = `Pixel row ${p.row}, column ${p.col}.`;
    emit();
  }
  function paintAt(p: Pixel, value: number): void {
    if (!drawing || drawing[p.row * W + p.col] === value) return;
    drawing[p.row * W + p.col] = value;
    sel = p;
    paint();
    emit();
  }

  let stroke: number | null = null;
  for (const s of [pic, att]) {
    const at = (e: PointerEvent) => {
      const r = s.canvas.getBoundingClientRect();
      return pixelAt(e.clientX - r.left, e.clientY - r.top, cell, H, W);
    };
    s.canvas.addEventListener("pointermove", (e) => {
      const p = at(e);
      if (!p) return;
      if (stroke !== null && s === pic) paintAt(p, stroke);
      else choose(p, false);
    });
    // A tap chooses a pixel too (a finger does not hover).
    if (!(s === pic && drawable)) s.canvas.addEventListener("pointerdown", (e) => {
      const p = at(e);
      if (p) choose(p, false);
    });
    if (s === pic && drawable) {
      s.canvas.addEventListener("pointerdown", (e) => {
        const p = at(e);
        if (!p || !drawing) return;
        stroke = paintValue(drawing, p.row * W + p.col);
        s.canvas.setPointerCapture(e.pointerId);
        paintAt(p, stroke);
      });
      const end = () => (stroke = null);
      s.canvas.addEventListener("pointerup", end);
      s.canvas.addEventListener("pointercancel", end);
    }
  }
  box.addEventListener("keydown", (e) => {
    const next = stepPixel(sel, e.key, H, W);
    if (next) choose(next, true);
    else if ((e.key === " " || e.key === "Enter") && drawing) {
      paintAt(sel, paintValue(drawing, sel.row * W + sel.col));
      live.textContent = `Painted pixel row ${sel.row}, column ${sel.col} ${drawing[sel.row * W + sel.col] ? "light" : "dark"}.`;
    } else return;
    e.preventDefault();
  });

  Object.defineProperty(root, "value", {
    get: (): PixelSelection => ({row: sel.row, col: sel.col, grey: drawing ? drawing.slice() : null}),
    set: (v: PixelSelection) => {
      sel = {row: Math.max(0, Math.min(H - 1, v.row)), col: Math.max(0, Math.min(W - 1, v.col))};
      if (drawable && v.grey && v.grey.length === H * W) drawing = v.grey.slice();
      paint();
    }
  });
  root.update = (data, patch) => {
    if (data.picture.height === H && data.picture.width === W && data.map.length === H * W) last = data;
    if (patch?.note !== undefined) note.textContent = patch.note;
    paint();
  };
  marks();
  return root;
}
