/**
 * The encoder–decoder written again with TensorFlow.js ops, for the oracle test (its autodiff
 * checks our backward pass) and for the benchmark. Dev-only. `p` maps our parameter names to
 * tensors of the same shapes (weights stored (out, in), so a layer is x Wᵀ).
 */
import * as tf from "@tensorflow/tfjs-core";
import type {Seq2seqConfig} from "../../../src/models/seq2seq/model.js";
import {PAD} from "../../../src/models/seq2seq/vocab.js";

export type T2 = tf.Tensor2D;
export type P = Record<string, T2>;

/** x Wᵀ for W stored (out, in) as in our Params. */
const lin = (x: T2, W: T2): T2 => tf.matMul(x, W, false, true);

function gru(p: P, pre: string, x: T2, h: T2): T2 {
  const gate = (g: string, input: T2) => tf.add(tf.add(lin(x, p[`${pre}.W${g}`]), lin(input, p[`${pre}.U${g}`])), p[`${pre}.b${g}`]) as T2;
  const z = tf.sigmoid(gate("_z", h));
  const r = tf.sigmoid(gate("_r", h));
  const hc = tf.tanh(gate("", tf.mul(r, h) as T2));
  return tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), hc)) as T2;
}

/** The mean cross-entropy of the teacher-forced batch, as a scalar tensor. */
export function tfLoss(p: P, config: Seq2seqConfig, src: Int32Array[], yIn: Int32Array[], yOut: Int32Array[]): T2 {
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
  // The keys k_i, all positions at once: U_a h_i (additive), h_i (dot), W_a h_i (general): (B, n, K).
  const flat = tf.reshape(stacked, [B * n, H]) as T2;
  const keyWeight = config.score === "additive" ? p["att.U_a"] : config.score === "general" ? p["att.W_a"] : null;
  const keys = config.variant === "attention" && keyWeight ? tf.reshape(lin(flat, keyWeight), [B, n, keyWeight.shape[0]]) : stacked;
  let s = tf.tanh(tf.add(lin(last, p["W_s"]), p["b_s"])) as T2;
  let total = tf.scalar(0);
  let count = 0;
  yIn.forEach((y, t) => {
    let c = last;
    if (config.variant === "attention") {
      const e = config.score === "additive"
        ? tf.sum(tf.mul(tf.tanh(tf.add(tf.expandDims(lin(s, p["att.W_a"]), 1), keys)), p["att.v_a"]), 2) // v_aᵀ tanh(W_a s + U_a h_i)
        : tf.sum(tf.mul(tf.expandDims(s, 1), keys), 2); // sᵀ h_i or sᵀ W_a h_i
      const alpha = tf.softmax(e as T2); // (B, n)
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
