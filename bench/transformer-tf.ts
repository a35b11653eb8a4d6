/**
 * The bench's reference: the same Transformer as src/models/transformer/model.ts (pre-LN
 * encoder–decoder, h heads without biases in the attention, ReLU feed-forward with biases, final
 * layer norms, √d-scaled embeddings with sinusoidal positions, the target embedding tied to the
 * output projection, mean softmax cross-entropy), written with TensorFlow.js ops; one training
 * step is tf.variableGrads of the loss and an Adam step (tf.train.adam) on every variable.
 * Dev-only: used by bench/transformer.bench.ts, never by src/.
 */
import "@tensorflow/tfjs-layers"; // registers the gradients of every tfjs-core op (its node bundle imports them)
import {sinusoidalPositions} from "../src/models/attention/sinusoidal.js";
import {tf} from "./harness.js";

export interface TfSizes {
  vocab: number;
  dModel: number;
  heads: number;
  layers: number;
  ffHidden: number;
  /** Source and target positions, and sequences per batch. */
  n: number;
  T: number;
  batch: number;
}

type V = tf.Variable;

export function tfTransformer(s: TfSizes, seed = 1): {step: (src: tf.Tensor2D, yIn: tf.Tensor2D, yOut: tf.Tensor2D) => Promise<number>; dispose: () => void} {
  const {vocab, dModel: d, heads: h, layers, ffHidden: dff, n, T, batch: B} = s;
  const dk = d / h;
  let k = seed;
  const vars: V[] = [];
  const glorot = (r: number, c: number): V => {
    const v = tf.variable(tf.randomUniform([r, c], -Math.sqrt(6 / (r + c)), Math.sqrt(6 / (r + c)), "float32", k++));
    vars.push(v);
    return v;
  };
  const fill = (c: number, value: number): V => {
    const v = tf.variable(tf.fill([c], value));
    vars.push(v);
    return v;
  };
  const attnW = () => ({q: glorot(d, d), k: glorot(d, d), v: glorot(d, d), o: glorot(d, d)});
  const ln = () => ({g: fill(d, 1), b: fill(d, 0)});
  const ffn = () => ({w1: glorot(d, dff), b1: fill(dff, 0), w2: glorot(dff, d), b2: fill(d, 0)});
  const embed = () => {
    const v = tf.variable(tf.randomNormal([vocab, d], 0, 1 / Math.sqrt(d), "float32", k++));
    vars.push(v);
    return v;
  };
  const Esrc = embed(), Etgt = embed();
  const enc = Array.from({length: layers}, () => ({self: attnW(), ln1: ln(), ffn: ffn(), ln2: ln()}));
  const dec = Array.from({length: layers}, () => ({self: attnW(), ln1: ln(), cross: attnW(), ln2: ln(), ffn: ffn(), ln3: ln()}));
  const encLn = ln(), decLn = ln();
  const pe = sinusoidalPositions(Math.max(n, T), d);
  const PEsrc = tf.tensor2d(Float32Array.from(pe.data.subarray(0, n * d)), [n, d]);
  const PEtgt = tf.tensor2d(Float32Array.from(pe.data.subarray(0, T * d)), [T, d]);
  const causal = tf.tensor2d(Float32Array.from({length: T * T}, (_, i) => (i % T > Math.floor(i / T) ? -1e9 : 0)), [T, T]);

  const layerNorm = (x: tf.Tensor, p: {g: V; b: V}) => {
    const {mean, variance} = tf.moments(x, -1, true);
    return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), p.g), p.b);
  };
  /** (B·rows, d) → (B, h, rows, d_k). */
  const split = (x: tf.Tensor, rows: number) => tf.transpose(tf.reshape(x, [B, rows, h, dk]), [0, 2, 1, 3]);
  const mha = (x: tf.Tensor2D, rows: number, m: tf.Tensor2D, mRows: number, w: {q: V; k: V; v: V; o: V}, mask: tf.Tensor | null) => {
    const q = split(tf.matMul(x, w.q), rows), kk = split(tf.matMul(m, w.k), mRows), v = split(tf.matMul(m, w.v), mRows);
    let sc = tf.mul(tf.matMul(q, kk, false, true), 1 / Math.sqrt(dk)); // (B, h, rows, mRows)
    if (mask) sc = tf.add(sc, mask);
    const o = tf.matMul(tf.softmax(sc), v); // (B, h, rows, d_k)
    return tf.matMul(tf.reshape(tf.transpose(o, [0, 2, 1, 3]), [B * rows, d]) as tf.Tensor2D, w.o);
  };
  const feedForward = (x: tf.Tensor2D, p: {w1: V; b1: V; w2: V; b2: V}) => tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, p.w1), p.b1)) as tf.Tensor2D, p.w2), p.b2);
  // E[x] as onehot(x)·E: the gradient of tf.gather needs UnsortedSegmentSum, which the wasm backend lacks.
  const embedAt = (ids: tf.Tensor2D, E: V, PE: tf.Tensor2D, rows: number) => {
    const rowsOfE = tf.matMul(tf.oneHot(tf.reshape(ids, [-1]) as tf.Tensor1D, vocab, 1, 0, "float32") as tf.Tensor2D, E); // (B·rows, d)
    return tf.reshape(tf.add(tf.mul(tf.reshape(rowsOfE, [B, rows, d]), Math.sqrt(d)), PE), [B * rows, d]) as tf.Tensor2D;
  };

  const loss = (src: tf.Tensor2D, yIn: tf.Tensor2D, yOut: tf.Tensor2D) => {
    let x = embedAt(src, Esrc, PEsrc, n);
    for (const l of enc) {
      x = tf.add(x, mha(layerNorm(x, l.ln1) as tf.Tensor2D, n, layerNorm(x, l.ln1) as tf.Tensor2D, n, l.self, null));
      x = tf.add(x, feedForward(layerNorm(x, l.ln2) as tf.Tensor2D, l.ffn));
    }
    const M = layerNorm(x, encLn) as tf.Tensor2D;
    let y = embedAt(yIn, Etgt, PEtgt, T);
    for (const l of dec) {
      const a = layerNorm(y, l.ln1) as tf.Tensor2D;
      y = tf.add(y, mha(a, T, a, T, l.self, causal));
      y = tf.add(y, mha(layerNorm(y, l.ln2) as tf.Tensor2D, T, M, n, l.cross, null));
      y = tf.add(y, feedForward(layerNorm(y, l.ln3) as tf.Tensor2D, l.ffn));
    }
    const logits = tf.matMul(layerNorm(y, decLn) as tf.Tensor2D, Etgt, false, true); // (B·T, V), tied
    return tf.losses.softmaxCrossEntropy(tf.oneHot(tf.reshape(yOut, [-1]) as tf.Tensor1D, vocab), logits) as tf.Scalar;
  };

  const optimizer = tf.train.adam(1e-3, 0.9, 0.98, 1e-9);
  return {
    async step(src, yIn, yOut) {
      const value = tf.tidy(() => {
        const {value, grads} = tf.variableGrads(() => loss(src, yIn, yOut), vars);
        optimizer.applyGradients(Object.entries(grads).map(([name, tensor]) => ({name, tensor})));
        return value;
      });
      const [v] = await value.data(); // wait until the backend has finished the step
      value.dispose();
      return v;
    },
    dispose() {
      for (const v of vars) v.dispose();
      for (const t of [PEsrc, PEtgt, causal]) t.dispose();
      optimizer.dispose();
    }
  };
}
