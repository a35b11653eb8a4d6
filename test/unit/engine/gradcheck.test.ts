import {describe, expect, it} from "vitest";
import {gradCheck, param, type Param} from "../../../src/engine/index.js";
import {Rng} from "../../../src/engine/rng.js";

/**
 * f = Σ_i Σ_j sin(w_i)·w_j = S·W with S = Σ sin w_i, W = Σ w_j, over the entries of two params;
 * ∂f/∂w_k = cos(w_k)·W + S.
 */
function setup(): {params: Param[]; f: () => number; grad: (wrong?: boolean) => void} {
  const u = param("u", 2, 3, "float64"), v = param("v", 1, 4, "float64");
  const rng = new Rng(1);
  for (const p of [u, v]) for (let i = 0; i < p.value.data.length; i++) p.value.data[i] = 2 * rng.uniform() - 1;
  const params = [u, v];
  const sums = () => {
    let S = 0, W = 0;
    for (const p of params) for (const w of p.value.data) {
      S += Math.sin(w);
      W += w;
    }
    return [S, W];
  };
  return {
    params,
    f: () => {
      const [S, W] = sums();
      return S * W;
    },
    grad: (wrong = false) => {
      const [S, W] = sums();
      for (const p of params) {
        const w = p.value.data, g = p.grad.data;
        for (let k = 0; k < w.length; k++) g[k] = Math.cos(w[k]) * W + (wrong ? 0 : S); // wrong: forgets the second term
      }
    }
  };
}

describe("gradCheck", () => {
  it("accepts a correct gradient and checks every entry", () => {
    const {params, f, grad} = setup();
    grad();
    const r = gradCheck(params, f);
    expect(r.checked).toBe(10);
    expect(r.maxRelError).toBeLessThan(1e-8);
  });
  it("flags a wrong gradient with a large error and names the worst entry", () => {
    const {params, f, grad} = setup();
    grad(true);
    const r = gradCheck(params, f);
    expect(r.maxRelError).toBeGreaterThan(1e-2);
    expect(r.worst).not.toBeNull();
    const p = params.find((q) => q.name === r.worst!.param)!;
    expect(p.grad.data[r.worst!.index]).toBe(r.worst!.analytic);
    expect(Math.abs(r.worst!.analytic - r.worst!.numeric)).toBeGreaterThan(0.01);
  });
  it("flags a single wrong entry among correct ones", () => {
    const {params, f, grad} = setup();
    grad();
    params[1].grad.data[2] *= 1.01;
    const r = gradCheck(params, f);
    expect(r.maxRelError).toBeGreaterThan(1e-3);
    expect(r.worst).toMatchObject({param: "v", index: 2});
  });
  it("reports NaN gradients as an infinite error", () => {
    const {params, f, grad} = setup();
    grad();
    params[0].grad.data[1] = NaN;
    expect(gradCheck(params, f).maxRelError).toBe(Infinity);
  });
  it("restores every parameter value", () => {
    const {params, f, grad} = setup();
    grad();
    const before = params.map((p) => Array.from(p.value.data));
    gradCheck(params, f);
    expect(params.map((p) => Array.from(p.value.data))).toEqual(before);
  });
  it("samplesPerParam checks that many entries per param, and needs an rng", () => {
    const {params, f, grad} = setup();
    grad();
    expect(gradCheck(params, f, {samplesPerParam: 2, rng: new Rng(3)}).checked).toBe(4);
    expect(gradCheck(params, f, {samplesPerParam: 100, rng: new Rng(3)}).checked).toBe(10);
    expect(() => gradCheck(params, f, {samplesPerParam: 2})).toThrow(/rng/);
  });
});

describe("gradCheck refuses float32", () => {
  it("names the float32 parameter instead of reporting differences lost to rounding", () => {
    const w = param("W_h", 2, 2); // float32 by default
    expect(() => gradCheck([w], () => 0)).toThrow(/W_h is float32/);
  });
});
