import {describe, expect, it} from "vitest";
import {adam, clipGlobalNorm, globalNorm, param, sgd, type Optimizer, type Param} from "../../../src/engine/index.js";

/** f(w) = ½ Σ a_i (w_i − c_i)², an ill-conditioned quadratic with minimum at c; writes ∇f into grad. */
const a = [1, 10, 0.5, 3], c = [2, -1, 0.5, 4];
function quadratic(p: Param): number {
  let f = 0;
  for (let i = 0; i < 4; i++) {
    const d = p.value.data[i] - c[i];
    f += 0.5 * a[i] * d * d;
    p.grad.data[i] = a[i] * d;
  }
  return f;
}

function run(opt: Optimizer, steps: number): Param {
  const p = param("w", 2, 2, "float64");
  for (let t = 0; t < steps; t++) {
    quadratic(p);
    opt.step([p]);
  }
  return p;
}

function params(grads: number[][]): Param[] {
  return grads.map((g, i) => {
    const p = param(`p${i}`, 1, g.length, "float64");
    p.grad.data.set(g);
    return p;
  });
}

describe("sgd", () => {
  it("one step is θ − η g, and it does not zero the gradient", () => {
    const p = param("w", 1, 2, "float64");
    p.value.data.set([1, 2]);
    p.grad.data.set([10, -20]);
    sgd(0.1).step([p]);
    expect(Array.from(p.value.data)).toEqual([0, 4]);
    expect(Array.from(p.grad.data)).toEqual([10, -20]);
  });
  it("converges on a quadratic", () => {
    const p = run(sgd(0.15), 300);
    for (let i = 0; i < 4; i++) expect(p.value.data[i]).toBeCloseTo(c[i], 6);
  });
  it("reads learningRate at each step (schedules can change it)", () => {
    const opt = sgd(1);
    opt.learningRate = 0;
    const p = param("w", 1, 1, "float64");
    p.grad.data[0] = 1;
    opt.step([p]);
    expect(p.value.data[0]).toBe(0);
  });
});

describe("adam", () => {
  it("the first step moves every coordinate by ≈ lr against its gradient's sign", () => {
    const p = param("w", 1, 4, "float64");
    p.grad.data.set([1e-3, -5, 200, -0.02]);
    adam(0.01).step([p]);
    expect(Array.from(p.value.data).map((v) => v / 0.01)).toEqual([
      expect.closeTo(-1, 4), expect.closeTo(1, 6), expect.closeTo(-1, 6), expect.closeTo(1, 5)
    ]);
  });
  it("converges on a quadratic", () => {
    const p = run(adam(0.05), 2000);
    for (let i = 0; i < 4; i++) expect(p.value.data[i]).toBeCloseTo(c[i], 4);
  });
  it("keeps separate moments for each parameter", () => {
    const opt = adam(0.1);
    const [p, q] = params([[1], [-100]]);
    opt.step([p, q]);
    opt.step([p, q]);
    // each saw one constant gradient, so each moved by ≈ 0.1 per step against its own sign,
    // whatever the other's scale
    expect(p.value.data[0]).toBeCloseTo(-0.2, 6);
    expect(q.value.data[0]).toBeCloseTo(0.2, 6);
  });
});

describe("clipGlobalNorm", () => {
  it("global norm is √ of the sum of squares over all parameters", () => {
    expect(globalNorm(params([[3], [0, 4]]))).toBe(5);
  });
  it("clips to exactly the threshold, keeps the direction, returns the pre-clip norm", () => {
    const ps = params([[3, 0], [0, 4, 0]]);
    expect(clipGlobalNorm(ps, 2)).toBe(5);
    expect(globalNorm(ps)).toBeCloseTo(2, 14);
    expect(Array.from(ps[0].grad.data)).toEqual([expect.closeTo(1.2, 14), 0]);
    expect(Array.from(ps[1].grad.data)).toEqual([0, expect.closeTo(1.6, 14), 0]);
  });
  it("does nothing below the threshold, at Infinity, or on zero gradients", () => {
    for (const maxNorm of [5, 10, Infinity]) {
      const ps = params([[3], [4]]);
      expect(clipGlobalNorm(ps, maxNorm)).toBe(5);
      expect([ps[0].grad.data[0], ps[1].grad.data[0]]).toEqual([3, 4]);
    }
    const zero = params([[0, 0]]);
    expect(clipGlobalNorm(zero, 1)).toBe(0);
    expect(Array.from(zero[0].grad.data)).toEqual([0, 0]);
  });
});
