/**
 * The whole Transformer of chapter 8 against the same network assembled from TensorFlow.js ops
 * (matMul, softmax, moments, relu, gather), on the same weights: the logits forward, and the
 * gradient of every parameter backward (tf.grads). The layers are checked one by one in their own
 * files; this checks how model.ts wires them: embeddings scaled by √d, positions, pre- and
 * post-LN residuals, the final norms, causal and padding masks, cross-attention from every
 * decoder layer into the encoder's output, and the tied output projection (E gets both ends).
 */
import {describe, expect, it} from "vitest";
import type {Mat} from "../../../src/engine/index.js";
import type {TransformerConfig} from "../../../src/models/transformer/config.js";
import type {LayerNorm} from "../../../src/models/transformer/layer-norm.js";
import type {FeedForward} from "../../../src/models/transformer/feed-forward.js";
import type {MultiHeadAttention} from "../../../src/models/attention/multi-head.js";
import {Transformer} from "../../../src/models/transformer/model.js";
import {tfReady} from "../../oracle/tf.js";
import {additiveMask, tensor, tf, tfMultiHead} from "../attention/tf-attention.js";
import {maxAbsDiff, randomMat, Rng} from "./helpers.js";
import "@tensorflow/tfjs-core/dist/register_all_gradients";

type T = tf.Tensor;

/** The oracle's own layer norm over the last axis: (x − μ)/√(σ² + ε)·γ + β. */
function tfLayerNorm(x: T, gamma: T, beta: T, eps = 1e-5): T {
  const {mean, variance} = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, eps))), tf.reshape(gamma, [-1])), tf.reshape(beta, [-1]));
}

function tfFeedForward(x: T, [W1, b1, W2, b2]: T[]): T {
  const [B, n, d] = x.shape;
  const flat = tf.reshape(x, [B * n, d]) as tf.Tensor2D;
  const h = tf.relu(tf.add(tf.matMul(flat, W1 as tf.Tensor2D), tf.reshape(b1, [-1])));
  return tf.reshape(tf.add(tf.matMul(h as tf.Tensor2D, W2 as tf.Tensor2D), tf.reshape(b2, [-1])), [B, n, d]);
}

/** x + F(LN(x)) or LN(x + F(x)). */
function tfSublayer(norm: "pre" | "post", x: T, ln: T[], F: (input: T) => T): T {
  return norm === "pre" ? tf.add(x, F(tfLayerNorm(x, ln[0], ln[1]))) : tfLayerNorm(tf.add(x, F(x)), ln[0], ln[1]);
}

/** Every parameter as a tensor, looked up by the Param object our model holds. */
type Weights = (p: {params: {value: Mat}[]}) => T[];

/** The Transformer's logits (B·T, V) from TF.js ops; src (B·n), yIn (B·T). */
function tfTransformer(model: Transformer, w: Weights, src: number[], n: number, lengths: number[], yIn: number[], Tn: number): T {
  const {dModel: d, heads: h, norm} = model.config;
  const B = src.length / n, scale = 1 / Math.sqrt(d / h);
  const embed = (E: T, ids: number[], len: number, pos: T | null, s: number) => {
    const X = tf.reshape(tf.mul(tf.gather(E, ids), s), [B, len, d]);
    return pos ? tf.add(X, tf.reshape(tf.slice(pos, [0, 0], [len, d]), [1, len, d])) : X;
  };
  const positions = (p: Transformer["srcPositions"], len: number) =>
    p.kind === "learned" ? w(p)[0] : p.kind === "sinusoidal" ? tensor(p.table(len)) : null;
  const mha = (a: MultiHeadAttention) => w(a);
  const encMask = additiveMask(B, n, n, false, lengths);
  let X = embed(w(model.srcEmbed)[0], src, n, positions(model.srcPositions, n), model.srcEmbed.scale);
  for (const layer of model.encoder) {
    const [WQ, WK, WV, WO] = mha(layer.selfAttn);
    X = tfSublayer(norm, X, w(layer.ln1), (x) => tfMultiHead(x, WQ, WK, WV, WO, h, scale, {mask: encMask}).Y);
    X = tfSublayer(norm, X, w(layer.ln2), (x) => tfFeedForward(x, w(layer.ffn as FeedForward)));
  }
  const M = model.encNorm ? tfLayerNorm(X, ...(w(model.encNorm as LayerNorm) as [T, T])) : X;
  const selfMask = additiveMask(B, Tn, Tn, true);
  const crossMask = additiveMask(B, Tn, n, false, lengths);
  let Y = embed(w(model.tgtEmbed)[0], yIn, Tn, positions(model.tgtPositions, Tn), model.tgtEmbed.scale);
  for (const layer of model.decoder) {
    const [sQ, sK, sV, sO] = mha(layer.selfAttn);
    const [cQ, cK, cV, cO] = mha(layer.crossAttn);
    Y = tfSublayer(norm, Y, w(layer.ln1), (x) => tfMultiHead(x, sQ, sK, sV, sO, h, scale, {mask: selfMask}).Y);
    Y = tfSublayer(norm, Y, w(layer.ln2), (x) => tfMultiHead(x, cQ, cK, cV, cO, h, scale, {mask: crossMask, memory: M}).Y);
    Y = tfSublayer(norm, Y, w(layer.ln3), (x) => tfFeedForward(x, w(layer.ffn)));
  }
  const H = tf.reshape(model.decNorm ? tfLayerNorm(Y, ...(w(model.decNorm) as [T, T])) : Y, [B * Tn, d]) as tf.Tensor2D;
  if (model.out.tied) return tf.matMul(H, w(model.tgtEmbed)[0] as tf.Tensor2D, false, true);
  const [W, b] = w(model.out);
  return tf.add(tf.matMul(H, W as tf.Tensor2D), tf.reshape(b, [-1]));
}

const CASES: [string, Partial<TransformerConfig>][] = [
  ["pre-LN, sinusoidal, tied, 1 layer (the page's default shape)", {}],
  ["post-LN, learned positions, separate output, 2 layers, 4 heads", {norm: "post", positions: "learned", tieOutput: false, layers: 2, heads: 4}],
  ["pre-LN, no positions, unscaled embeddings, 2 layers", {positions: "none", scaleEmbedding: false, layers: 2}]
];

describe("the Transformer against TensorFlow.js ops on the same weights (float32)", () => {
  for (const [name, overrides] of CASES) {
    it(`${name}: logits, and every parameter's gradient`, async () => {
      await tfReady();
      const config: TransformerConfig = {
        srcVocab: 11, tgtVocab: 9, dModel: 16, heads: 2, layers: 1, ffHidden: 24, maxLen: 12,
        positions: "sinusoidal", norm: "pre", scaleEmbedding: true, tieOutput: true, dtype: "float32", ...overrides
      };
      const rng = new Rng(21);
      const model = new Transformer(config, rng);
      // Move the layer norms' γ and β off 1 and 0, so a γ/β mix-up cannot pass.
      for (const p of model.params) if (/\.ln\d?\.|\.ln$|γ|β/.test(p.name)) for (let i = 0; i < p.value.data.length; i++) p.value.data[i] += 0.3 * (2 * rng.uniform() - 1);
      const B = 2, n = 6, Tn = 5, lengths = [6, 4];
      const src = Array.from({length: B * n}, () => Math.floor(rng.uniform() * config.srcVocab));
      const yIn = Array.from({length: B * Tn}, () => Math.floor(rng.uniform() * config.tgtVocab));

      // Ours: forward, then backward from dZ = R, the gradient of Σ Z ⊙ R.
      const enc = model.encode(src, n, lengths);
      const dec = model.decode(enc, yIn, Tn);
      const R = randomMat(rng, B * Tn, config.tgtVocab, "float32");
      for (const p of model.params) p.grad.data.fill(0);
      model.backward(enc, dec, R);

      // TF.js: the same weights as tensors, one per Param.
      const tensors = new Map(model.params.map((p) => [p, tensor(p.value)]));
      const w: Weights = (layer) => layer.params.map((p) => tensors.get(p as (typeof model.params)[number])!);
      const logits = tfTransformer(model, w, src, n, lengths, yIn, Tn);
      expect(maxAbsDiff(dec.out.logits.data, logits.dataSync())).toBeLessThan(1e-4);

      const order = [...tensors.keys()];
      const r = tensor(R);
      const loss = (...ts: T[]) => {
        const swapped = new Map(order.map((p, i) => [p, ts[i]]));
        const w2: Weights = (layer) => layer.params.map((p) => swapped.get(p as (typeof model.params)[number])!);
        return tf.sum(tf.mul(tfTransformer(model, w2, src, n, lengths, yIn, Tn), r));
      };
      const grads = tf.grads(loss)(order.map((p) => tensors.get(p)!));
      let worst = 0, where = "";
      order.forEach((p, i) => {
        const ref = grads[i].dataSync();
        const peak = Math.max(1e-3, ...Array.from(ref, Math.abs));
        const err = maxAbsDiff(p.grad.data, ref) / peak;
        if (err > worst) [worst, where] = [err, p.name];
      });
      expect(worst, `worst relative gradient error at ${where}`).toBeLessThan(1e-3);
      tf.disposeVariables();
    });
  }
});
