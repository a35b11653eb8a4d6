/**
 * The LSTM forward pass against TensorFlow.js's tf.layers.lstm on the same weights.
 * tfjs keeps its gates in the order i, f, c, o, transposed: kernel (I, 4H) with
 * kernel[m, k·H + j] = U_gate_k[j, m], recurrentKernel (H, 4H) likewise for W, bias (4H).
 */
import {describe, expect, it} from "vitest";
import * as tfl from "@tensorflow/tfjs-layers";
import {tf, tfReady} from "../../oracle/tf.js";
import {mat, normalInit, Rng} from "../../../src/engine/index.js";
import {LstmCell, type Gate} from "../../../src/models/lstm-cell.js";

const TF_ORDER: Gate[] = ["i", "f", "c", "o"];

/** Our stacked weights in tfjs's layout. */
function tfWeights(cell: LstmCell): {kernel: Float32Array; recurrent: Float32Array; bias: Float32Array} {
  const H = cell.hiddenSize, I = cell.inputSize;
  const kernel = new Float32Array(I * 4 * H), recurrent = new Float32Array(H * 4 * H), bias = new Float32Array(4 * H);
  TF_ORDER.forEach((g, k) => {
    const U = cell.get(`U_${g}`).value, W = cell.get(`W_${g}`).value, b = cell.get(`b_${g}`).value;
    for (let j = 0; j < H; j++) {
      for (let m = 0; m < I; m++) kernel[m * 4 * H + k * H + j] = U.data[j * I + m];
      for (let m = 0; m < H; m++) recurrent[m * 4 * H + k * H + j] = W.data[j * H + m];
      bias[k * H + j] = b.data[j];
    }
  });
  return {kernel, recurrent, bias};
}

describe("LstmCell against tf.layers.lstm", () => {
  it("the same h(t) at every step to 1e-5 (batch 3, 7 steps, forget bias 1, trained-looking biases)", async () => {
    await tfReady();
    const rng = new Rng(11);
    const T = 7, B = 3, I = 5, H = 6;
    const cell = new LstmCell({inputSize: I, hiddenSize: H, forgetBias: 1}, rng);
    normalInit(cell.b.value, rng, 0.5); // all four biases spread out …
    for (const p of cell.get("b_f").value.data.keys()) cell.get("b_f").value.data[p] += 1; // … b_f around 1
    const X = normalInit(mat(T * B, I), rng, 1); // x(t) for t = 1…T, (T·B, I)
    const xs = Array.from({length: T}, (_, t) => mat(B, I, "float32", X.data.slice(t * B * I, (t + 1) * B * I)));
    const ours = cell.forward(xs);

    const layer = tfl.layers.lstm({units: H, returnSequences: true, recurrentActivation: "sigmoid", activation: "tanh", unitForgetBias: false,
      // (the default orthogonal initialiser needs tfjs's chained ops; the weights are overwritten anyway)
      kernelInitializer: "zeros", recurrentInitializer: "zeros"});
    const seq = new Float32Array(B * T * I); // tfjs wants (B, T, I)
    for (let t = 0; t < T; t++) for (let r = 0; r < B; r++) seq.set(xs[t].data.subarray(r * I, (r + 1) * I), (r * T + t) * I);
    const input = tf.tensor3d(seq, [B, T, I]);
    layer.apply(input); // builds the layer's weights
    const w = tfWeights(cell);
    layer.setWeights([tf.tensor2d(w.kernel, [I, 4 * H]), tf.tensor2d(w.recurrent, [H, 4 * H]), tf.tensor1d(w.bias)]);
    const out = (layer.apply(input) as tf.Tensor).dataSync(); // (B, T, H)

    let worst = 0;
    for (let t = 0; t < T; t++) {
      for (let r = 0; r < B; r++) {
        for (let j = 0; j < H; j++) worst = Math.max(worst, Math.abs(ours.hs[t].data[r * H + j] - out[(r * T + t) * H + j]));
      }
    }
    expect(worst).toBeLessThan(1e-5);
    expect(Math.max(...Array.from(ours.hs[T - 1].data, Math.abs))).toBeGreaterThan(0.05); // not a trivial all-zero match
  });
});
