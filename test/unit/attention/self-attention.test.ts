import {describe, expect, it} from "vitest";
import {SelfAttention} from "../../../src/models/attention/self-attention.js";
import {checkLayer, maxAbsDiff, randomMat, Rng} from "./helpers.js";
import {additiveMask, tensor, tfSelfAttention} from "./tf-attention.js";
import {tfReady} from "../../oracle/tf.js";

describe("SelfAttention: gradients (float64, central differences)", () => {
  for (const [name, scaled, mask] of [
    ["scaled, no mask", true, {}],
    ["unscaled, no mask", false, {}],
    ["scaled, causal", true, {causal: true}],
    ["unscaled, padding", false, {lengths: [4, 2]}],
    ["scaled, causal + padding", true, {causal: true, lengths: [3, 4]}]
  ] as const) {
    it(name, () => {
      const rng = new Rng(5);
      const sa = new SelfAttention({dModel: 6, dK: 4, dV: 3, scaled, dtype: "float64"}, rng);
      const X = randomMat(rng, 2 * 4, 6);
      const err = checkLayer(sa.params, {X}, () => sa.forward(X, 4, mask).Y, (dY) => ({X: sa.backward(sa.forward(X, 4, mask), dY)}), rng);
      expect(err.params).toBeLessThan(1e-5);
      expect(err.inputs.X).toBeLessThan(1e-5);
    });
  }

  it("the output is (B·n, d_v) and every weight row sums to 1", () => {
    const sa = new SelfAttention({dModel: 8, dK: 4, dV: 2}, new Rng(1));
    const {Y, att} = sa.forward(randomMat(new Rng(2), 15, 8, "float32"), 5);
    expect([Y.rows, Y.cols]).toEqual([15, 2]);
    for (let r = 0; r < 15; r++) expect(Array.from(att.A.data.subarray(r * 5, r * 5 + 5)).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });
});

describe("SelfAttention against TensorFlow.js on the same weights (float32)", () => {
  for (const [name, scaled, causal, lengths] of [
    ["scaled", true, false, undefined],
    ["unscaled, causal", false, true, undefined],
    ["scaled, padding", true, false, [6, 3]]
  ] as const) {
    it(name, async () => {
      await tfReady();
      const rng = new Rng(8);
      const B = 2, n = 6, d = 16, dk = 8;
      const sa = new SelfAttention({dModel: d, dK: dk, scaled}, rng);
      const X = randomMat(rng, B * n, d, "float32");
      const ours = sa.forward(X, n, {causal, lengths});
      const mask = causal || lengths ? additiveMask(B, n, n, causal, lengths) : undefined;
      const ref = tfSelfAttention(tensor(X, [B, n, d]), tensor(sa.WQ.value), tensor(sa.WK.value), tensor(sa.WV.value), scaled ? 1 / Math.sqrt(dk) : 1, mask);
      expect(maxAbsDiff(ours.att.A.data, ref.A.dataSync())).toBeLessThan(1e-5);
      expect(maxAbsDiff(ours.Y.data, ref.Y.dataSync())).toBeLessThan(1e-5);
    });
  }
});
