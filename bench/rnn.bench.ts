/**
 * Training steps per second of the chapter-1 character RNN language model (one-hot input, tanh
 * cell, softmax output, truncated BPTT over T = 32 characters, clip at ‖g‖ ≤ 5, Adam), ours
 * against the same model written with TensorFlow.js ops on its cpu and wasm backends:
 *   X = onehot(ids) (T·B, V);  h(t) = tanh(X(t) W_xᵀ + h(t−1) W_hᵀ + b) unrolled with tf ops;
 *   logits = [h(1)…h(T)] W_yᵀ + b_y;  J = softmax cross-entropy;  tf.variableGrads, global-norm
 *   clip, tf.train.adam applyGradients; the final state is carried into the next step.
 * A tfjs step is timed through dataSync() of its loss. (tf.gather would save the one-hot matmul,
 * but its gradient, UnsortedSegmentSum, has no wasm kernel.) The target: ≥ 10× tfjs-cpu at B = 1.
 */
import {Rng} from "../src/engine/index.js";
import {CharLM} from "../src/models/char-lm.js";
import {CharTrainer} from "../src/models/char-trainer.js";
import {RnnCell} from "../src/models/rnn-cell.js";
import {Vocab} from "../src/text/vocab.js";
import "@tensorflow/tfjs-layers"; // registers tfjs-core's gradients (tfjs-core alone registers none)
import {measure, printTable, tf, useBackend, type Backend} from "./harness.js";

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

function ours(text: string, {H, B}: Case): {ms: number; V: number} {
  const vocab = Vocab.fromText(text);
  const rng = new Rng(1);
  const lm = new CharLM(new RnnCell({inputSize: vocab.size, hiddenSize: H}, rng), vocab, {}, rng);
  const trainer = new CharTrainer(lm, vocab.encode(text), {seqLen: T, batch: B, learningRate: 1e-3, clip: 5});
  return {ms: measure(() => trainer.step(), {minMs: 600, warmup: 5}).ms, V: vocab.size};
}

/** The same model and step with TensorFlow.js ops; returns a function doing one training step. */
function tfjsStep(ids: Int32Array, V: number, {H, B}: Case): {step: () => void; dispose: () => void} {
  const rng = new Rng(1);
  const init = (rows: number, cols: number, a: number) => Float32Array.from({length: rows * cols}, () => (2 * rng.uniform() - 1) * a);
  const Wx = tf.variable(tf.tensor2d(init(V, H, Math.sqrt(6 / (V + H))), [V, H])); // W_xᵀ
  const Wh = tf.variable(tf.tensor2d(init(H, H, 1 / Math.sqrt(H)), [H, H])); // W_hᵀ
  const b = tf.variable(tf.zeros([H]));
  const Wy = tf.variable(tf.tensor2d(init(H, V, Math.sqrt(6 / (V + H))), [H, V])); // W_yᵀ
  const by = tf.variable(tf.zeros([V]));
  const vars = [Wx, Wh, b, Wy, by];
  const optimizer = tf.train.adam(1e-3);
  const L = Math.floor((ids.length - 1) / B);
  let pos = 0;
  let state = tf.keep(tf.zeros([B, H]));
  const chunkIds = new Int32Array(T * B), chunkTargets = new Int32Array(T * B);
  const step = () => {
    if (pos + T > L) pos = 0;
    for (let t = 0; t < T; t++) for (let r = 0; r < B; r++) {
      chunkIds[t * B + r] = ids[r * L + pos + t];
      chunkTargets[t * B + r] = ids[r * L + pos + t + 1];
    }
    pos += T;
    let last: tf.Tensor | null = null;
    const loss = tf.tidy(() => {
      const X = tf.cast(tf.oneHot(tf.tensor1d(chunkIds, "int32"), V), "float32"); // (T·B, V)
      const Y = tf.cast(tf.oneHot(tf.tensor1d(chunkTargets, "int32"), V), "float32"); // (T·B, V)
      const {value, grads} = tf.variableGrads(() => {
        const XW = tf.matMul(X, Wx); // (T·B, H)
        let h: tf.Tensor2D = state as tf.Tensor2D;
        const hs: tf.Tensor2D[] = [];
        for (let t = 0; t < T; t++) {
          h = tf.tanh(tf.add(tf.add(tf.slice(XW, [t * B, 0], [B, H]), tf.matMul(h, Wh)), b)) as tf.Tensor2D; // (B, H)
          hs.push(h);
        }
        last = tf.keep(h);
        const logits = tf.add(tf.matMul(tf.concat(hs), Wy), by); // (T·B, V)
        return tf.losses.softmaxCrossEntropy(Y, logits) as tf.Scalar;
      }, vars);
      const list = vars.map((v) => grads[v.name]);
      const norm = tf.sqrt(tf.addN(list.map((g) => tf.sum(tf.square(g)))));
      const scale = tf.minimum(tf.scalar(1), tf.div(tf.scalar(5), norm));
      optimizer.applyGradients(Object.fromEntries(vars.map((v, i) => [v.name, tf.mul(list[i], scale)])));
      return value;
    });
    loss.dataSync();
    loss.dispose();
    state.dispose();
    state = last!;
  };
  return {step, dispose: () => [...vars, state].forEach((v) => v.dispose())};
}

export default async function run(): Promise<void> {
  const text = benchText();
  const rows: Record<string, string | number>[] = [];
  for (const c of [{H: 64, B: 1}, {H: 128, B: 1}, {H: 64, B: 32}, {H: 128, B: 32}]) {
    const {ms, V} = ours(text, c);
    const row: Record<string, string | number> = {hidden: c.H, batch: c.B, vocab: V, "ours steps/s": 1000 / ms};
    const ids = Vocab.fromText(text).encode(text);
    for (const backend of ["cpu", "wasm"] as Backend[]) {
      await useBackend(backend);
      const m = tfjsStep(ids, V, c);
      const tfMs = measure(m.step, {minMs: c.B > 1 ? 1500 : 800, warmup: 3}).ms;
      m.dispose();
      row[`tfjs-${backend} steps/s`] = 1000 / tfMs;
      row[`× tfjs-${backend}`] = tfMs / ms;
    }
    rows.push(row);
  }
  printTable(`char-RNN LM training step (T = ${T}, one-hot input, tanh, Adam, clip 5)`, rows);
}
