import {describe, expect, it} from "vitest";
import "@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops";
import * as tfl from "@tensorflow/tfjs-layers";
import type {Mat} from "../../../src/engine/index.js";
import {gradCheck, mat, Rng, zeroGrads} from "../../../src/engine/index.js";
import {GruCell} from "../../../src/models/seq2seq/gru-cell.js";
import {tf, tfReady} from "../../oracle/tf.js";

const randomMat = (rows: number, cols: number, rng: Rng, dtype: "float32" | "float64" = "float64"): Mat => {
  const m = mat(rows, cols, dtype);
  for (let i = 0; i < m.data.length; i++) m.data[i] = rng.normal();
  return m;
};

describe("GRU cell", () => {
  it("backpropagates through time like central differences (float64)", () => {
    const rng = new Rng(11);
    const cell = new GruCell({inputSize: 3, hiddenSize: 4, dtype: "float64"}, rng);
    for (const p of cell.params) for (let i = 0; i < p.value.data.length; i++) p.value.data[i] += 0.3 * rng.normal();
    const xs = Array.from({length: 5}, () => randomMat(2, 3, rng));
    const h0 = randomMat(2, 4, rng);
    const weights = xs.map(() => randomMat(2, 4, rng)); // L = Σ_t Σ w(t) ⊙ h(t)
    const loss = () => cell.forward(xs, h0).hs.reduce((s, h, t) => s + Array.from(h.data).reduce((a, v, i) => a + v * weights[t].data[i], 0), 0);
    zeroGrads(cell.params);
    const {dxs, dh0} = cell.backward(cell.forward(xs, h0), weights);
    const params = cell.params.concat(
      xs.map((x, t) => ({name: `x${t}`, value: x, grad: dxs[t]})),
      [{name: "h0", value: h0, grad: dh0}]
    );
    const result = gradCheck(params, loss, {floor: 1e-5});
    expect(result.checked).toBe(cell.params.reduce((n, p) => n + p.value.data.length, 0) + 5 * 6 + 8);
    expect(result.maxRelError, JSON.stringify(result.worst)).toBeLessThan(1e-6);
  });

  it("matches TensorFlow.js's GRU layer on the same weights (float32)", async () => {
    await tfReady();
    const I = 3, H = 5, B = 2, T = 4;
    const rng = new Rng(12);
    const cell = new GruCell({inputSize: I, hiddenSize: H}, rng);
    for (const p of cell.params) for (let i = 0; i < p.value.data.length; i++) p.value.data[i] = 0.5 * rng.normal();
    const xs = Array.from({length: T}, () => randomMat(B, I, rng, "float32"));
    const mine = cell.forward(xs).hs;

    // Keras layout: kernel (I, 3H) and recurrent kernel (H, 3H) with column blocks [z | r | h̃].
    const {update: z, reset: r, candidate: c} = cell;
    const kernel = tf.concat([z, r, c].map((g) => tf.transpose(tf.tensor2d(Array.from(g.W.value.data), [H, I]))), 1);
    const recurrent = tf.concat([z, r, c].map((g) => tf.transpose(tf.tensor2d(Array.from(g.U.value.data), [H, H]))), 1);
    const bias = tf.concat([z, r, c].map((g) => tf.tensor1d(Array.from(g.b.value.data))));
    const layer = tfl.layers.gru({units: H, recurrentActivation: "sigmoid", returnSequences: true, inputShape: [T, I]});
    const x = tf.tensor3d(Array.from({length: B}, (_, b) => xs.map((m) => Array.from(m.data.subarray(b * I, (b + 1) * I)))));
    layer.apply(x); // builds the layer
    layer.setWeights([kernel, recurrent, bias]);
    const theirs = (layer.apply(x) as ReturnType<typeof tf.tensor3d>).arraySync() as number[][][];
    let worst = 0;
    for (let t = 0; t < T; t++) for (let b = 0; b < B; b++) for (let j = 0; j < H; j++) worst = Math.max(worst, Math.abs(mine[t].data[b * H + j] - theirs[b][t][j]));
    expect(worst).toBeLessThan(1e-5);
    expect(Math.max(...mine[T - 1].data.map(Math.abs))).toBeGreaterThan(0.05); // not a trivially small state
  });
});
