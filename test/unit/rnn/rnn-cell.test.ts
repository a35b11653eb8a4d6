import {describe, expect, it} from "vitest";
import type {Activation, Mat} from "../../../src/engine/index.js";
import {Rng, gradCheck, mat, normalInit, zeroGrads} from "../../../src/engine/index.js";
import {RnnCell} from "../../../src/models/rnn-cell.js";

const ACTIVATIONS: Activation[] = ["tanh", "sigmoid", "relu"];

/** Random (B, n) matrices, one per step, in float64. */
function randomSteps(T: number, B: number, n: number, rng: Rng): Mat[] {
  return Array.from({length: T}, () => normalInit(mat(B, n, "float64"), rng, 1));
}

/** One-hot (B, n) matrices, one per step (the sparse path). */
function oneHotSteps(T: number, B: number, n: number, rng: Rng): Mat[] {
  return Array.from({length: T}, () => {
    const x = mat(B, n, "float64");
    for (let b = 0; b < B; b++) x.data[b * n + rng.int(n)] = 1;
    return x;
  });
}

/** L = Σ_t Σ R(t) ⊙ h(t): a loss whose ∂L/∂h(t) is R(t). */
function weightedSum(hs: Mat[], R: Mat[]): number {
  let s = 0;
  hs.forEach((h, t) => h.data.forEach((v, i) => (s += v * R[t].data[i])));
  return s;
}

describe("RnnCell", () => {
  for (const activation of ACTIVATIONS) for (const inputs of ["dense", "one-hot"] as const) {
    it(`backpropagates through time exactly (${activation}, ${inputs} inputs, float64, B = 3, T = 6)`, () => {
      const rng = new Rng(7);
      const I = inputs === "dense" ? 4 : 9;
      const cell = new RnnCell({inputSize: I, hiddenSize: 5, activation, dtype: "float64"}, rng);
      normalInit(cell.b.value, rng, 0.3);
      const xs = inputs === "dense" ? randomSteps(6, 3, I, rng) : oneHotSteps(6, 3, I, rng);
      const h0 = normalInit(mat(3, 5, "float64"), rng, 0.5);
      const R = randomSteps(6, 3, 5, rng);
      const loss = () => weightedSum(cell.forward(xs, h0).hs, R);
      zeroGrads(cell.params);
      const trace = cell.forward(xs, h0);
      expect(trace.sparse).toBe(inputs === "one-hot"); // one-hot inputs visit only their nonzeros
      const grads = cell.backward(trace, R);
      const check = gradCheck(cell.params, loss, {h: 1e-6});
      expect(check.checked).toBe(25 + 5 * I + 5);
      expect(check.maxRelError).toBeLessThan(1e-6);
      // ∂L/∂x(t) and ∂L/∂h(0) against central differences too.
      const numeric = (m: Mat, i: number) => {
        const v = m.data[i];
        m.data[i] = v + 1e-6;
        const lp = loss();
        m.data[i] = v - 1e-6;
        const lm = loss();
        m.data[i] = v;
        return (lp - lm) / 2e-6;
      };
      for (const [t, i] of [[0, 0], [2, 5], [5, 11]]) expect(grads.dxs[t].data[i]).toBeCloseTo(numeric(xs[t], i), 7);
      expect(grads.dxs).toBe(grads.dxs); // dx(t) is computed when first read, then kept
      for (const i of [0, 7, 14]) expect(grads.dh0.data[i]).toBeCloseTo(numeric(h0, i), 7);
    });
  }

  it("adds into the grads (two backward passes give twice the gradient) unless paramGrads is false", () => {
    const rng = new Rng(3);
    const cell = new RnnCell({inputSize: 2, hiddenSize: 3, dtype: "float64"}, rng);
    const xs = randomSteps(4, 2, 2, rng), R = randomSteps(4, 2, 3, rng);
    zeroGrads(cell.params);
    cell.backward(cell.forward(xs), R);
    const once = Array.from(cell.Wh.grad.data);
    cell.backward(cell.forward(xs), R);
    const twice = Array.from(cell.Wh.grad.data);
    twice.forEach((g, i) => expect(g).toBeCloseTo(2 * once[i], 12));
    const flow = cell.backward(cell.forward(xs), R, {paramGrads: false});
    expect(Array.from(cell.Wh.grad.data)).toEqual(twice);
    expect(flow.dh).toHaveLength(4);
    expect(flow.dh[3].data).toEqual(R[3].data); // the last step has nothing from the future
  });

  it("computes h(t) = σ(W_h h(t−1) + W_x x(t) + b) step by step", () => {
    const rng = new Rng(1);
    const cell = new RnnCell({inputSize: 1, hiddenSize: 1}, rng);
    cell.Wh.value.data[0] = 0.5;
    cell.Wx.value.data[0] = 2;
    cell.b.value.data[0] = -0.1;
    const xs = [1, 0, -1].map((v) => mat(1, 1, "float32", Float32Array.of(v)));
    const {hs} = cell.forward(xs);
    const h1 = Math.tanh(2 - 0.1), h2 = Math.tanh(0.5 * h1 - 0.1), h3 = Math.tanh(0.5 * h2 - 2 - 0.1);
    expect(hs.map((h) => h.data[0])).toEqual([h1, h2, h3].map((v) => Math.fround(v)).map((v) => expect.closeTo(v, 6)));
  });
});
