import {describe, expect, it} from "vitest";
import * as tfl from "@tensorflow/tfjs-layers";
import {fromRows} from "../../../src/engine/index.js";
import {FeedForward} from "../../../src/models/transformer/feed-forward.js";
import {tf, tfReady} from "../../oracle/tf.js";
import {checkBlock, maxAbsDiff, randomMat, Rng} from "./helpers.js";

describe("FeedForward", () => {
  it("exact: max(0, x W₁ + b₁) W₂ + b₂ on a 2 → 2 → 1 network", () => {
    const ffn = new FeedForward(2, 2, new Rng(1), "ffn", "float64");
    ffn.W1.value.data.set([1, -1, 2, 1]); // W₁ = [[1, −1], [2, 1]]
    ffn.b1.value.data.set([0, 0.5]);
    ffn.W2.value.data.set([3, 1, -2, 4]); // W₂ = [[3, 1], [−2, 4]]
    ffn.b2.value.data.set([1, -1]);
    // x = (1, 1): x W₁ + b₁ = (3, 0.5); ReLU keeps both; (3, 0.5) W₂ + b₂ = (9 − 1 + 1, 3 + 2 − 1) = (9, 4)
    // x = (1, −1): x W₁ + b₁ = (−1, −1.5); ReLU zeroes both; output = b₂
    const {H, Y} = ffn.forward(fromRows([[1, 1], [1, -1]], "float64"));
    expect(Array.from(H.data)).toEqual([3, 0.5, 0, 0]);
    expect(Array.from(Y.data)).toEqual([9, 4, 1, -1]);
  });

  it("backward matches finite differences (W₁, b₁, W₂, b₂ and the input), float64", () => {
    const rng = new Rng(2);
    const ffn = new FeedForward(5, 8, rng, "ffn", "float64");
    for (const p of [ffn.b1, ffn.b2]) for (let i = 0; i < p.value.data.length; i++) p.value.data[i] = 0.3 * (2 * rng.uniform() - 1);
    const X = randomMat(rng, 4, 5, "float64");
    const r = checkBlock(ffn.params, [X], () => {
      const c = ffn.forward(X);
      return {Y: c.Y, backward: (dY) => [ffn.backward(c, dY)]};
    }, rng);
    expect(r.params, r.worst).toBeLessThan(1e-7);
    expect(r.inputs, r.worst).toBeLessThan(1e-7);
  });

  it("matches two tf.layers.dense (ReLU, then linear) on the same weights, forward and backward, float32", async () => {
    await tfReady();
    const rng = new Rng(3);
    const N = 6, d = 32, dff = 64;
    const ffn = new FeedForward(d, dff, rng);
    for (const p of [ffn.b1, ffn.b2]) for (let i = 0; i < p.value.data.length; i++) p.value.data[i] = 0.1 * (2 * rng.uniform() - 1);
    const X = randomMat(rng, N, d, "float32");
    const dY = randomMat(rng, N, d, "float32");
    const dense1 = tfl.layers.dense({units: dff, activation: "relu", inputShape: [d]});
    const dense2 = tfl.layers.dense({units: d});
    const model = tfl.sequential({layers: [dense1, dense2]});
    dense1.setWeights([tf.tensor2d(Float32Array.from(ffn.W1.value.data), [d, dff]), tf.tensor1d(Float32Array.from(ffn.b1.value.data))]);
    dense2.setWeights([tf.tensor2d(Float32Array.from(ffn.W2.value.data), [dff, d]), tf.tensor1d(Float32Array.from(ffn.b2.value.data))]);
    const x = tf.tensor2d(Float32Array.from(X.data), [N, d]);
    const c = ffn.forward(X);
    expect(maxAbsDiff(c.Y.data, (model.predict(x) as tf.Tensor).dataSync())).toBeLessThan(1e-5);

    const dy = tf.tensor2d(Float32Array.from(dY.data), [N, d]);
    const [w1, b1, w2, b2] = [ffn.W1, ffn.b1, ffn.W2, ffn.b2].map((p) => tf.tensor2d(Float32Array.from(p.value.data), [p.value.rows, p.value.cols]));
    const f = (xx: tf.Tensor, a: tf.Tensor, b: tf.Tensor, cc: tf.Tensor, e: tf.Tensor) =>
      tf.sum(tf.mul(dy, tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(xx as tf.Tensor2D, a as tf.Tensor2D), b)) as tf.Tensor2D, cc as tf.Tensor2D), e)));
    const grads = tf.grads(f)([x, w1, b1, w2, b2]);
    const dX = ffn.backward(c, dY);
    expect(maxAbsDiff(dX.data, grads[0].dataSync())).toBeLessThan(1e-5);
    [ffn.W1, ffn.b1, ffn.W2, ffn.b2].forEach((p, k) => expect(maxAbsDiff(p.grad.data, grads[k + 1].dataSync()), p.name).toBeLessThan(1e-5));
  });
});
