import {describe, expect, it} from "vitest";
import {Rng} from "../../../src/engine/index.js";
import {MultiHeadAttention} from "../../../src/models/attention/multi-head.js";
import {convolutionOps, recurrentOps, selfAttentionOps, TABLE_1, table1Values, timeLayers} from "../../../src/models/complexity.js";
import {Conv1d} from "../../../src/models/transformer/conv1d.js";
import {maxAbsDiff, randomMat} from "./helpers.js";

describe("Table 1", () => {
  it("holds the paper's rows", () => {
    expect(TABLE_1.map((r) => [r.layer, r.complexity, r.sequential, r.maxPath])).toEqual([
      ["self-attention", "O(n²·d)", "O(1)", "O(1)"],
      ["recurrent", "O(n·d²)", "O(n)", "O(n)"],
      ["convolutional", "O(k·n·d²)", "O(1)", "O(log_k(n))"],
      ["restricted self-attention", "O(r·n·d)", "O(1)", "O(n/r)"]
    ]);
  });

  it("evaluates the leading terms", () => {
    expect(table1Values("self-attention", {n: 10, d: 4})).toEqual({complexity: 400, sequential: 1, maxPath: 1});
    expect(table1Values("recurrent", {n: 10, d: 4})).toEqual({complexity: 160, sequential: 10, maxPath: 10});
    expect(table1Values("convolutional", {n: 27, d: 2, k: 3})).toEqual({complexity: 324, sequential: 1, maxPath: 3});
    expect(table1Values("restricted self-attention", {n: 12, d: 2, r: 4})).toEqual({complexity: 96, sequential: 1, maxPath: 3});
  });
});

describe("multiply-add counts of our layers", () => {
  it("hand-computed: n = 2, d = 3 (k = 3)", () => {
    // attention: Q, K, V, O: 4 · (2×3)·(3×3) = 4·18 = 72; scores 2·2·3 = 12; A V 2·2·3 = 12
    expect(selfAttentionOps(2, 3)).toEqual({projections: 72, pairwise: 24, total: 96, sequential: 1});
    // recurrent: per step W_x x (9) + W_h h (9), two steps
    expect(recurrentOps(2, 3)).toEqual({projections: 36, pairwise: 0, total: 36, sequential: 2});
    // convolution: 3 taps × 2 positions × 9
    expect(convolutionOps(2, 3, 3)).toEqual({projections: 54, pairwise: 0, total: 54, sequential: 1});
  });

  it("attention's pairwise part equals the recurrent layer's count exactly when n = d", () => {
    for (const d of [4, 16, 64]) {
      expect(selfAttentionOps(d, d).pairwise).toBe(recurrentOps(d, d).total);
      expect(selfAttentionOps(d / 2, d).pairwise).toBeLessThan(recurrentOps(d / 2, d).total);
      expect(selfAttentionOps(2 * d, d).pairwise).toBeGreaterThan(recurrentOps(2 * d, d).total);
    }
  });

  it("the attention count is the sum of the matrix products our multi-head layer actually does", () => {
    const n = 5, d = 8;
    const mha = new MultiHeadAttention({dModel: d, heads: 2, dtype: "float64"}, new Rng(1));
    const c = mha.forward(randomMat(new Rng(2), n, d), n);
    let macs = 0;
    for (const W of [mha.WQ, mha.WK, mha.WV, mha.WO]) macs += n * W.value.rows * W.value.cols; // (n, d)·(d, d)
    for (const h of c.heads) macs += h.S.rows * h.S.cols * h.Q.cols + h.A.rows * h.A.cols * h.V.cols; // Q_k K_kᵀ, A_k V_k
    expect(macs).toBe(selfAttentionOps(n, d).total);
  });
});

describe("Conv1d", () => {
  it("matches a plain loop over taps with zero padding", () => {
    const rng = new Rng(3);
    const n = 6, d = 3, k = 5;
    const conv = new Conv1d(d, k, rng, "float64");
    for (let i = 0; i < d; i++) conv.b.value.data[i] = i - 1;
    const X = randomMat(rng, n, d);
    const want = new Float64Array(n * d);
    for (let t = 0; t < n; t++) {
      for (let c = 0; c < d; c++) {
        let s = conv.b.value.data[c];
        for (let j = 0; j < k; j++) {
          const src = t + j - 2;
          if (src < 0 || src >= n) continue;
          for (let i = 0; i < d; i++) s += X.data[src * d + i] * conv.W[j].value.data[i * d + c];
        }
        want[t * d + c] = s;
      }
    }
    expect(maxAbsDiff(conv.forward(X).data, want)).toBeLessThan(1e-13);
  });

  it("refuses an even kernel", () => {
    expect(() => new Conv1d(2, 2, new Rng(1))).toThrow(/odd/);
  });
});

describe("timeLayers", () => {
  it("times every (n, d) of the grid with positive, finite figures", () => {
    const rows = timeLayers([4, 8], [8], {minMs: 1});
    expect(rows.map((r) => [r.n, r.d])).toEqual([[4, 8], [8, 8]]);
    for (const r of rows) for (const v of [r.attentionMs, r.recurrentMs, r.convolutionMs]) expect(v > 0 && Number.isFinite(v)).toBe(true);
  });
});

describe("Conv1d against TensorFlow.js", () => {
  it("equals tf.conv1d with 'same' padding on the same kernel and bias (float32)", async () => {
    const {tf, tfReady} = await import("../../oracle/tf.js");
    await tfReady();
    const rng = new Rng(41);
    const n = 9, d = 6, k = 5;
    const conv = new Conv1d(d, k, rng);
    for (let i = 0; i < d; i++) conv.b.value.data[i] = 0.3 * (2 * rng.uniform() - 1);
    const X = randomMat(rng, n, d, "float32");
    // tf's filter is (k, d_in, d_out): tap j is our W_j.
    const filter = tf.tensor3d(Float32Array.from(conv.W.flatMap((w) => Array.from(w.value.data))), [k, d, d]);
    const ref = tf.add(tf.conv1d(tf.tensor2d(Float32Array.from(X.data), [n, d]), filter, 1, "same"), tf.tensor1d(Float32Array.from(conv.b.value.data)));
    expect(maxAbsDiff(conv.forward(X).data, ref.dataSync())).toBeLessThan(1e-5);
  });
});
