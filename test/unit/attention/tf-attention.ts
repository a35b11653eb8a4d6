/**
 * The attention layers again, built from TensorFlow.js ops (matMul, softmax, reshape, transpose):
 * an independent implementation to compare ours against on the same weights (tests), and to
 * time against with tf.grads (bench). Inputs are (B, n, d) tensors; weights are (d_in, d_out).
 */
import * as tf from "@tensorflow/tfjs-core";
import type {Mat} from "../../../src/engine/index.js";

export type T = tf.Tensor;

/** A Mat as a float32 tensor of the given shape (default its own (rows, cols)). */
export function tensor(m: Mat, shape: number[] = [m.rows, m.cols]): T {
  return tf.tensor(Float32Array.from(m.data), shape);
}

/** Additive mask (B, 1, n, m): 0 where allowed, −1e9 where not. */
export function additiveMask(B: number, n: number, m: number, causal: boolean, lengths?: ArrayLike<number>): T {
  const data = new Float32Array(B * n * m);
  for (let b = 0; b < B; b++)
    for (let i = 0; i < n; i++)
      for (let j = 0; j < m; j++) if ((causal && j > i) || (lengths && j >= lengths[b])) data[(b * n + i) * m + j] = -1e9;
  return tf.tensor(data, [B, 1, n, m]);
}

/** softmax(s·Q Kᵀ + mask) V on (…, n, d) tensors; returns the weights and the output. */
export function tfAttention(Q: T, K: T, V: T, scale: number, mask?: T): {A: T; O: T} {
  let S = tf.mul(tf.matMul(Q, K, false, true), scale);
  if (mask) S = tf.add(S, mask);
  const A = tf.softmax(S);
  return {A, O: tf.matMul(A, V)};
}

/** (B, n, d) → (B, h, n, d/h). */
function split(X: T, h: number): T {
  const [B, n, d] = X.shape;
  return tf.transpose(tf.reshape(X, [B, n, h, d / h]), [0, 2, 1, 3]);
}

/** X W for X (B, n, d_in), W (d_in, d_out). */
export function project(X: T, W: T): T {
  const [B, n, d] = X.shape;
  return tf.reshape(tf.matMul(tf.reshape(X, [B * n, d]), W), [B, n, W.shape[1] as number]);
}

export function tfSelfAttention(X: T, WQ: T, WK: T, WV: T, scale: number, mask?: T): {A: T; Y: T} {
  const m = mask ? tf.squeeze(mask, [1]) : undefined;
  const {A, O} = tfAttention(project(X, WQ), project(X, WK), project(X, WV), scale, m);
  return {A, Y: O};
}

/** Multi-head attention by reshape and transpose; A is (B, h, n, m), Y (B, n, d). */
export function tfMultiHead(X: T, WQ: T, WK: T, WV: T, WO: T, h: number, scale: number, opts: {mask?: T; memory?: T; headMask?: number[]} = {}): {A: T; Y: T} {
  const M = opts.memory ?? X;
  const [B, n, d] = X.shape;
  const {A, O} = tfAttention(split(project(X, WQ), h), split(project(M, WK), h), split(project(M, WV), h), scale, opts.mask);
  const gated = opts.headMask ? tf.mul(O, tf.tensor(opts.headMask, [1, h, 1, 1])) : O;
  const C = tf.reshape(tf.transpose(gated, [0, 2, 1, 3]), [B, n, d]);
  return {A, Y: project(C, WO)};
}

export {tf};
