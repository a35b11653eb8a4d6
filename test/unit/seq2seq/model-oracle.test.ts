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
// vitest loads tfjs-core as ES modules, whose entry registers no gradients.
import "@tensorflow/tfjs-core/dist/register_all_gradients";
import {tf, tfReady} from "../../oracle/tf.js";
import type {T2} from "./tf-seq2seq.js";
import {tfLoss} from "./tf-seq2seq.js";

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
