/**
 * Training steps per second of chapter 8's Transformer (pre-LN encoder–decoder, 2 heads, tied
 * output, Adam), ours against the same model written with TensorFlow.js ops (bench/transformer-tf.ts:
 * tf.variableGrads + an Adam step) on its cpu and wasm backends. Synthetic batches of 16 random
 * sequences, source and target of the same length, no padding. Ours also clips the gradient to a
 * global norm of 1 (tfjs does not): slightly more work on our side.
 * Ratios are given by wall-clock time and, since the machine may be shared, by CPU time per step.
 */
import {adam, clipGlobalNorm, Rng, zeroGrads} from "../src/engine/index.js";
import {TRANSFORMER_DEFAULTS} from "../src/models/transformer/config.js";
import type {TransformerBatch} from "../src/models/transformer/batch.js";
import {lossOn} from "../src/models/transformer/loss.js";
import {Transformer} from "../src/models/transformer/model.js";
import {measure, measureAsync, printTable, tf, useBackend, type Backend} from "./harness.js";
import {tfTransformer} from "./transformer-tf.js";

const VOCAB = 32, BATCH = 16;

interface Case {
  dModel: number;
  layers: number;
  seq: number;
}

function cpuMs(from: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1000;
}

/** B random sources and targets of `seq` tokens (ids 3…V−1: no <pad>, <start> or <end>). */
function randomBatch(seq: number, rng: Rng): TransformerBatch {
  const ids = () => Int32Array.from({length: BATCH * seq}, () => 3 + rng.int(VOCAB - 3));
  const yOut = ids();
  const yIn = Int32Array.from(yOut, (_, i) => (i % seq === 0 ? 1 : yOut[i - 1]));
  return {size: BATCH, n: seq, T: seq, src: ids(), yIn, yOut, pairs: []};
}

function ours(c: Case, batch: TransformerBatch): {ms: number; cpu: number; parameters: number} {
  const model = new Transformer({...TRANSFORMER_DEFAULTS, srcVocab: VOCAB, tgtVocab: VOCAB, dModel: c.dModel, heads: 2, layers: c.layers, ffHidden: 2 * c.dModel, maxLen: c.seq}, new Rng(1));
  const opt = adam(1e-3, {beta2: 0.98, eps: 1e-9});
  const step = () => {
    zeroGrads(model.params);
    lossOn(model, batch);
    clipGlobalNorm(model.params, 1);
    opt.step(model.params);
  };
  const warmup = 3, c0 = process.cpuUsage();
  const {ms, calls} = measure(step, {minMs: 1000, warmup});
  return {ms, cpu: cpuMs(c0) / (calls + warmup), parameters: model.params.reduce((s, p) => s + p.value.data.length, 0)};
}

export default async function run(): Promise<void> {
  const rows: Record<string, string | number>[] = [];
  const cases: Case[] = [{dModel: 32, layers: 1, seq: 16}, {dModel: 32, layers: 2, seq: 32}, {dModel: 64, layers: 1, seq: 32}, {dModel: 64, layers: 2, seq: 64}];
  for (const c of cases) {
    const batch = randomBatch(c.seq, new Rng(c.seq));
    const {ms, cpu, parameters} = ours(c, batch);
    const row: Record<string, string | number> = {dModel: String(c.dModel), layers: String(c.layers), seq: String(c.seq), params: String(parameters), "ours steps/s": 1000 / ms};
    for (const backend of ["cpu", "wasm"] as Backend[]) {
      await useBackend(backend);
      const m = tfTransformer({vocab: VOCAB, dModel: c.dModel, heads: 2, layers: c.layers, ffHidden: 2 * c.dModel, n: c.seq, T: c.seq, batch: BATCH});
      const src = tf.tensor2d(batch.src, [BATCH, c.seq], "int32"), yIn = tf.tensor2d(batch.yIn, [BATCH, c.seq], "int32"), yOut = tf.tensor2d(batch.yOut, [BATCH, c.seq], "int32");
      const warmup = 2, c0 = process.cpuUsage();
      const {ms: tfMs, calls} = await measureAsync(() => m.step(src, yIn, yOut), {minMs: 1500, warmup});
      const tfCpu = cpuMs(c0) / (calls + warmup);
      m.dispose();
      for (const t of [src, yIn, yOut]) t.dispose();
      row[`tfjs-${backend} steps/s`] = 1000 / tfMs;
      row[`× tfjs-${backend}`] = tfMs / ms;
      row[`× ${backend} (cpu time)`] = tfCpu / cpu;
    }
    rows.push(row);
  }
  printTable(`Transformer training step (batch ${BATCH}, vocab ${VOCAB}, 2 heads, d_ff = 2·d_model, pre-LN, Adam; tfjs: same model from ops, tf.variableGrads + adam)`, rows);
}
