import {describe, expect, it} from "vitest";
import {activate, activateBackward, derivBound, derivFromOutput, sigmoid, type Activation} from "../../../src/engine/index.js";
import {Rng} from "../../../src/engine/rng.js";
import {maxRelError, numericGrad, randomVec} from "./helpers.js";

const ALL: Activation[] = ["tanh", "sigmoid", "relu"];

describe("activate", () => {
  it("exact values", () => {
    const x = Float64Array.of(-2, 0, 3);
    expect(Array.from(activate("relu", x, new Float64Array(3)))).toEqual([0, 0, 3]);
    expect(Array.from(activate("sigmoid", x, new Float64Array(3)))).toEqual([1 / (1 + Math.exp(2)), 0.5, 1 / (1 + Math.exp(-3))]);
    expect(Array.from(activate("tanh", x, new Float64Array(3)))).toEqual([Math.tanh(-2), 0, Math.tanh(3)]);
  });
  it("works in place (y = x)", () => {
    const x = Float32Array.of(-1, 2);
    expect(activate("relu", x, x)).toBe(x);
    expect(Array.from(x)).toEqual([0, 2]);
  });
  it("the sigmoid is stable for huge |z| and symmetric: σ(−z) = 1 − σ(z)", () => {
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(-745)).toBeGreaterThanOrEqual(0);
    for (const z of [-30, -3, -0.5, 0.1, 2, 20]) expect(sigmoid(-z)).toBeCloseTo(1 - sigmoid(z), 15);
    const y = activate("sigmoid", Float32Array.of(-1e4, 1e4), new Float32Array(2));
    expect(Array.from(y)).toEqual([0, 1]);
  });
});

describe("activateBackward", () => {
  for (const f of ALL) {
    it(`${f}: matches finite differences of Σ dy ⊙ f(x)`, () => {
      const rng = new Rng(f.length);
      const x = randomVec(rng, 40).map((v) => 3 * v);
      if (f === "relu") for (let i = 0; i < x.length; i++) if (Math.abs(x[i]) < 1e-3) x[i] = 0.5; // away from the kink
      const dy = randomVec(rng, 40);
      const y = new Float64Array(40);
      const loss = () => {
        activate(f, x, y);
        let s = 0;
        for (let i = 0; i < 40; i++) s += dy[i] * y[i];
        return s;
      };
      const numeric = numericGrad(loss, x);
      activate(f, x, y);
      const dx = activateBackward(f, y, dy, new Float64Array(40));
      expect(maxRelError(dx, numeric)).toBeLessThan(1e-6);
    });
  }
  it("dx may alias dy", () => {
    const y = Float64Array.of(0.5, 0), dy = Float64Array.of(2, 3);
    activateBackward("tanh", y, dy, dy);
    expect(Array.from(dy)).toEqual([2 * 0.75, 3]);
  });
  it("derivFromOutput is the per-element factor activateBackward applies", () => {
    for (const f of ALL) {
      const y = activate(f, Float64Array.of(-1.5, -0.2, 0.7, 2), new Float64Array(4));
      const dx = activateBackward(f, y, Float64Array.of(1, 1, 1, 1), new Float64Array(4));
      expect(Array.from(y, (v) => derivFromOutput(f, v))).toEqual(Array.from(dx));
    }
  });
  it("derivBound is sup |f′|, reached at 0 (tanh, sigmoid) or for x > 0 (ReLU)", () => {
    for (const f of ALL) {
      let sup = 0;
      for (let x = -8; x <= 8; x += 0.01) {
        const y = activate(f, Float64Array.of(x), new Float64Array(1))[0];
        sup = Math.max(sup, derivFromOutput(f, y));
      }
      expect(sup).toBeLessThanOrEqual(derivBound(f) + 1e-12);
      expect(sup).toBeGreaterThan(derivBound(f) - 1e-4);
    }
    expect(derivBound("sigmoid")).toBe(0.25);
  });
});
