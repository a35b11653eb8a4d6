/**
 * Chapter 4: training steps per second of the encoder–decoder, fixed context and attention
 * (additive score), ours against the same model built from TensorFlow.js ops (its autodiff and
 * its Adam), on TensorFlow.js's cpu and wasm backends. One step: forward and backward through the
 * bidirectional GRU encoder and the GRU decoder on a batch of 16 dates (16 source characters +
 * <end>, 10 target characters + <end>), gradient clipping to norm 5, and an Adam update.
 */
import {adam, clipGlobalNorm, Rng, zeroGrads} from "../src/engine/index.js";
import {sampleBatch} from "../src/models/seq2seq/batch.js";
import {dates} from "../src/models/seq2seq/dates.js";
import {lossOn} from "../src/models/seq2seq/loss.js";
import type {Seq2seqConfig, Variant} from "../src/models/seq2seq/model.js";
import {Seq2seq} from "../src/models/seq2seq/model.js";
// tfjs-core registers no gradients by itself; tfjs-layers registers them all.
import "@tensorflow/tfjs-layers";
import {tfLoss} from "../test/unit/seq2seq/tf-seq2seq.js";
import type {Backend} from "./harness.js";
import {measure, printTable, tf, useBackend} from "./harness.js";

const HIDDEN = 32, BATCH = 16, SOURCE = 16, CLIP = 5, LR = 0.01;

function configFor(variant: Variant): Seq2seqConfig {
  return {
    variant, score: "additive", cell: "gru", srcVocab: dates.src.size, tgtVocab: dates.tgt.size,
    hidden: HIDDEN, attentionSize: HIDDEN, bidirectional: true, dtype: "float32"
  };
}

/** Milliseconds per training step of our model. */
function ours(variant: Variant): number {
  const model = new Seq2seq(configFor(variant), new Rng(1));
  const batch = sampleBatch(dates, new Rng(2), BATCH, "train", SOURCE);
  const opt = adam(LR);
  return measure(() => {
    zeroGrads(model.params);
    lossOn(model, batch);
    clipGlobalNorm(model.params, CLIP);
    opt.step(model.params);
  }, {minMs: 1500}).ms;
}

/** Milliseconds per training step of the same model in TensorFlow.js ops on `backend`. */
async function theirs(variant: Variant, backend: Backend): Promise<number> {
  await useBackend(backend);
  const config = configFor(variant);
  const model = new Seq2seq(config, new Rng(1));
  const batch = sampleBatch(dates, new Rng(2), BATCH, "train", SOURCE);
  const vars = Object.fromEntries(model.params.map((p) => [p.name, tf.variable(tf.tensor2d(Float32Array.from(p.value.data), [p.value.rows, p.value.cols]))]));
  const list = Object.values(vars);
  const opt = tf.train.adam(LR);
  const timing = measure(() => {
    tf.tidy(() => {
      const {value, grads} = tf.variableGrads(() => tf.reshape(tfLoss(vars, config, batch.src, batch.yIn, batch.yOut), []) as ReturnType<typeof tf.scalar>, list);
      const norm = Math.sqrt(Object.values(grads).reduce((s, g) => s + tf.sum(tf.square(g)).dataSync()[0], 0));
      const k = Math.min(1, CLIP / norm);
      opt.applyGradients(Object.fromEntries(Object.entries(grads).map(([name, g]) => [name, tf.mul(g, k)])));
      value.dataSync();
    });
  }, {minMs: 3000, warmup: 2});
  list.forEach((v) => v.dispose());
  opt.dispose();
  return timing.ms;
}

export default async function (): Promise<void> {
  const rows: Record<string, string | number>[] = [];
  for (const variant of ["fixed", "attention"] as const) {
    const mine = ours(variant);
    const cpu = await theirs(variant, "cpu");
    const wasm = await theirs(variant, "wasm");
    rows.push({
      variant,
      "ours steps/s": 1000 / mine,
      "tfjs-cpu steps/s": 1000 / cpu,
      "tfjs-wasm steps/s": 1000 / wasm,
      "ours/cpu": cpu / mine,
      "ours/wasm": wasm / mine
    });
  }
  printTable(`seq2seq training steps (batch ${BATCH}, source ${SOURCE}+1, target 10+1, hidden ${HIDDEN}, GRU, Adam)`, rows);
}
