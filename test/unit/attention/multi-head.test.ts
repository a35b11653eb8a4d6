import {describe, expect, it} from "vitest";
import {MultiHeadAttention} from "../../../src/models/attention/multi-head.js";
import {multiHeadShapes} from "../../../src/models/attention/shapes.js";
import {checkLayer, maxAbsDiff, randomMat, Rng} from "./helpers.js";
import {additiveMask, tensor, tf, tfMultiHead} from "./tf-attention.js";
import {tfReady} from "../../oracle/tf.js";
import "@tensorflow/tfjs-core/dist/register_all_gradients";

describe("MultiHeadAttention: gradients (float64, central differences)", () => {
  for (const [name, heads, scaled, mask] of [
    ["2 heads, scaled", 2, true, {}],
    ["3 heads, unscaled", 3, false, {}],
    ["2 heads, causal", 2, true, {causal: true}],
    ["1 head, padding", 1, true, {lengths: [2, 4]}],
    ["2 heads, causal + padding, head 2 off", 2, true, {causal: true, lengths: [4, 3], headMask: [1, 0]}],
    ["2 heads, soft gates 0.5 and 2", 2, true, {headMask: [0.5, 2]}]
  ] as const) {
    it(name, () => {
      const rng = new Rng(6);
      const mha = new MultiHeadAttention({dModel: 6, heads, scaled, dtype: "float64"}, rng);
      const X = randomMat(rng, 2 * 4, 6);
      const err = checkLayer(mha.params, {X}, () => mha.forward(X, 4, mask).Y, (dY) => ({X: mha.backward(mha.forward(X, 4, mask), dY).dX}), rng);
      expect(err.params).toBeLessThan(1e-5);
      expect(err.inputs.X).toBeLessThan(1e-5);
    });
  }

  it("cross-attention: gradients reach both the queries' X and the memory", () => {
    const rng = new Rng(7);
    const mha = new MultiHeadAttention({dModel: 4, heads: 2, dtype: "float64"}, rng);
    const X = randomMat(rng, 2 * 3, 4), M = randomMat(rng, 2 * 5, 4);
    const opts = {memory: M, memoryLen: 5, lengths: [5, 3]};
    const err = checkLayer(mha.params, {X, M}, () => mha.forward(X, 3, opts).Y, (dY) => {
      const {dX, dMemory} = mha.backward(mha.forward(X, 3, opts), dY);
      return {X: dX, M: dMemory!};
    }, rng);
    expect(err.params).toBeLessThan(1e-5);
    expect(err.inputs.X).toBeLessThan(1e-5);
    expect(err.inputs.M).toBeLessThan(1e-5);
  });

  it("a head switched off changes nothing downstream of it: its weights of W_O get no gradient", () => {
    const rng = new Rng(9);
    const mha = new MultiHeadAttention({dModel: 4, heads: 2, dtype: "float64"}, rng);
    const X = randomMat(rng, 3, 4);
    const c = mha.forward(X, 3, {headMask: [0, 1]});
    mha.backward(c, randomMat(rng, 3, 4));
    for (let r = 0; r < 2; r++) for (let j = 0; j < 4; j++) expect(mha.WO.grad.data[r * 4 + j]).toBe(0); // rows of head 1
    expect(Array.from(c.C.data.filter((_, i) => i % 4 < 2))).toEqual(new Array(6).fill(0));
  });

  it("refuses a head count that does not divide d_model", () => {
    expect(() => new MultiHeadAttention({dModel: 6, heads: 4}, new Rng(1))).toThrow(/do not divide/);
  });
});

describe("MultiHeadAttention against TensorFlow.js (reshape/transpose heads), same weights, float32", () => {
  for (const [name, h, causal, lengths, headMask] of [
    ["4 heads", 4, false, undefined, undefined],
    ["2 heads, causal", 2, true, undefined, undefined],
    ["8 heads, padding, heads 2 and 5 off", 8, false, [5, 8], [1, 0, 1, 1, 0, 1, 1, 1]]
  ] as const) {
    it(name, async () => {
      await tfReady();
      const rng = new Rng(10);
      const B = 2, n = 8, d = 32;
      const mha = new MultiHeadAttention({dModel: d, heads: h}, rng);
      const X = randomMat(rng, B * n, d, "float32");
      const ours = mha.forward(X, n, {causal, lengths, headMask});
      const w = mha.params.map((p) => tensor(p.value));
      const mask = causal || lengths ? additiveMask(B, n, n, causal, lengths) : undefined;
      const ref = tfMultiHead(tensor(X, [B, n, d]), w[0], w[1], w[2], w[3], h, 1 / Math.sqrt(d / h), {mask, headMask: headMask ? [...headMask] : undefined});
      const A = ref.A.arraySync() as number[][][][]; // (B, h, n, n)
      for (let k = 0; k < h; k++) {
        const ourA = ours.heads[k].A.data;
        const refA = A.flatMap((perB) => perB[k].flat());
        expect(maxAbsDiff(ourA, refA)).toBeLessThan(1e-5);
      }
      expect(maxAbsDiff(ours.Y.data, ref.Y.dataSync())).toBeLessThan(1e-5);
    });
  }

  it("cross-attention", async () => {
    await tfReady();
    const rng = new Rng(13);
    const B = 2, n = 3, m = 6, d = 8;
    const mha = new MultiHeadAttention({dModel: d, heads: 2}, rng);
    const X = randomMat(rng, B * n, d, "float32"), M = randomMat(rng, B * m, d, "float32");
    const ours = mha.forward(X, n, {memory: M, memoryLen: m});
    const w = mha.params.map((p) => tensor(p.value));
    const ref = tfMultiHead(tensor(X, [B, n, d]), w[0], w[1], w[2], w[3], 2, 1 / 2, {memory: tensor(M, [B, m, d])});
    expect(maxAbsDiff(ours.Y.data, ref.Y.dataSync())).toBeLessThan(1e-5);
    tf.disposeVariables();
  });
});

describe("MultiHeadAttention backward against tf.grads of the TensorFlow.js layer (float32)", () => {
  it("dX, dW_Q, dW_K, dW_V, dW_O for 4 heads with a causal mask", async () => {
    await tfReady();
    const rng = new Rng(14);
    const B = 2, n = 6, d = 16, h = 4;
    const mha = new MultiHeadAttention({dModel: d, heads: h}, rng);
    const X = randomMat(rng, B * n, d, "float32"), R = randomMat(rng, B * n, d, "float32");
    for (const p of mha.params) p.grad.data.fill(0);
    const {dX} = mha.backward(mha.forward(X, n, {causal: true}), R);
    const mask = additiveMask(B, n, n, true);
    const r = tensor(R, [B, n, d]);
    const f = (x: tf.Tensor, q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, o: tf.Tensor) => tf.sum(tf.mul(tfMultiHead(x, q, k, v, o, h, 0.5, {mask}).Y, r));
    const grads = tf.grads(f as (...t: tf.Tensor[]) => tf.Tensor)([tensor(X, [B, n, d]), ...mha.params.map((p) => tensor(p.value))]);
    const ours = [dX, ...mha.params.map((p) => p.grad)];
    grads.forEach((g, i) => {
      const ref = g.dataSync();
      const scale = Math.max(...Array.from(ref, Math.abs));
      expect(maxAbsDiff(ours[i].data, ref) / scale).toBeLessThan(1e-5);
    });
  });
});

describe("multiHeadShapes", () => {
  it("labels every tensor: d_model = 32, 4 heads, n = 10", () => {
    const s = Object.fromEntries(multiHeadShapes(32, 4, 10).map((t) => [t.name, [t.shape, t.count]]));
    expect(s["X"]).toEqual([[10, 32], 1]);
    expect(s["Q_k"]).toEqual([[10, 8], 4]);
    expect(s["A_k = softmax(S_k)"]).toEqual([[10, 10], 4]);
    expect(s["C = concat(head_1 … head_h)"]).toEqual([[10, 32], 1]);
    expect(s["Y = C W_O"]).toEqual([[10, 32], 1]);
  });
  it("matches the shapes the layer really makes", () => {
    const mha = new MultiHeadAttention({dModel: 12, heads: 3}, new Rng(2));
    const c = mha.forward(randomMat(new Rng(3), 2 * 5, 12, "float32"), 5);
    const s = Object.fromEntries(multiHeadShapes(12, 3, 5, 5, 2).map((t) => [t.name, t.shape]));
    expect(s["Q = X W_Q"]).toEqual([c.Q.rows, c.Q.cols]);
    expect(s["A_k = softmax(S_k)"]).toEqual([c.heads[0].A.rows, c.heads[0].A.cols]);
    expect(s["head_k = A_k V_k"]).toEqual([c.heads[0].O.rows, c.heads[0].O.cols]);
    expect(s["Y = C W_O"]).toEqual([c.Y.rows, c.Y.cols]);
  });
});
