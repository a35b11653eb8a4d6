import {describe, expect, it} from "vitest";
import {buildCharRnn} from "../../../src/models/char-rnn.js";
import {CharTrainer} from "../../../src/models/char-trainer.js";
import type {CharRnn} from "../../../src/models/char-rnn.js";
import {rnnGradientFlow} from "../../../src/models/rnn-flow.js";
import {RnnLive, defaultRnnConfig, type RnnViewOf} from "../../../src/models/rnn-live.js";
import {DEFAULT_TEXT} from "../../../src/text/default-text.js";

const small = {...defaultRnnConfig, hidden: 12, seqLen: 16, batch: 4, seed: 5};
const TEXT = "The wind was from the north. The sea was green.";

/**
 * J(t) written out again in plain float64 arithmetic from the model's weights, starting at step k
 * from the state h: h(j) = tanh(W_h h(j−1) + W_x onehot(c(j)) + b) for j = k+1 … t, then
 * J(t) = −log softmax(W_y h(t) + b_y)_{c(t+1)}. (ids are 0-based: c(j) is ids[j − 1].)
 */
function lossFrom(model: CharRnn, ids: Int32Array, k: number, h: Float64Array, t: number): number {
  const {cell, lm} = model;
  const H = cell.hiddenSize, V = lm.V;
  const Wy = lm.Wy.value.data, by = lm.by.value.data;
  const state = run(model, ids, k, t, h);
  const logits = Array.from({length: V}, (_, v) => by[v] + state.reduce((s, x, c) => s + Wy[v * H + c] * x, 0));
  const top = Math.max(...logits);
  const logSum = top + Math.log(logits.reduce((s, z) => s + Math.exp(z - top), 0));
  return logSum - logits[ids[t]];
}

/** h(t) of the plain forward pass from h(k) = h: h(j) = tanh(W_h h(j−1) + W_x x(j) + b), j = k+1…t. */
function run(model: CharRnn, ids: Int32Array, k: number, t: number, h: Float64Array): Float64Array {
  const {cell} = model;
  const H = cell.hiddenSize, I = cell.inputSize;
  const Wh = cell.Wh.value.data, Wx = cell.Wx.value.data, b = cell.b.value.data;
  let state = Float64Array.from(h);
  for (let j = k + 1; j <= t; j++) {
    const next = new Float64Array(H);
    for (let r = 0; r < H; r++) {
      let z = b[r] + Wx[r * I + ids[j - 1]];
      for (let c = 0; c < H; c++) z += Wh[r * H + c] * state[c];
      next[r] = Math.tanh(z);
    }
    state = next;
  }
  return state;
}

/** h(k) of the same plain forward pass from zero state. */
function stateAt(model: CharRnn, ids: Int32Array, k: number): Float64Array {
  return run(model, ids, 0, k, new Float64Array(model.cell.hiddenSize));
}

/** ‖∂J(t)/∂h(k)‖ by central differences on the plain forward pass. */
function finiteDifferenceNorm(model: CharRnn, ids: Int32Array, k: number, t: number, eps = 1e-6): number {
  const h = stateAt(model, ids, k);
  let s = 0;
  for (let j = 0; j < h.length; j++) {
    const v = h[j];
    h[j] = v + eps;
    const up = lossFrom(model, ids, k, h, t);
    h[j] = v - eps;
    const down = lossFrom(model, ids, k, h, t);
    h[j] = v;
    s += ((up - down) / (2 * eps)) ** 2;
  }
  return Math.sqrt(s);
}

describe("rnnGradientFlow", () => {
  // A model trained for a few steps, so its weights are not the initial ones.
  const model = buildCharRnn({...small, text: DEFAULT_TEXT});
  const trainer = new CharTrainer(model.lm, model.ids, small);
  for (let s = 0; s < 30; s++) trainer.step();
  const t = 20;
  const ids = model.vocab.encode(TEXT).subarray(0, t + 1);
  const flow = rnnGradientFlow(model.lm, model.cell, ids);

  it("at distance 0 is ‖∂J(t)/∂h(t)‖ = ‖W_yᵀ (ŷ(t) − onehot(c(t+1)))‖", () => {
    expect(Array.from(flow.distance)).toEqual(Array.from({length: t}, (_, d) => d));
    const h = stateAt(model, ids, t);
    const H = model.cell.hiddenSize, V = model.lm.V;
    const Wy = model.lm.Wy.value.data, by = model.lm.by.value.data;
    const logits = Array.from({length: V}, (_, v) => by[v] + h.reduce((s, x, c) => s + Wy[v * H + c] * x, 0));
    const top = Math.max(...logits);
    const sum = logits.reduce((s, z) => s + Math.exp(z - top), 0);
    const dz = logits.map((z, v) => Math.exp(z - top) / sum - (v === ids[t] ? 1 : 0)); // ŷ − onehot
    const dh = Array.from({length: H}, (_, c) => dz.reduce((s, g, v) => s + g * Wy[v * H + c], 0)); // W_yᵀ dz
    expect(flow.dh[0]).toBeGreaterThan(0);
    expect(flow.dh[0] / Math.hypot(...dh)).toBeCloseTo(1, 5);
    expect(finiteDifferenceNorm(model, ids, t, t) / flow.dh[0]).toBeCloseTo(1, 5);
  });

  it("at distances 1, 7 and 19 matches central differences of J(t) in h(k)", () => {
    for (const d of [1, 7, 19]) {
      const fd = finiteDifferenceNorm(model, ids, t - d, t);
      expect(fd, `distance ${d}`).toBeGreaterThan(0);
      expect(flow.dh[d] / fd, `distance ${d}`).toBeCloseTo(1, 4);
    }
  });
});

describe('RnnLive "gradient-flow"', () => {
  const m = new RnnLive();
  m.reset(small);
  const ask = (q: {t?: number; fresh?: boolean; text?: string}) => m.query({kind: "gradient-flow", text: TEXT, ...q}) as RnnViewOf<"gradient-flow">;

  it("defaults to the last step with a next character, and names the character J(t) predicts", () => {
    const v = ask({});
    const n = Array.from(TEXT).length;
    expect(v).toMatchObject({kind: "gradient-flow", t: n - 1, target: ".", model: "trained"});
    expect(v.dh).toHaveLength(n - 1);
    expect(v.dh.every((x) => Number.isFinite(x) && x > 0)).toBe(true);
    expect(() => structuredClone(v)).not.toThrow();
    const at5 = ask({t: 5});
    expect(at5).toMatchObject({t: 5, target: TEXT[5]});
    expect(at5.dh).toHaveLength(5);
  });

  it("a fresh model is the seeded model before training: the same numbers before and after the live one trains", () => {
    const before = ask({fresh: true, t: 30});
    const fromSeed = buildCharRnn({...small, text: DEFAULT_TEXT});
    const direct = rnnGradientFlow(fromSeed.lm, fromSeed.cell, fromSeed.vocab.encode(TEXT).subarray(0, 31));
    expect(before.model).toBe("fresh");
    expect(Array.from(before.dh)).toEqual(Array.from(direct.dh));
    expect(Array.from(ask({t: 30}).dh)).toEqual(Array.from(before.dh)); // untrained: the same model
    for (let s = 0; s < 20; s++) m.trainStep();
    expect(Array.from(ask({fresh: true, t: 30}).dh)).toEqual(Array.from(before.dh));
    expect(Array.from(ask({t: 30}).dh)).not.toEqual(Array.from(before.dh));
  });

  it("refuses a step with no next character, and a text of one character", () => {
    expect(() => ask({t: 0})).toThrow(/1 ≤ t < 47/);
    expect(() => ask({t: 47})).toThrow(/1 ≤ t < 47/);
    expect(() => ask({text: "a"})).toThrow(/needs 1 ≤ t < 1/);
  });
});
