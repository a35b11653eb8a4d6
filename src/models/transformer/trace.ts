/**
 * The live tensors of one block of the diagram (blocks.ts) for one sequence of a forward pass:
 * what the page shows when the reader clicks a box. Every tensor is a copy (a TensorView).
 *   embed       s·E[x], PE, X⁰ = s·E[x] + PE
 *   sub-layer   x, LN(x), the sub-layer's insides, x + F  (pre-LN)   or   x, F(x), x + F, LN(x + F)  (post-LN)
 *                 attention: Q, K, V, then per head A_k and head_k, then C and MultiHead = C W_O
 *                 feed-forward: H = max(0, x W₁ + b₁) and FFN(x)
 *   norm        the last layer's output and its LN
 *   out         H, the logits Z and p = softmax(Z) (columns: the target vocabulary)
 */
import type {Mat} from "../../engine/index.js";
import {mat, softmaxRows} from "../../engine/index.js";
import type {MultiHeadCache} from "../attention/multi-head.js";
import type {BlockId, ParsedBlock} from "./blocks.js";
import {parseBlock} from "./blocks.js";
import type {FeedForwardCache} from "./feed-forward.js";
import type {DecoderCache, EncoderCache, Transformer} from "./model.js";
import type {SublayerCache} from "./sublayer.js";
import type {TensorView} from "./tensor-view.js";
import {tensorView} from "./tensor-view.js";

/** One forward pass to read from, and the tokens that label its rows. */
export interface Pass {
  enc: EncoderCache;
  dec: DecoderCache;
  /** Which sequence of the batch (rows b·n … of the encoder, b·T … of the decoder). */
  b: number;
  srcTokens: string[];
  /** The decoder's input tokens (<start>, y_1, …) and what each position predicts. */
  decTokens: string[];
  /** The target vocabulary (the columns of the logits). */
  vocab: string[];
}

export interface BlockTensors {
  block: BlockId;
  tensors: TensorView[];
}

/** Subscript digits: 2 → ₂. */
export const sub = (i: number) => String(i).replace(/\d/g, (d) => "₀₁₂₃₄₅₆₇₈₉"[Number(d)]);

function attentionTensors(c: MultiHeadCache, q: Rows, k: Rows): TensorView[] {
  const m = c.self ? "x" : "M"; // keys and values from the sub-layer's own input, or the encoder's output M
  const out = [
    rowsOf("Q = x W_Q", c.Q, q),
    rowsOf(`K = ${m} W_K`, c.K, k),
    rowsOf(`V = ${m} W_V`, c.V, k)
  ];
  c.heads.forEach((h, i) => {
    const s = sub(i + 1);
    out.push(rowsOf(`A${s} = softmax(Q${s}K${s}ᵀ/√d_k)`, h.A, q, k.labels));
    out.push(rowsOf(`head${s} = A${s}V${s}`, h.O, q));
  });
  out.push(rowsOf("C = concat(head₁ … head_h)", c.C, q), rowsOf("MultiHead = C W_O", c.Y, q));
  return out;
}

function ffnTensors(c: FeedForwardCache, q: Rows): TensorView[] {
  return [rowsOf("H = max(0, x W₁ + b₁)", c.H, q), rowsOf("FFN(x) = H W₂ + b₂", c.Y, q)];
}

/** Which rows of a batch matrix belong to the sequence, and their labels. */
interface Rows {
  from: number;
  count: number;
  labels: string[];
}

function rowsOf(name: string, m: Mat, r: Rows, colLabels?: string[]): TensorView {
  return tensorView(name, m, r.labels, colLabels, r.from, r.count);
}

function sublayerTensors<C extends {Y: Mat}>(s: SublayerCache<C>, inner: (c: C) => TensorView[], q: Rows): TensorView[] {
  if (s.placement === "pre") return [rowsOf("x", s.x, q), rowsOf("LN(x)", s.norm.Y, q), ...inner(s.inner), rowsOf("x + F(LN(x))", s.sum, q)];
  return [rowsOf("x", s.x, q), ...inner(s.inner), rowsOf("x + F(x)", s.sum, q), rowsOf("LN(x + F(x))", s.norm.Y, q)];
}

export function blockTensors(model: Transformer, pass: Pass, id: BlockId): BlockTensors {
  const {layers, norm} = model.config;
  const parsed = parseBlock(id, layers, norm);
  if (!parsed) throw new Error(`No block "${id}" in a ${layers}-layer ${norm}-LN model.`);
  return {block: id, tensors: tensorsOf(model, pass, parsed)};
}

function tensorsOf(model: Transformer, pass: Pass, p: ParsedBlock): TensorView[] {
  const {enc, dec, b} = pass;
  const src: Rows = {from: b * enc.n, count: enc.n, labels: pass.srcTokens};
  const tgt: Rows = {from: b * dec.T, count: dec.T, labels: pass.decTokens};
  if (p.kind === "out") {
    const P = softmaxRows(dec.out.logits, mat(dec.out.logits.rows, dec.out.logits.cols)); // p = softmax(Z): (B·T, V)
    const z = model.out.tied ? "Z = H E_tgtᵀ" : "Z = H W_out + b";
    return [rowsOf("H", dec.H, tgt), rowsOf(z, dec.out.logits, tgt, pass.vocab), rowsOf("p = softmax(Z)", P, tgt, pass.vocab)];
  }
  const isEnc = p.stack === "enc";
  const r = isEnc ? src : tgt;
  if (p.kind === "embed") {
    const c = isEnc ? enc : dec;
    const positions = isEnc ? model.srcPositions : model.tgtPositions;
    const X0 = isEnc ? enc.X0 : dec.Y0;
    const PE = positions.table(r.count); // (n, d)
    return [rowsOf("s·E[x]", c.embed.X, r), tensorView("PE", PE, r.labels), rowsOf("X⁰ = s·E[x] + PE", X0, r)];
  }
  if (p.kind === "norm") {
    const cache = isEnc ? enc.final : dec.final;
    const last = isEnc ? enc.layers[enc.layers.length - 1].Y : dec.layers[dec.layers.length - 1].Y;
    if (!cache) throw new Error("This model has no final layer norm (post-LN).");
    return [rowsOf("x", last, r), rowsOf("LN(x)", cache.Y, r)];
  }
  if (isEnc) {
    const l = enc.layers[p.layer];
    return p.sublayer === "self" ? sublayerTensors(l.self, (c) => attentionTensors(c, src, src), src) : sublayerTensors(l.ffn, (c) => ffnTensors(c, src), src);
  }
  const l = dec.layers[p.layer];
  if (p.sublayer === "self") return sublayerTensors(l.self, (c) => attentionTensors(c, tgt, tgt), tgt);
  if (p.sublayer === "cross") return sublayerTensors(l.cross, (c) => attentionTensors(c, tgt, src), tgt);
  return sublayerTensors(l.ffn, (c) => ffnTensors(c, tgt), tgt);
}
