import {describe, expect, it} from "vitest";
import * as tfl from "@tensorflow/tfjs-layers";
import {tf, tfReady} from "../../oracle/tf.js";
import type {Activation} from "../../../src/engine/index.js";
import {Rng, mat, normalInit} from "../../../src/engine/index.js";
import {RnnCell} from "../../../src/models/rnn-cell.js";

/** (rows, cols) row-major → its transpose, as nested arrays for tf.tensor2d. */
function transposed(data: ArrayLike<number>, rows: number, cols: number): number[][] {
  return Array.from({length: cols}, (_, j) => Array.from({length: rows}, (_, i) => data[i * cols + j]));
}

describe("RnnCell against tf.layers.simpleRNN", () => {
  for (const activation of ["tanh", "sigmoid", "relu"] as Activation[]) {
    it(`gives the same h(1)…h(T) on the same weights (${activation}, B = 3, T = 7)`, async () => {
      await tfReady();
      const B = 3, T = 7, I = 5, H = 6;
      const rng = new Rng(11);
      const cell = new RnnCell({inputSize: I, hiddenSize: H, activation}, rng);
      normalInit(cell.b.value, rng, 0.2);
      const xs = Array.from({length: T}, () => normalInit(mat(B, I), rng, 1));
      const ours = cell.forward(xs).hs;

      // (the default orthogonal initialiser needs tfjs's chained ops; the weights are overwritten anyway)
      const layer = tfl.layers.simpleRNN({units: H, activation, returnSequences: true, inputShape: [T, I], kernelInitializer: "zeros", recurrentInitializer: "zeros"});
      const model = tfl.sequential({layers: [layer]});
      // tfjs keeps kernel (input, units) = W_xᵀ and recurrentKernel (units, units) = W_hᵀ.
      layer.setWeights([
        tf.tensor2d(transposed(cell.Wx.value.data, H, I)),
        tf.tensor2d(transposed(cell.Wh.value.data, H, H)),
        tf.tensor1d(Array.from(cell.b.value.data))
      ]);
      const input = tf.tensor3d(Array.from({length: B}, (_, b) => xs.map((x) => Array.from(x.data.subarray(b * I, (b + 1) * I)))));
      const theirs = (model.predict(input) as tf.Tensor).arraySync() as number[][][]; // (B, T, H)
      let worst = 0;
      for (let b = 0; b < B; b++) {
        for (let t = 0; t < T; t++) {
          for (let j = 0; j < H; j++) worst = Math.max(worst, Math.abs(theirs[b][t][j] - ours[t].data[b * H + j]));
        }
      }
      expect(worst).toBeLessThan(1e-5);
      expect(Math.max(...Array.from(ours[T - 1].data, Math.abs))).toBeGreaterThan(0.05); // not a trivial all-zero match
      model.dispose();
    });
  }
});
