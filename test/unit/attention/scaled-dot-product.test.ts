import {describe, expect, it} from "vitest";
import {fromRows, mat} from "../../../src/engine/index.js";
import {attentionBackward, attentionForward, type AttentionOptions} from "../../../src/models/attention/scaled-dot-product.js";
import {maskMatrix} from "../../../src/models/attention/mask.js";
import {maxAbsDiff, maxRelError, numericGrad, probe, randomMat, Rng} from "./helpers.js";
import {additiveMask, tensor, tf, tfAttention} from "./tf-attention.js";
import {tfReady} from "../../oracle/tf.js";

describe("scaled dot-product attention: exact small cases", () => {
  it("one query, two keys: weights softmax(q·k/√d), output their mix of values", () => {
    const Q = fromRows([[1, 0]], "float64");
    const K = fromRows([[2, 0], [0, 2]], "float64");
    const V = fromRows([[10, 0], [0, 10]], "float64");
    const {S, A, O} = attentionForward(Q, K, V, {seqLen: 1, keyLen: 2});
    expect(S.data[0]).toBeCloseTo(2 / Math.SQRT2, 14);
    expect(S.data[1]).toBe(0);
    const a = Math.exp(Math.SQRT2) / (Math.exp(Math.SQRT2) + 1);
    expect(A.data[0]).toBeCloseTo(a, 14);
    expect(O.data[0]).toBeCloseTo(10 * a, 13);
    expect(O.data[1]).toBeCloseTo(10 * (1 - a), 13);
  });

  it("scale 1 leaves the dot products unscaled", () => {
    const Q = fromRows([[1, 1]], "float64"), K = fromRows([[3, 1]], "float64");
    expect(attentionForward(Q, K, K, {seqLen: 1, scale: 1}).S.data[0]).toBe(4);
  });

  it("causal: row i has weight only on keys ≤ i, and the first row copies the first value", () => {
    const rng = new Rng(3);
    const X = randomMat(rng, 4, 3);
    const {A, O} = attentionForward(X, X, X, {seqLen: 4, causal: true});
    for (let i = 0; i < 4; i++) {
      let s = 0;
      for (let j = 0; j < 4; j++) {
        if (j > i) expect(A.data[i * 4 + j]).toBe(0);
        s += A.data[i * 4 + j];
      }
      expect(s).toBeCloseTo(1, 14);
    }
    expect(maxAbsDiff(O.data.subarray(0, 3), X.data.subarray(0, 3))).toBe(0);
    expect(Array.from(maskMatrix({causal: true}, 3, 3))).toEqual([1, 0, 0, 1, 1, 0, 1, 1, 1]);
  });

  it("padding: keys past each sequence's length get weight 0; a query with no key gets zeros, not NaN", () => {
    const rng = new Rng(4);
    const Q = randomMat(rng, 6, 2), K = randomMat(rng, 6, 2), V = randomMat(rng, 6, 2);
    const {A, O} = attentionForward(Q, K, V, {seqLen: 3, lengths: [2, 0]});
    for (let i = 0; i < 3; i++) expect(A.data[i * 3 + 2]).toBe(0);
    expect(Array.from(A.data.subarray(9))).toEqual(new Array(9).fill(0));
    expect(Array.from(O.data.subarray(6))).toEqual(new Array(6).fill(0));
    const {dQ, dK, dV} = attentionBackward(attentionForward(Q, K, V, {seqLen: 3, lengths: [2, 0]}), randomMat(rng, 6, 2));
    for (const g of [dQ, dK, dV]) for (const v of g.data) expect(Number.isFinite(v)).toBe(true);
    expect(Array.from(dV.data.subarray(4, 6))).toEqual([0, 0]); // a padded key's value gets no gradient
  });

  it("rejects shapes that do not fit", () => {
    expect(() => attentionForward(mat(5, 2), mat(6, 2), mat(6, 2), {seqLen: 3})).toThrow(/sequences of 3/);
  });
});

describe("scaled dot-product attention: gradients against central differences (float64)", () => {
  const cases: [string, Partial<AttentionOptions>][] = [
    ["scaled", {}],
    ["unscaled", {scale: 1}],
    ["causal", {causal: true}],
    ["padding", {lengths: [3, 5]}],
    ["causal + padding, unscaled", {causal: true, lengths: [5, 2], scale: 1}]
  ];
  for (const [name, extra] of cases) {
    it(name, () => {
      const rng = new Rng(11);
      const B = 2, n = 5, dk = 4, dv = 3;
      const Q = randomMat(rng, B * n, dk), K = randomMat(rng, B * n, dk), V = randomMat(rng, B * n, dv);
      const opts: AttentionOptions = {seqLen: n, ...extra};
      const R = randomMat(rng, B * n, dv);
      const {dQ, dK, dV} = attentionBackward(attentionForward(Q, K, V, opts), R);
      const f = () => probe(attentionForward(Q, K, V, opts).O, R);
      expect(maxRelError(dQ.data, numericGrad(f, Q.data))).toBeLessThan(1e-5);
      expect(maxRelError(dK.data, numericGrad(f, K.data))).toBeLessThan(1e-5);
      expect(maxRelError(dV.data, numericGrad(f, V.data))).toBeLessThan(1e-5);
    });
  }

  it("cross-attention shapes: n queries, m ≠ n keys", () => {
    const rng = new Rng(12);
    const B = 2, n = 3, m = 5;
    const Q = randomMat(rng, B * n, 4), K = randomMat(rng, B * m, 4), V = randomMat(rng, B * m, 2);
    const opts = {seqLen: n, keyLen: m, lengths: [5, 4]};
    const R = randomMat(rng, B * n, 2);
    const g = attentionBackward(attentionForward(Q, K, V, opts), R);
    const f = () => probe(attentionForward(Q, K, V, opts).O, R);
    expect(maxRelError(g.dK.data, numericGrad(f, K.data))).toBeLessThan(1e-5);
    expect(maxRelError(g.dQ.data, numericGrad(f, Q.data))).toBeLessThan(1e-5);
  });
});

describe("scaled dot-product attention against TensorFlow.js (float32)", () => {
  for (const [name, causal, lengths, scale] of [
    ["scaled", false, undefined, undefined],
    ["unscaled, causal", true, undefined, 1],
    ["padding", false, [7, 4, 1]]
  ] as const) {
    it(name, async () => {
      await tfReady();
      const rng = new Rng(21);
      const B = 3, n = 7, dk = 8, dv = 5;
      const Q = randomMat(rng, B * n, dk, "float32"), K = randomMat(rng, B * n, dk, "float32"), V = randomMat(rng, B * n, dv, "float32");
      const ours = attentionForward(Q, K, V, {seqLen: n, causal, lengths, scale});
      const mask = causal || lengths ? tf.squeeze(additiveMask(B, n, n, causal, lengths), [1]) : undefined;
      const {A, O} = tfAttention(tensor(Q, [B, n, dk]), tensor(K, [B, n, dk]), tensor(V, [B, n, dv]), scale ?? 1 / Math.sqrt(dk), mask);
      expect(maxAbsDiff(ours.A.data, A.dataSync())).toBeLessThan(1e-5);
      expect(maxAbsDiff(ours.O.data, O.dataSync())).toBeLessThan(1e-5);
    });
  }
});
