/**
 * The small layers of chapters 5–7 against TensorFlow.js on the same weights, forward and
 * backward (tf.grads of Σ Y ⊙ R): the token embedding (tf.gather), the dense read-out, the
 * learned position table, and the sinusoidal table computed again from §3.5's formula with tf ops.
 */
import {describe, expect, it} from "vitest";
import {Embedding} from "../../../src/models/attention/embedding.js";
import {LearnedPositions} from "../../../src/models/attention/learned-positions.js";
import {Linear} from "../../../src/models/attention/linear.js";
import {sinusoidalPositions} from "../../../src/models/attention/sinusoidal.js";
import {tfReady} from "../../oracle/tf.js";
import {maxAbsDiff, randomMat, Rng} from "./helpers.js";
import {tensor, tf} from "./tf-attention.js";
import "@tensorflow/tfjs-core/dist/register_all_gradients";

describe("small layers against TensorFlow.js, same weights (float32)", () => {
  it("Embedding: X = E[tokens] is tf.gather(E, tokens); dE matches tf.grads, repeated tokens adding up", async () => {
    await tfReady();
    const rng = new Rng(31);
    const emb = new Embedding(7, 5, rng);
    const tokens = [3, 0, 3, 6, 1, 3];
    const R = randomMat(rng, tokens.length, 5, "float32");
    const X = emb.forward(tokens);
    emb.E.grad.data.fill(0);
    emb.backward(tokens, R);
    const E = tensor(emb.E.value);
    expect(maxAbsDiff(X.data, tf.gather(E, tokens).dataSync())).toBe(0);
    const [dE] = tf.grads((e: tf.Tensor) => tf.sum(tf.mul(tf.gather(e, tokens), tensor(R))))([E]);
    expect(maxAbsDiff(emb.E.grad.data, dE.dataSync())).toBeLessThan(1e-6);
  });

  it("Linear: Y = X W + b, and dW, db, dX, match tf.grads", async () => {
    await tfReady();
    const rng = new Rng(32);
    const lin = new Linear(6, 4, rng);
    for (let i = 0; i < 4; i++) lin.b.value.data[i] = 0.5 * (2 * rng.uniform() - 1);
    const X = randomMat(rng, 5, 6, "float32"), R = randomMat(rng, 5, 4, "float32");
    const Y = lin.forward(X);
    for (const p of lin.params) p.grad.data.fill(0);
    const dX = lin.backward(X, R);
    const f = (x: tf.Tensor, W: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.add(tf.matMul(x as tf.Tensor2D, W as tf.Tensor2D), b), tensor(R)));
    const [x, W, b] = [tensor(X), tensor(lin.W.value), tensor(lin.b.value)];
    expect(maxAbsDiff(Y.data, tf.add(tf.matMul(x as tf.Tensor2D, W as tf.Tensor2D), b).dataSync())).toBeLessThan(1e-6);
    const [gx, gW, gb] = tf.grads(f as (...t: tf.Tensor[]) => tf.Tensor)([x, W, b]);
    expect(maxAbsDiff(dX.data, gx.dataSync())).toBeLessThan(1e-5);
    expect(maxAbsDiff(lin.W.grad.data, gW.dataSync())).toBeLessThan(1e-5);
    expect(maxAbsDiff(lin.b.grad.data, gb.dataSync())).toBeLessThan(1e-5);
  });

  it("LearnedPositions: Y[b, t] = X[b, t] + P[t]; dP sums over the batch, as tf.grads says", async () => {
    await tfReady();
    const rng = new Rng(33);
    const B = 3, n = 4, d = 6;
    const lp = new LearnedPositions(10, d, rng);
    const X = randomMat(rng, B * n, d, "float32"), R = randomMat(rng, B * n, d, "float32");
    const Y = lp.forward(X, n);
    lp.P.grad.data.fill(0);
    lp.backward(R, n);
    const P = tensor(lp.P.value);
    const f = (p: tf.Tensor) => tf.add(tf.reshape(tensor(X), [B, n, d]), tf.reshape(tf.slice(p, [0, 0], [n, d]), [1, n, d]));
    expect(maxAbsDiff(Y.data, f(P).dataSync())).toBeLessThan(1e-6);
    const [dP] = tf.grads((p: tf.Tensor) => tf.sum(tf.mul(f(p), tf.reshape(tensor(R), [B, n, d]))))([P]);
    expect(maxAbsDiff(lp.P.grad.data, dP.dataSync())).toBeLessThan(1e-5);
  });

  it("sinusoidal positions: the table equals sin/cos(pos / 10000^(2i/d)) computed with tf ops", async () => {
    await tfReady();
    const n = 50, d = 16;
    const pos = tf.reshape(tf.range(0, n), [n, 1]);
    const rate = tf.pow(10000, tf.div(tf.mul(tf.floor(tf.div(tf.range(0, d), 2)), 2), d)); // 10000^(2i/d) for columns 2i, 2i+1
    const angle = tf.div(pos, tf.reshape(rate, [1, d])); // (n, d)
    const even = tf.reshape(tf.equal(tf.mod(tf.range(0, d), 2), 0), [1, d]);
    const ref = tf.where(tf.broadcastTo(even, [n, d]), tf.sin(angle), tf.cos(angle));
    expect(maxAbsDiff(sinusoidalPositions(n, d).data, ref.dataSync())).toBeLessThan(1e-5);
  });
});
