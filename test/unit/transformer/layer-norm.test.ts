import {describe, expect, it} from "vitest";
import * as tfl from "@tensorflow/tfjs-layers";
import {fromRows} from "../../../src/engine/index.js";
import {LayerNorm} from "../../../src/models/transformer/layer-norm.js";
import {tf, tfReady} from "../../oracle/tf.js";
import {checkBlock, maxAbsDiff, randomMat, Rng} from "./helpers.js";

describe("LayerNorm", () => {
  it("exact: (1, 2, 3) → (−√1.5, 0, √1.5)·γ + β, row by row", () => {
    const ln = new LayerNorm(3, "ln", 0, "float64");
    const {Y, invStd} = ln.forward(fromRows([[1, 2, 3], [5, 5, 8]], "float64"));
    const s = Math.sqrt(1.5);
    expect(maxAbsDiff(Y.data.subarray(0, 3), [-s, 0, s])).toBeLessThan(1e-14);
    expect(invStd[0]).toBeCloseTo(Math.sqrt(1.5), 14); // σ² = 2/3
    ln.gamma.value.data.set([2, 1, 0.5]);
    ln.beta.value.data.set([1, 0, -1]);
    const y2 = ln.forward(fromRows([[1, 2, 3]], "float64")).Y;
    expect(maxAbsDiff(y2.data, [1 - 2 * s, 0, -1 + 0.5 * s])).toBeLessThan(1e-14);
  });

  it("every row of x̂ has mean 0 and variance ≈ 1, whatever the row's scale and offset", () => {
    const rng = new Rng(3);
    const X = randomMat(rng, 5, 16, "float64");
    for (let i = 0; i < 16; i++) X.data[16 * 2 + i] = 1000 + 50 * X.data[16 * 2 + i];
    const {xHat} = new LayerNorm(16, "ln", 1e-5, "float64").forward(X);
    for (let r = 0; r < 5; r++) {
      const row = Array.from(xHat.data.subarray(r * 16, r * 16 + 16));
      const mean = row.reduce((a, b) => a + b) / 16;
      const v = row.reduce((a, b) => a + (b - mean) ** 2, 0) / 16;
      expect(Math.abs(mean)).toBeLessThan(1e-12);
      expect(v).toBeGreaterThan(0.99);
      expect(v).toBeLessThan(1.0001);
    }
  });

  it("backward matches finite differences (γ, β and the input), float64", () => {
    const rng = new Rng(4);
    const ln = new LayerNorm(6, "ln", 1e-5, "float64");
    for (const p of ln.params) for (let i = 0; i < 6; i++) p.value.data[i] += 0.5 * (2 * rng.uniform() - 1);
    const X = randomMat(rng, 4, 6, "float64", 2);
    const r = checkBlock(ln.params, [X], () => {
      const c = ln.forward(X);
      return {Y: c.Y, backward: (dY) => [ln.backward(c, dY)]};
    }, rng);
    expect(r.params, r.worst).toBeLessThan(1e-7);
    expect(r.inputs, r.worst).toBeLessThan(1e-7);
  });

  it("matches tf.layers.layerNormalization on the same γ, β (forward, dX, dγ, dβ), float32", async () => {
    await tfReady();
    const rng = new Rng(5);
    const N = 7, d = 32;
    const ln = new LayerNorm(d, "ln", 1e-5);
    for (let i = 0; i < d; i++) {
      ln.gamma.value.data[i] = 1 + 0.3 * (2 * rng.uniform() - 1);
      ln.beta.value.data[i] = 0.2 * (2 * rng.uniform() - 1);
    }
    const X = randomMat(rng, N, d, "float32", 3);
    const dY = randomMat(rng, N, d, "float32");
    const layer = tfl.layers.layerNormalization({axis: -1, epsilon: 1e-5});
    layer.build([null, d]);
    layer.setWeights([tf.tensor1d(Float32Array.from(ln.gamma.value.data)), tf.tensor1d(Float32Array.from(ln.beta.value.data))]);
    const x = tf.tensor2d(Float32Array.from(X.data), [N, d]);
    const yTf = (layer.apply(x) as tf.Tensor).dataSync();
    const c = ln.forward(X);
    expect(maxAbsDiff(c.Y.data, yTf)).toBeLessThan(1e-5);

    // Gradients of Σ dY ⊙ LN(x) with respect to x, γ, β, by TensorFlow.js's autodiff on the same ops.
    const g = tf.tensor1d(Float32Array.from(ln.gamma.value.data)), b = tf.tensor1d(Float32Array.from(ln.beta.value.data)), dy = tf.tensor2d(Float32Array.from(dY.data), [N, d]);
    const f = (xx: tf.Tensor, gg: tf.Tensor, bb: tf.Tensor) => {
      const {mean, variance} = tf.moments(xx, -1, true);
      return tf.sum(tf.mul(dy, tf.add(tf.mul(gg, tf.div(tf.sub(xx, mean), tf.sqrt(tf.add(variance, 1e-5)))), bb)));
    };
    const [dx, dg, db] = tf.grads(f)([x, g, b]);
    const dX = ln.backward(c, dY);
    expect(maxAbsDiff(dX.data, dx.dataSync())).toBeLessThan(1e-5);
    expect(maxAbsDiff(ln.gamma.grad.data, dg.dataSync())).toBeLessThan(1e-4);
    expect(maxAbsDiff(ln.beta.grad.data, db.dataSync())).toBeLessThan(1e-5);
  });
});
