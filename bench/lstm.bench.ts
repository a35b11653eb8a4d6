/**
 * Training steps per second of the chapter-3 LSTM character language model (one-hot input, V = 64,
 * LSTM cell, softmax read-out at every step, truncated BPTT over T = 32 characters, Adam), ours
 * against TensorFlow.js's own LSTM layer on its cpu and wasm backends:
 *   tf.sequential([tf.layers.lstm({units: H, returnSequences: true}), tf.layers.dense({units: V})])
 *   compiled with Adam and softmax cross-entropy, one step = model.trainOnBatch(X, Y) on a
 *   (B, T, V) one-hot chunk, timed until its loss has been read back.
 * Differences, both in tfjs's favour: tfjs does not clip the gradient (ours clips at ‖g‖ ≤ 5) and
 * starts every chunk from zero state (ours carries h and c from the previous chunk).
 * The target: ≥ 10× tfjs-cpu at B = 1. Ratios are given by wall-clock time and, since the machine
 * may be shared, by the process's CPU time per step too (all three run on one thread here).
 */
import * as tfl from "@tensorflow/tfjs-layers";
import {Rng} from "../src/engine/index.js";
import {CharLM} from "../src/models/char-lm.js";
import {CharTrainer} from "../src/models/char-trainer.js";
import type {LstmTrace} from "../src/models/lstm-cell.js";
import {LstmCell} from "../src/models/lstm-cell.js";
import {Vocab} from "../src/text/vocab.js";
import {measure, measureAsync, printTable, tf, useBackend, type Backend} from "./harness.js";

const T = 32;

/** A text with exactly 63 distinct characters, so V = 64 with the unknown id. */
function benchText(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ";
  const rng = new Rng(1);
  let s = alphabet;
  while (s.length < 40_000) s += alphabet[rng.int(alphabet.length)];
  return s;
}

interface Case {
  H: number;
  B: number;
}

/** Process CPU milliseconds (user + system) since `from`. */
function cpuMs(from: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1000;
}

function ours(text: string, {H, B}: Case): {ms: number; cpu: number; V: number} {
  const vocab = Vocab.fromText(text);
  const rng = new Rng(1);
  const cell = new LstmCell({inputSize: vocab.size, hiddenSize: H, forgetBias: 1}, rng);
  const carry = (tr: LstmTrace) => [tr.hs[tr.hs.length - 1], tr.c[tr.c.length - 1]];
  const lm = new CharLM<LstmTrace>(cell, vocab, {carry}, rng);
  const trainer = new CharTrainer(lm, vocab.encode(text), {seqLen: T, batch: B, learningRate: 1e-3, clip: 5});
  const warmup = 5, c0 = process.cpuUsage();
  const {ms, calls} = measure(() => trainer.step(), {minMs: 800, warmup});
  return {ms, cpu: cpuMs(c0) / (calls + warmup), V: vocab.size};
}

/** tfjs's LSTM layer under a dense read-out; returns one trainOnBatch step over the next chunk. */
function tfjsModel(ids: Int32Array, V: number, {H, B}: Case): {step: () => Promise<void>; dispose: () => void} {
  const model = tfl.sequential({
    layers: [
      tfl.layers.lstm({units: H, returnSequences: true, inputShape: [T, V], recurrentActivation: "sigmoid", unitForgetBias: true,
        recurrentInitializer: "glorotUniform"}), // (the default orthogonal initialiser needs tfjs's chained ops; speed is the same)
      tfl.layers.dense({units: V, activation: "softmax"})
    ]
  });
  model.compile({optimizer: tf.train.adam(1e-3), loss: "categoricalCrossentropy"});
  const L = Math.floor((ids.length - 1) / B);
  let pos = 0;
  const x = new Float32Array(B * T * V), y = new Float32Array(B * T * V); // one-hot (B, T, V)
  const step = async () => {
    if (pos + T > L) pos = 0;
    x.fill(0);
    y.fill(0);
    for (let r = 0; r < B; r++) {
      for (let t = 0; t < T; t++) {
        x[(r * T + t) * V + ids[r * L + pos + t]] = 1;
        y[(r * T + t) * V + ids[r * L + pos + t + 1]] = 1;
      }
    }
    pos += T;
    const X = tf.tensor3d(x, [B, T, V]), Y = tf.tensor3d(y, [B, T, V]);
    await model.trainOnBatch(X, Y); // resolves with the loss, read back from the backend
    X.dispose();
    Y.dispose();
  };
  return {step, dispose: () => model.dispose()};
}

export default async function run(): Promise<void> {
  const text = benchText();
  const ids = Vocab.fromText(text).encode(text);
  const rows: Record<string, string | number>[] = [];
  for (const c of [{H: 64, B: 1}, {H: 128, B: 1}, {H: 64, B: 32}, {H: 128, B: 32}]) {
    const {ms, cpu, V} = ours(text, c);
    const row: Record<string, string | number> = {hidden: c.H, batch: c.B, vocab: V, "ours steps/s": 1000 / ms};
    for (const backend of ["cpu", "wasm"] as Backend[]) {
      await useBackend(backend);
      const m = tfjsModel(ids, V, c);
      const warmup = 2, c0 = process.cpuUsage();
      const {ms: tfMs, calls} = await measureAsync(m.step, {minMs: c.B > 1 ? 2000 : 1000, warmup});
      const tfCpu = cpuMs(c0) / (calls + warmup);
      m.dispose();
      row[`tfjs-${backend} steps/s`] = 1000 / tfMs;
      row[`× tfjs-${backend}`] = tfMs / ms;
      row[`× ${backend} (cpu time)`] = tfCpu / cpu;
    }
    rows.push(row);
  }
  printTable(`LSTM char-LM training step (T = ${T}, one-hot input, Adam; tfjs: tf.layers.lstm + trainOnBatch)`, rows);
}
