/**
 * Where the boxes of chapter 8's architecture diagram go (no DOM), after Figure 1 of Vaswani et al.
 * (2017): the encoder on the left, the decoder on the right, each read from the bottom up, one box
 * per block of the model (src/models/transformer/blocks.ts). A sub-layer box is the whole
 * sub-layer: its layer norm, its attention or feed-forward network, and the residual sum ⊕ drawn
 * above it, with the skip connection running round the box. The encoder's output M enters every
 * cross-attention box from the left.
 *
 * Coordinates are the SVG's own units (the drawing scales to the width it is given).
 */
import type {BlockId} from "../src/models/transformer/blocks.js";

export type BlockKind = "embed" | "self" | "cross" | "ffn" | "norm" | "out";
export type NormPlacement = "pre" | "post";

export interface BlockBox {
  id: BlockId;
  kind: BlockKind;
  stack: "enc" | "dec";
  /** The layer (0-based) of a sub-layer; null for the embedding, final norm and output. */
  layer: number | null;
  /** Top-left corner and size. */
  x: number;
  y: number;
  w: number;
  h: number;
  title: string;
  /** The block's formula in plain text, e.g. "x + MHA(LN(x))". */
  detail: string;
  /** Where the residual ⊕ sits (sub-layers only), and the skip path from below the box to it. */
  sum: {cx: number; cy: number; skip: [number, number][]} | null;
}

export interface Frame {
  stack: "enc" | "dec";
  layer: number;
  x: number;
  y: number;
  w: number;
  h: number;
  label: string;
}

export interface DiagramLayout {
  width: number;
  height: number;
  boxes: BlockBox[];
  /** The main flow of each stack, as arrows (polylines ending in an arrowhead). */
  arrows: [number, number][][];
  /** The encoder's output M carried to every cross-attention box. */
  memory: [number, number][][];
  frames: Frame[];
  labels: {x: number; y: number; text: string; anchor: "start" | "middle" | "end"}[];
}

export interface LayoutOptions {
  /** The target embedding is shared with the output projection (the page's model: yes). */
  tied?: boolean;
  /** How positions enter (default sinusoidal, PE). */
  positions?: "sinusoidal" | "learned" | "none";
}

const POSITION_TERM = {sinusoidal: " + PE(i)", learned: " + P[i]", none: ""} as const;

export const VIEW_WIDTH = 460;
const BOX_W = 172;
const X_ENC = 14 + 14; // left edge of the encoder's boxes (room for the skip lines on the left)
const X_DEC = VIEW_WIDTH - 14 - 14 - BOX_W; // left edge of the decoder's boxes (skip lines on the right)
const H = {embed: 44, self: 44, cross: 44, ffn: 44, norm: 32, out: 40} as const;
/** The gap above a box: room for an arrow, and for the ⊕ of a sub-layer. */
const GAP = {plain: 20, sum: 34} as const;
const LABEL = 18;
/** Extra room above each layer, for its dashed frame and label. */
const LAYER_GAP = 18;
const MARGIN = 10;
const SUM_R = 8;

const ATTN = "MHA";

function describe(kind: BlockKind, stack: "enc" | "dec", norm: NormPlacement, tied: boolean, positions: keyof typeof POSITION_TERM): {title: string; detail: string} {
  const wrap = (f: string) => (norm === "pre" ? `x + ${f.replace("·", "LN(x)")}` : `LN(x + ${f.replace("·", "x")})`);
  switch (kind) {
    case "embed":
      return {title: positions === "none" ? "Embedding (no position)" : "Embedding + position", detail: `√d·E[token]${POSITION_TERM[positions]}`};
    case "self":
      return stack === "enc"
        ? {title: "Self-attention", detail: wrap(`${ATTN}(·)`)}
        : {title: "Masked self-attention", detail: wrap(`${ATTN}(·)`) + ", causal"};
    case "cross":
      return {title: "Cross-attention", detail: norm === "pre" ? `x + ${ATTN}(LN(x), M)` : `LN(x + ${ATTN}(x, M))`};
    case "ffn":
      return {title: "Feed-forward", detail: wrap("FFN(·)")};
    case "norm":
      return {title: "Layer norm", detail: stack === "enc" ? "M = LN(x)" : "LN(x)"};
    case "out":
      return {title: "Linear + softmax", detail: tied ? "softmax(x E_tgtᵀ)" : "softmax(x W + b)"};
  }
}

/** What kind of box a block id is, its stack and layer. */
export function blockKind(id: BlockId): {kind: BlockKind; stack: "enc" | "dec"; layer: number | null} {
  if (id === "out") return {kind: "out", stack: "dec", layer: null};
  const [stack, a, b] = id.split(".") as ["enc" | "dec", string, string | undefined];
  if (b === undefined) return {kind: a as "embed" | "norm", stack, layer: null};
  return {kind: b as "self" | "cross" | "ffn", stack, layer: Number(a)};
}

interface Item {
  id: BlockId;
  kind: BlockKind;
  layer: number | null;
}

/** One column's boxes, from the bottom up, ending with the column's height from its bottom edge. */
function column(items: Item[], stack: "enc" | "dec", x: number, bottom: number, norm: NormPlacement, tied: boolean, positions: keyof typeof POSITION_TERM): {boxes: BlockBox[]; arrows: [number, number][][]; top: number} {
  const boxes: BlockBox[] = [];
  const arrows: [number, number][][] = [];
  const cx = x + BOX_W / 2;
  // The input's label sits at the very bottom; an arrow rises from it into the embedding.
  let y = bottom - LABEL;
  let from = y; // where the next arrow starts (top of the thing below)
  y -= GAP.plain;
  items.forEach((it, k) => {
    const h = H[it.kind];
    const top = y - h;
    arrows.push([[cx, from], [cx, y]]);
    const {title, detail} = describe(it.kind, stack, norm, tied, positions);
    const isSub = it.kind === "self" || it.kind === "cross" || it.kind === "ffn";
    let sum: BlockBox["sum"] = null;
    if (isSub) {
      // ⊕ above the box; the skip leaves the main line just below the box and rejoins at ⊕.
      const cy = top - GAP.sum / 2;
      const side = stack === "enc" ? x - 10 : x + BOX_W + 10;
      const branch = y + Math.min(8, GAP.plain / 2);
      sum = {cx, cy, skip: [[cx, branch], [side, branch], [side, cy], [cx + (stack === "enc" ? -SUM_R : SUM_R), cy]]};
      arrows.push([[cx, top], [cx, cy + SUM_R]]);
      from = cy - SUM_R;
      y = top - GAP.sum;
      if (items[k + 1]?.layer !== it.layer) y -= LAYER_GAP;
    } else {
      from = top;
      y = top - GAP.plain;
    }
    boxes.push({id: it.id, kind: it.kind, stack, layer: it.layer, x, y: top, w: BOX_W, h, title, detail, sum});
  });
  return {boxes, arrows, top: from};
}

/**
 * The layout of a model whose blocks are `blocks` (in diagram order, as blockIds() lists them).
 * Blocks the drawing does not know are left out.
 */
export function diagramLayout(blocks: readonly BlockId[], norm: NormPlacement, {tied = true, positions = "sinusoidal"}: LayoutOptions = {}): DiagramLayout {
  const items = (stack: "enc" | "dec") =>
    blocks
      .map((id) => ({id, ...blockKind(id)}))
      .filter((b) => b.stack === stack);
  const enc = items("enc");
  const dec = items("dec");
  // Heights, to put both columns on one baseline: sum the decoder's column first.
  const height0 = 4000;
  const d = column(dec, "dec", X_DEC, height0 - MARGIN, norm, tied, positions);
  const e = column(enc, "enc", X_ENC, height0 - MARGIN, norm, tied, positions);
  const outTop = d.top - GAP.plain - LABEL; // the output's label above the last box
  const top = Math.min(outTop, e.top - GAP.plain - LABEL) - MARGIN;
  const shift = -top;
  const move = (p: [number, number]): [number, number] => [p[0], p[1] + shift];
  const boxes = [...e.boxes, ...d.boxes].map((b) => ({...b, y: b.y + shift, sum: b.sum && {cx: b.sum.cx, cy: b.sum.cy + shift, skip: b.sum.skip.map(move)}}));
  const arrows = [...e.arrows, ...d.arrows].map((a) => a.map(move));
  const height = height0 + shift;
  const cxDec = X_DEC + BOX_W / 2, cxEnc = X_ENC + BOX_W / 2;
  arrows.push([[cxDec, d.top + shift], [cxDec, outTop + LABEL + shift + 2]]);

  // The encoder's output M: up from the encoder's last box, across to a bus between the columns,
  // and into the left side of every cross-attention box.
  const crosses = boxes.filter((b) => b.kind === "cross");
  const memory: [number, number][][] = [];
  if (crosses.length) {
    const encTop = e.top + shift;
    const busX = (X_ENC + BOX_W + X_DEC) / 2 + 4;
    const turnY = encTop - 12;
    memory.push([[cxEnc, encTop], [cxEnc, turnY], [busX, turnY]]);
    const ys = crosses.map((c) => c.y + c.h / 2);
    memory.push([[busX, Math.min(turnY, ...ys)], [busX, Math.max(turnY, ...ys)]]);
    for (const c of crosses) memory.push([[busX, c.y + c.h / 2], [c.x, c.y + c.h / 2]]);
  }

  // A dashed frame round each layer's sub-layers.
  const frames: Frame[] = [];
  for (const stack of ["enc", "dec"] as const) {
    const layers = new Set(boxes.filter((b) => b.stack === stack && b.layer !== null).map((b) => b.layer as number));
    for (const layer of layers) {
      const bs = boxes.filter((b) => b.stack === stack && b.layer === layer);
      const y0 = Math.min(...bs.map((b) => (b.sum ? b.sum.cy - SUM_R : b.y))) - 6;
      const y1 = Math.max(...bs.map((b) => b.y + b.h)) + 10;
      const x0 = Math.min(...bs.map((b) => b.x)) - 18, x1 = Math.max(...bs.map((b) => b.x + b.w)) + 18;
      frames.push({stack, layer, x: x0, y: y0, w: x1 - x0, h: y1 - y0, label: `${stack === "enc" ? "encoder" : "decoder"} layer ${layer + 1}`});
    }
  }

  const labels: DiagramLayout["labels"] = [
    {x: cxEnc, y: height - MARGIN - 4, text: "source characters", anchor: "middle"},
    {x: cxDec, y: height - MARGIN - 4, text: "<start> + output so far", anchor: "middle"},
    {x: cxDec, y: outTop + shift + LABEL - 5, text: "next-character probabilities", anchor: "middle"}
  ];
  if (crosses.length) labels.push({x: cxEnc + 5, y: e.top + shift - 17, text: "encoder output M", anchor: "start"});
  return {width: VIEW_WIDTH, height, boxes, arrows, memory, frames, labels};
}

/** The sentence that names a block for the reader (screen readers, the caption). */
export function blockName(id: BlockId): string {
  const {kind, stack, layer} = blockKind(id);
  const where = layer === null ? (stack === "enc" ? "encoder" : "decoder") : `${stack === "enc" ? "encoder" : "decoder"} layer ${layer + 1}`;
  const what: Record<BlockKind, string> = {
    embed: "embedding and positions",
    self: stack === "enc" ? "self-attention" : "masked self-attention",
    cross: "cross-attention",
    ffn: "feed-forward network",
    norm: "final layer norm",
    out: "output projection and softmax"
  };
  return kind === "out" ? "decoder output: projection and softmax" : `${where}: ${what[kind]}`;
}
