import {describe, expect, it} from "vitest";
import type {Mat} from "../../../src/engine/index.js";
import {clone, mat, normalInit, Rng} from "../../../src/engine/index.js";
import {lstmGradientFlow} from "../../../src/models/lstm-bptt.js";
import {LstmCell} from "../../../src/models/lstm-cell.js";

describe("lstmGradientFlow", () => {
  it("‖∂J/∂h(k)‖ and ‖∂J/∂c(k)‖ match central differences through the steps after k (float64, batch 2)", () => {
    const rng = new Rng(21);
    const T = 9, B = 2, I = 3, H = 4, row = 1, t = 8;
    const cell = new LstmCell({inputSize: I, hiddenSize: H, forgetBias: 1, dtype: "float64"}, rng);
    const xs = Array.from({length: T}, () => normalInit(mat(B, I, "float64"), rng, 1));
    const seed = normalInit(mat(1, H, "float64"), rng, 1).data; // ∂J/∂h(t), the same for both rows
    const trace = cell.forward(xs);
    cell.params.forEach((p) => p.grad.data.fill(0));
    const flow = lstmGradientFlow(cell, trace, t, seed, row);
    expect(cell.params.every((p) => p.grad.data.every((v) => v === 0))).toBe(true);
    expect(Array.from(flow.distance)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);

    // J as a function of h(k), c(k): run steps k+1 … t from them.
    const J = (k: number, h: Mat, c: Mat) => {
      const hT = cell.forward(xs.slice(k, t), h, c).hs[t - k - 1];
      let s = 0;
      for (let j = 0; j < H; j++) s += seed[j] * hT.data[row * H + j];
      return s;
    };
    const eps = 1e-6;
    for (const k of [1, 3, 7]) {
      const h = clone(trace.hs[k - 1]), c = clone(trace.c[k - 1]);
      const dh: number[] = [], dc: number[] = [];
      for (let j = 0; j < H; j++) {
        const at = row * H + j;
        const diff = (m: Mat) => {
          const v = m.data[at];
          m.data[at] = v + eps;
          const up = J(k, h, c);
          m.data[at] = v - eps;
          const down = J(k, h, c);
          m.data[at] = v;
          return (up - down) / (2 * eps);
        };
        const dhj = diff(h); // ∂J/∂h(k)
        const o = trace.o[k - 1].data[at], tc = trace.tanhC[k - 1].data[at];
        dh.push(dhj);
        dc.push(diff(c) + dhj * o * (1 - tc * tc)); // ∂J/∂c(k), the path through h(k) included
      }
      expect(flow.dh[t - k]).toBeCloseTo(Math.hypot(...dh), 8);
      expect(flow.dc[t - k]).toBeCloseTo(Math.hypot(...dc), 8);
    }
    // at distance 0: ∂J/∂h(t) is the seed, ∂J/∂c(t) = seed ⊙ o(t) ⊙ (1 − tanh² c(t))
    expect(flow.dh[0]).toBeCloseTo(Math.hypot(...seed), 12);
    const dc0 = Array.from(seed, (s, j) => s * trace.o[t - 1].data[row * H + j] * (1 - trace.tanhC[t - 1].data[row * H + j] ** 2));
    expect(flow.dc[0]).toBeCloseTo(Math.hypot(...dc0), 12);
  });

  it("rejects a step outside the trace", () => {
    const cell = new LstmCell({inputSize: 1, hiddenSize: 2}, new Rng(1));
    const tr = cell.forward([mat(1, 1), mat(1, 1)]);
    expect(() => lstmGradientFlow(cell, tr, 3, new Float32Array(2))).toThrow(/outside/);
    expect(() => lstmGradientFlow(cell, tr, 0, new Float32Array(2))).toThrow(/outside/);
  });
});
