import {describe, expect, it} from "vitest";
import "@tensorflow/tfjs-core/dist/register_all_gradients";
import {tf, tfReady} from "../../oracle/tf.js";
import {Rng, gradCheck, mat, normalInit, zeroGrads} from "../../../src/engine/index.js";
import {spirals} from "../../../src/models/demo-data.js";
import {DemoLive, accuracy, defaultDemoConfig} from "../../../src/models/demo-live.js";
import {Mlp} from "../../../src/models/demo-mlp.js";

function setup(dtype: "float32" | "float64") {
  const rng = new Rng(3);
  const mlp = new Mlp({inputs: 2, hidden: 5, classes: 3, dtype}, rng);
  normalInit(mlp.b1.value, rng, 0.3);
  normalInit(mlp.b2.value, rng, 0.3);
  const {X, y} = spirals({classes: 3, perClass: 4, noise: 0.2}, rng);
  const X32 = dtype === "float64" ? X : mat(X.rows, X.cols, "float32", Float32Array.from(X.data));
  return {mlp, X: X32, y};
}

describe("the demo MLP", () => {
  it("has exact gradients for every parameter (float64, central differences)", () => {
    const {mlp, X, y} = setup("float64");
    zeroGrads(mlp.params);
    const {loss} = mlp.lossAndGrad(X, y);
    expect(loss).toBeCloseTo(mlp.loss(mlp.forward(X), y), 14);
    const check = gradCheck(mlp.params, () => mlp.loss(mlp.forward(X), y), {h: 1e-6, floor: 1e-8});
    expect(check.checked).toBe(5 * 2 + 5 + 3 * 5 + 3);
    expect(check.maxRelError).toBeLessThan(1e-6);
  });

  it("matches TensorFlow.js on the same weights: loss, probabilities and gradients (float32)", async () => {
    await tfReady();
    const {mlp, X, y} = setup("float32");
    zeroGrads(mlp.params);
    const {loss, trace} = mlp.lossAndGrad(X, y);
    const P = mlp.probabilities(trace, 0.5);
    const t = (m: {rows: number; cols: number; data: ArrayLike<number>}) => tf.tensor2d(Array.from(m.data), [m.rows, m.cols]);
    const x = t(X), onehot = tf.cast(tf.oneHot(tf.tensor1d(Array.from(y), "int32"), 3), "float32");
    const forward = (W1: tf.Tensor, b1: tf.Tensor, W2: tf.Tensor, b2: tf.Tensor) =>
      tf.add(tf.matMul(tf.tanh(tf.add(tf.matMul(x, W1, false, true), b1)), W2, false, true), b2); // (N, K)
    const lossOf = (W1: tf.Tensor, b1: tf.Tensor, W2: tf.Tensor, b2: tf.Tensor) =>
      tf.neg(tf.mean(tf.sum(tf.mul(onehot, tf.logSoftmax(forward(W1, b1, W2, b2))), 1)));
    const weights = mlp.params.map((p) => t(p.value));
    const theirLoss = lossOf(weights[0], weights[1], weights[2], weights[3]).arraySync() as number;
    const theirGrads = tf.grads((a, b, c, d) => lossOf(a, b, c, d))(weights).map((g) => g.dataSync());
    const theirP = tf.softmax(tf.div(forward(weights[0], weights[1], weights[2], weights[3]), 0.5)).dataSync();
    expect(Math.abs(loss - theirLoss)).toBeLessThan(1e-5);
    for (let k = 0; k < P.data.length; k++) expect(Math.abs(P.data[k] - theirP[k])).toBeLessThan(1e-5);
    mlp.params.forEach((p, i) => {
      for (let k = 0; k < p.grad.data.length; k++) expect(Math.abs(p.grad.data[k] - theirGrads[i][k])).toBeLessThan(1e-5);
    });
    expect(Math.max(...mlp.W1.grad.data.map(Math.abs))).toBeGreaterThan(1e-3); // a non-trivial match
  });
});

describe("DemoLive", () => {
  it("is reproducible from its seed and learns the spirals", () => {
    const a = new DemoLive(), b = new DemoLive();
    const info = a.reset({...defaultDemoConfig, seed: 7});
    b.reset({...defaultDemoConfig, seed: 7});
    expect(info.parameters).toBe(24 * 2 + 24 + 3 * 24 + 3);
    expect(info.points).toBe(180);
    const first = a.trainStep();
    expect(b.trainStep()).toEqual(first);
    expect(first.loss).toBeGreaterThan(0.9); // near ln 3 ≈ 1.10 at the start
    expect(first.loss).toBeLessThan(1.4);
    let last = first;
    for (let i = 0; i < 1500; i++) last = a.trainStep();
    expect(last.loss).toBeLessThan(0.3);
    expect(last.accuracy).toBeGreaterThan(0.9);
  });

  it("answers a query with a probability grid whose classes sum to 1, sharper at low τ", () => {
    const m = new DemoLive();
    for (let i = 0; i < 300; i++) m.trainStep();
    const q = {temperature: 1, cls: 0, resolution: 12, point: 5};
    const views = [0, 1, 2].map((cls) => m.query({...q, cls}));
    expect(views[0].grid.rows).toBe(12);
    expect(views[0].grid.data.length).toBe(144);
    for (let k = 0; k < 144; k++) expect(views[0].grid.data[k] + views[1].grid.data[k] + views[2].grid.data[k]).toBeCloseTo(1, 5);
    const spread = (d: Float32Array) => Math.max(...d) - Math.min(...d);
    const cold = m.query({...q, temperature: 0.2}).grid.data, hot = m.query({...q, temperature: 5}).grid.data;
    expect(spread(cold)).toBeGreaterThan(spread(hot));
    const tr = views[0].trace;
    expect(tr.z1.length).toBe(24);
    for (let j = 0; j < 24; j++) expect(tr.h[j]).toBeCloseTo(Math.tanh(tr.z1[j]), 12);
    expect(tr.p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(tr.W2.rows * tr.W2.cols).toBe(72);
  });

  it("changes the learning rate through configure without a rebuild", () => {
    const m = new DemoLive();
    const before = m.query({temperature: 1, cls: 0, resolution: 4, point: 0}).grid.data;
    m.configure({learningRate: 0});
    m.trainStep();
    expect(m.query({temperature: 1, cls: 0, resolution: 4, point: 0}).grid.data).toEqual(before);
  });

  it("counts accuracy by the largest logit", () => {
    const Z = mat(3, 2, "float64", Float64Array.from([1, 2, 3, 0, 0, 5]));
    expect(accuracy(Z, [1, 0, 0])).toBeCloseTo(2 / 3, 15);
  });
});
