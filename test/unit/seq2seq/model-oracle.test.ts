/**
 * The whole encoder–decoder written again with TensorFlow.js ops (its own autodiff for the
 * gradients), run on the same weights and batch: loss and every parameter's gradient must agree.
 */
import {describe, expect, it} from "vitest";
import {Rng, zeroGrads} from "../../../src/engine/index.js";
import {makeBatch} from "../../../src/models/seq2seq/batch.js";
import {lossOn} from "../../../src/models/seq2seq/loss.js";
import type {Seq2seqConfig} from "../../../src/models/seq2seq/model.js";
import {Seq2seq} from "../../../src/models/seq2seq/model.js";
import {reverse} from "../../../src/models/seq2seq/reverse.js";
import {PAD} from "../../../src/models/seq2seq/vocab.js";
import "@tensorflow/tfjs-core/dist/register_all_gradients";
import {tf, tfReady} from "../../oracle/tf.js";

type T2 = ReturnType<typeof tf.tensor2d>;
type P = Record<string, T2>;

/** x Wᵀ for W stored (out, in) as in our Params. */
const lin = (x: T2, W: T2): T2 => tf.matMul(x, W, false, true);

function gru(p: P, pre: string, x: T2, h: T2): T2 {
  const gate = (g: string, input: T2) => tf.add(tf.add(lin(x, p[`${pre}.W${g}`]), lin(input, p[`${pre}.U${g}`])), p[`${pre}.b${g}`]) as T2;
  const z = tf.sigmoid(gate("_z", h));
  const r = tf.sigmoid(gate("_r", h));
  const hc = tf.tanh(gate("", tf.mul(r, h) as T2));
  return tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), hc)) as T2;
}

function tfLoss(p: P, config: Seq2seqConfig, src: Int32Array[], yIn: Int32Array[], yOut: Int32Array[]): T2 {
  const B = src[0].length, H = config.hidden, n = src.length;
  const onehot = (ids: Int32Array, V: number) => tf.cast(tf.oneHot(tf.tensor1d(ids, "int32"), V), "float32") as T2;
  const xs = src.map((ids) => onehot(ids, config.srcVocab));
  const fwd: T2[] = [], bwd: T2[] = new Array(n);
  let h = tf.zeros([B, H / 2]) as T2;
  for (const x of xs) fwd.push((h = gru(p, "enc.fwd", x, h)));
  h = tf.zeros([B, H / 2]) as T2;
  for (let i = n - 1; i >= 0; i--) bwd[i] = h = gru(p, "enc.bwd", xs[i], h);
  const hs = fwd.map((f, i) => tf.concat([f, bwd[i]], 1) as T2); // h_i: (B, D)
  const last = tf.concat([fwd[n - 1], bwd[0]], 1) as T2;
  const stacked = tf.stack(hs, 1); // (B, n, D)
  let s = tf.tanh(tf.add(lin(last, p["W_s"]), p["b_s"])) as T2;
  let total = tf.scalar(0);
  let count = 0;
  yIn.forEach((y, t) => {
    let c = last;
    if (config.variant === "attention") {
      const e = hs.map((hi) => {
        if (config.score === "dot") return tf.sum(tf.mul(s, hi), 1);
        if (config.score === "general") return tf.sum(tf.mul(s, lin(hi, p["att.W_a"])), 1);
        return tf.sum(tf.mul(tf.tanh(tf.add(lin(s, p["att.W_a"]), lin(hi, p["att.U_a"]))), p["att.v_a"]), 1);
      });
      const alpha = tf.softmax(tf.stack(e, 1) as T2); // (B, n)
      c = tf.sum(tf.mul(tf.expandDims(alpha, 2), stacked), 1) as T2;
    }
    s = gru(p, "dec", tf.concat([onehot(y, config.tgtVocab), c], 1) as T2, s);
    const logits = tf.add(lin(tf.concat([s, c], 1) as T2, p["W_o"]), p["b_o"]) as T2;
    const logp = tf.logSoftmax(logits);
    const mask = Float32Array.from(yOut[t], (id) => (id === PAD ? 0 : 1));
    count += mask.reduce((a, m) => a + m, 0);
    const picked = tf.sum(tf.mul(logp, onehot(yOut[t], config.tgtVocab)), 1);
    total = tf.sub(total, tf.sum(tf.mul(picked, tf.tensor1d(mask))));
  });
  return tf.div(total, count) as T2;
}

describe("seq2seq against a TensorFlow.js implementation on the same weights (float32)", () => {
  const cases: Partial<Seq2seqConfig>[] = [{variant: "fixed"}, {score: "additive"}, {score: "dot"}, {score: "general"}];
  for (const over of cases) {
    it(`${over.variant ?? "attention"}${over.score ? `, ${over.score}` : ""}: loss and all gradients`, async () => {
      await tfReady();
      const config: Seq2seqConfig = {
        variant: "attention", score: "additive", cell: "gru", srcVocab: reverse.src.size, tgtVocab: reverse.tgt.size,
        hidden: 6, attentionSize: 5, bidirectional: true, dtype: "float32", ...over
      };
      const model = new Seq2seq(config, new Rng(21));
      const rng = new Rng(22);
      for (const p of model.params) for (let i = 0; i < p.value.data.length; i++) p.value.data[i] += 0.2 * rng.normal();
      const batch = makeBatch(reverse, [{src: "hello", tgt: "olleh"}, {src: "world", tgt: "dl"}, {src: "seqto", tgt: "otqes"}]);
      zeroGrads(model.params);
      const mine = lossOn(model, batch).loss;

      const names = model.params.map((p) => p.name);
      const tensors = model.params.map((p) => tf.tensor2d(Float32Array.from(p.value.data), [p.value.rows, p.value.cols]));
      const f = (...ts: T2[]) => tfLoss(Object.fromEntries(names.map((n, k) => [n, ts[k]])), config, batch.src, batch.yIn, batch.yOut);
      const theirs = f(...tensors).dataSync()[0];
      expect(Math.abs(mine - theirs)).toBeLessThan(1e-5);
      const grads = tf.grads(f as (...ts: ReturnType<typeof tf.tensor>[]) => ReturnType<typeof tf.tensor>)(tensors);
      model.params.forEach((p, k) => {
        const g = grads[k].dataSync();
        const scale = Math.max(1e-3, ...Array.from(g, Math.abs));
        let worst = 0;
        for (let i = 0; i < g.length; i++) worst = Math.max(worst, Math.abs(p.grad.data[i] - g[i]) / scale);
        expect(worst, p.name).toBeLessThan(1e-4);
      });
    });
  }
});
