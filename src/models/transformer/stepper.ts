/**
 * The numbers of one block at one position, in the order of its equations, for the page's
 * equation stepper ("the same symbols, now with this token's numbers in them"):
 *   embed      x = token, E[x], s, s·E[x], PE(pos), x⁰ = s·E[x] + PE(pos)
 *   LN         x, μ = (1/d)Σx_j, σ² = (1/d)Σ(x_j − μ)², x̂ = (x − μ)/√(σ² + ε), γ, β, y = γ ⊙ x̂ + β
 *   attention  for head k: q, the keys K_k, s_j = q·k_j/√d_k (−∞ where masked), a = softmax(s),
 *              the values V_k, head_k = Σ_j a_j v_j; then concat and C W_O
 *   FFN        x, a = x W₁ + b₁, h = max(0, a), y = h W₂ + b₂
 *   residual   x, F, x + F
 *   out        h, z = h E_tgtᵀ (or h W_out + b), p = softmax(z), argmax
 * Each entry is a small matrix (a scalar is 1×1, a vector 1×n).
 */
import type {Arr, Mat} from "../../engine/index.js";
import {mat, matmul, row, softmax} from "../../engine/index.js";
import type {MultiHeadCache} from "../attention/multi-head.js";
import type {BlockId} from "./blocks.js";
import {parseBlock} from "./blocks.js";
import type {FeedForward, FeedForwardCache} from "./feed-forward.js";
import type {LayerNorm, LayerNormCache} from "./layer-norm.js";
import type {Transformer} from "./model.js";
import type {SublayerCache} from "./sublayer.js";
import type {Pass} from "./trace.js";
import {sub} from "./trace.js";

export interface StepNumbers {
  /** The symbol, e.g. "μ" or "a = softmax(s)". */
  symbol: string;
  rows: number;
  cols: number;
  values: Float32Array;
  /** Labels of the columns where they are tokens (keys, vocabulary). */
  colLabels?: string[];
}

export interface Stepper {
  block: BlockId;
  /** The row (token position) of the sequence whose numbers these are, and its token. */
  position: number;
  token: string;
  /** The attention head shown (attention blocks), else null. */
  head: number | null;
  steps: StepNumbers[];
}

const num = (symbol: string, v: number): StepNumbers => ({symbol, rows: 1, cols: 1, values: Float32Array.of(v)});
const vec = (symbol: string, v: ArrayLike<number>, colLabels?: string[]): StepNumbers => ({symbol, rows: 1, cols: v.length, values: Float32Array.from(v), ...(colLabels ? {colLabels} : {})});
const rowsOfMat = (symbol: string, m: Mat, from: number, count: number): StepNumbers => ({symbol, rows: count, cols: m.cols, values: Float32Array.from(m.data.subarray(from * m.cols, (from + count) * m.cols))});

function layerNormSteps(ln: LayerNorm, input: Arr, c: LayerNormCache, r: number, prefix = ""): StepNumbers[] {
  const d = input.length;
  let mu = 0;
  for (let j = 0; j < d; j++) mu += input[j];
  mu /= d;
  let v = 0;
  for (let j = 0; j < d; j++) v += (input[j] - mu) ** 2;
  return [
    vec(`${prefix}x`, input),
    num(`${prefix}μ = (1/d) Σ x_j`, mu),
    num(`${prefix}σ² = (1/d) Σ (x_j − μ)²`, v / d),
    vec(`${prefix}x̂ = (x − μ) / √(σ² + ε)`, row(c.xHat, r)),
    vec(`${prefix}γ`, ln.gamma.value.data),
    vec(`${prefix}β`, ln.beta.value.data),
    vec(`${prefix}LN(x) = γ ⊙ x̂ + β`, row(c.Y, r))
  ];
}

/** r: the query's row in the batch; b: its sequence (whose keys are rows b·m … b·m + m − 1). */
function attentionSteps(c: MultiHeadCache, r: number, b: number, head: number, keyLabels: string[]): StepNumbers[] {
  const h = c.heads[head], s = sub(head + 1);
  const m = h.keyLen, from = b * m;
  const scores = row(h.S, r); // already scaled, −∞ where masked
  return [
    vec(`q = (x W_Q)${s}`, row(h.Q, r)),
    rowsOfMat(`K${s}`, h.K, from, m),
    vec(`s_j = q·k_j / √d_k`, scores, keyLabels),
    vec(`a = softmax(s)`, softmax(scores, new Float64Array(m)), keyLabels),
    rowsOfMat(`V${s}`, h.V, from, m),
    vec(`head${s} = Σ_j a_j v_j`, row(h.O, r)),
    vec("concat(head₁ … head_h)", row(c.C, r)),
    vec("MultiHead = concat(…) W_O", row(c.Y, r))
  ];
}

function ffnSteps(ffn: FeedForward, c: FeedForwardCache, r: number): StepNumbers[] {
  const x = {rows: 1, cols: c.X.cols, data: row(c.X, r)};
  const a = matmul(x, ffn.W1.value, mat(1, ffn.dFF)); // x W₁: (1, d_ff)
  for (let j = 0; j < ffn.dFF; j++) a.data[j] += ffn.b1.value.data[j];
  return [vec("x", x.data), vec("a = x W₁ + b₁", a.data), vec("h = max(0, a)", row(c.H, r)), vec("FFN(x) = h W₂ + b₂", row(c.Y, r))];
}

function sublayerSteps<C extends {Y: Mat}>(ln: LayerNorm, s: SublayerCache<C>, r: number, inner: (c: C) => StepNumbers[]): StepNumbers[] {
  if (s.placement === "pre") {
    return [...layerNormSteps(ln, row(s.x, r), s.norm, r), ...inner(s.inner), vec("x", row(s.x, r)), vec("F", row(s.inner.Y, r)), vec("x + F", row(s.sum, r))];
  }
  return [...inner(s.inner), vec("x", row(s.x, r)), vec("F", row(s.inner.Y, r)), ...layerNormSteps(ln, row(s.sum, r), s.norm, r, "(x + F) → ")];
}

/** The numbers of `block` at `position` of sequence pass.b; `head` picks the attention head (default 0). */
export function stepperNumbers(model: Transformer, pass: Pass, block: BlockId, position: number, head = 0): Stepper {
  const {layers, norm, heads} = model.config;
  const p = parseBlock(block, layers, norm);
  if (!p) throw new Error(`No block "${block}" in a ${layers}-layer ${norm}-LN model.`);
  const {enc, dec, b} = pass;
  const isEnc = p.kind !== "out" && p.stack === "enc";
  const n = isEnc ? enc.n : dec.T;
  const labels = isEnc ? pass.srcTokens : pass.decTokens;
  if (!(Number.isInteger(position) && position >= 0 && position < n)) throw new Error(`Position ${position} is outside 0…${n - 1}.`);
  if (!(Number.isInteger(head) && head >= 0 && head < heads)) throw new Error(`Head ${head} is outside 0…${heads - 1}.`);
  const r = b * n + position;
  const base = {block, position, token: labels[position], head: null as number | null};
  if (p.kind === "out") {
    const z = row(dec.out.logits, r), probs = softmax(z, new Float64Array(z.length));
    let best = 0;
    for (let k = 1; k < z.length; k++) if (z[k] > z[best]) best = k;
    const vocab = pass.vocab;
    return {...base, steps: [vec("h", row(dec.H, r)), vec(model.out.tied ? "z = h E_tgtᵀ" : "z = h W_out + b", z, vocab), vec("p = softmax(z)", probs, vocab), num("argmax p", best)]};
  }
  if (p.kind === "embed") {
    const c = isEnc ? enc : dec, emb = isEnc ? model.srcEmbed : model.tgtEmbed;
    const id = c.embed.ids[r], d = emb.dModel;
    const pe = (isEnc ? model.srcPositions : model.tgtPositions).table(n);
    return {...base, steps: [
      num("x (token id)", id), vec("E[x]", emb.E.value.data.subarray(id * d, (id + 1) * d)), num("s = √d_model", emb.scale),
      vec("s·E[x]", row(c.embed.X, r)), vec(`PE(${position})`, row(pe, position)), vec("x⁰ = s·E[x] + PE", row(isEnc ? enc.X0 : dec.Y0, r))
    ]};
  }
  if (p.kind === "norm") {
    const cache = isEnc ? enc.final : dec.final, ln = isEnc ? model.encNorm : model.decNorm;
    const last = isEnc ? enc.layers[layers - 1].Y : dec.layers[layers - 1].Y;
    if (!cache || !ln) throw new Error("This model has no final layer norm (post-LN).");
    return {...base, steps: layerNormSteps(ln, row(last, r), cache, r)};
  }
  const withHead = {...base, head};
  if (isEnc) {
    const layer = model.encoder[p.layer], c = enc.layers[p.layer];
    if (p.sublayer === "self") return {...withHead, steps: sublayerSteps(layer.ln1, c.self, r, (a) => attentionSteps(a, r, b, head, pass.srcTokens))};
    return {...base, steps: sublayerSteps(layer.ln2, c.ffn, r, (f) => ffnSteps(layer.ffn, f, r))};
  }
  const layer = model.decoder[p.layer], c = dec.layers[p.layer];
  if (p.sublayer === "self") return {...withHead, steps: sublayerSteps(layer.ln1, c.self, r, (a) => attentionSteps(a, r, b, head, pass.decTokens))};
  if (p.sublayer === "cross") return {...withHead, steps: sublayerSteps(layer.ln2, c.cross, r, (a) => attentionSteps(a, r, b, head, pass.srcTokens))};
  return {...base, steps: sublayerSteps(layer.ln3, c.ffn, r, (f) => ffnSteps(layer.ffn, f, r))};
}
