import {describe, expect, it} from "vitest";
import {Rng, clone, gradCheck, mat, normalInit, zeroGrads} from "../../../src/engine/index.js";
import {CharLM} from "../../../src/models/char-lm.js";
import {LstmCell, type LstmTrace} from "../../../src/models/lstm-cell.js";
import {carryHc} from "../../../src/models/lstm-live.js";
import {Vocab} from "../../../src/text/vocab.js";

/** Chapter 3's character model in float64: the LSTM cell under chapter 1's softmax read-out, carrying [h, c]. */
function build(text: string, {hidden = 5, embed = 0, seed = 1} = {}) {
  const vocab = Vocab.fromText(text);
  const rng = new Rng(seed);
  const cell = new LstmCell({inputSize: embed || vocab.size, hiddenSize: hidden, forgetBias: 1, dtype: "float64"}, rng);
  const lm = new CharLM<LstmTrace>(cell, vocab, {embed, dtype: "float64", carry: carryHc}, rng);
  return {vocab, cell, lm};
}

describe("the LSTM character model (CharLM on LstmCell)", () => {
  for (const embed of [0, 3]) {
    it(`has exact gradients (${embed ? "embedding" : "one-hot"}, B = 2, T = 5, from a carried [h, c])`, () => {
      const {lm, cell} = build("abcab cab!", {embed});
      const gates = cell.params.find((p) => p.name === "b_i")!;
      normalInit(gates.value, new Rng(5), 0.3); // biases away from their initial zeros
      const T = 5, B = 2, H = 5;
      const ids = Int32Array.from({length: T * B}, (_, i) => (i * 7) % lm.V);
      const targets = Int32Array.from({length: T * B}, (_, i) => (i * 5 + 1) % lm.V);
      const state = [normalInit(mat(B, H, "float64"), new Rng(9), 0.5), normalInit(mat(B, H, "float64"), new Rng(10), 0.8)]; // [h(0), c(0)]
      const loss = () => lm.loss(lm.forward(ids, T, B, state), targets);
      zeroGrads(lm.params);
      const {loss: J, state: carried} = lm.lossAndGrad(ids, targets, T, B, state);
      expect(J).toBeCloseTo(loss(), 12);
      const check = gradCheck(lm.params, loss, {h: 1e-5, floor: 1e-4}); // entries under 1e-4 are compared absolutely;
      expect(check.maxRelError, JSON.stringify(check.worst)).toBeLessThan(1e-6);
      expect(check.checked).toBe(lm.params.reduce((n, p) => n + p.value.data.length, 0));
      expect(check.checked).toBe(4 * H * (H + cell.inputSize + 1) + lm.V * (H + 1) + (embed ? lm.V * embed : 0));
      // What is carried into the next chunk is [h(T), c(T)] of this one.
      const trace = lm.forward(ids, T, B, state);
      expect(carried).toHaveLength(2);
      expect(Array.from(carried[0].data)).toEqual(Array.from(trace.cell.hs[T - 1].data));
      expect(Array.from(carried[1].data)).toEqual(Array.from(trace.cell.c[T - 1].data));
    });
  }

  it("∂J/∂h(0) matches central differences, and J depends on the carried c(0) too", () => {
    const {lm} = build("the sea, the sea", {hidden: 4});
    const T = 4, B = 2, H = 4;
    const ids = Int32Array.from({length: T * B}, (_, i) => (i * 3 + 1) % lm.V);
    const targets = Int32Array.from({length: T * B}, (_, i) => (i * 2 + 2) % lm.V);
    const h0 = normalInit(mat(B, H, "float64"), new Rng(3), 0.5), c0 = normalInit(mat(B, H, "float64"), new Rng(4), 1);
    const J = (h: typeof h0, c: typeof c0) => lm.loss(lm.forward(ids, T, B, [h, c]), targets);
    const trace = lm.forward(ids, T, B, [h0, c0]);
    const dlogits = mat(T * B, lm.V, "float64");
    lm.loss(trace, targets, dlogits);
    zeroGrads(lm.params);
    const dh0 = lm.backward(trace, dlogits); // (B, H)
    const eps = 1e-6;
    for (let k = 0; k < B * H; k++) {
      const up = clone(h0), down = clone(h0);
      up.data[k] += eps;
      down.data[k] -= eps;
      expect(dh0.data[k]).toBeCloseTo((J(up, c0) - J(down, c0)) / (2 * eps), 8);
    }
    const other = clone(c0);
    other.data[0] += 0.5;
    expect(J(h0, other)).not.toBeCloseTo(J(h0, c0), 6);
  });
});
