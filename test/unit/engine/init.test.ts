import {describe, expect, it} from "vitest";
import {glorotUniform, mat, matmul, normalInit, orthogonal, uniformInit, type DType} from "../../../src/engine/index.js";
import {Rng} from "../../../src/engine/rng.js";

function stats(a: ArrayLike<number>): {min: number; max: number; mean: number; variance: number} {
  let min = Infinity, max = -Infinity, s = 0;
  for (let i = 0; i < a.length; i++) {
    min = Math.min(min, a[i]);
    max = Math.max(max, a[i]);
    s += a[i];
  }
  const mean = s / a.length;
  let v = 0;
  for (let i = 0; i < a.length; i++) v += (a[i] - mean) ** 2;
  return {min, max, mean, variance: v / a.length};
}

describe("glorotUniform", () => {
  it("draws from U(−a, a), a = √(6 / (fan_in + fan_out))", () => {
    const m = glorotUniform(mat(200, 100), new Rng(1));
    const a = Math.sqrt(6 / 300);
    const s = stats(m.data);
    expect(s.min).toBeGreaterThanOrEqual(-a);
    expect(s.max).toBeLessThanOrEqual(a);
    expect(s.min).toBeLessThan(-0.99 * a);
    expect(s.max).toBeGreaterThan(0.99 * a);
    expect(Math.abs(s.mean)).toBeLessThan(0.01 * a);
    expect(s.variance).toBeCloseTo((a * a) / 3, 3); // Var U(−a, a) = a²/3 = 2/(fan_in + fan_out)
  });
  it("is deterministic in the rng and returns m", () => {
    const m = mat(3, 4);
    expect(glorotUniform(m, new Rng(2))).toBe(m);
    expect(Array.from(glorotUniform(mat(3, 4), new Rng(2)).data)).toEqual(Array.from(m.data));
  });
});

describe("normalInit and uniformInit", () => {
  it("normalInit has the requested standard deviation", () => {
    const s = stats(normalInit(mat(300, 300, "float64"), new Rng(3), 0.05).data);
    expect(Math.abs(s.mean)).toBeLessThan(0.001);
    expect(Math.sqrt(s.variance)).toBeCloseTo(0.05, 3);
  });
  it("uniformInit stays in [−a, a] and fills it", () => {
    const s = stats(uniformInit(mat(100, 100), new Rng(4), 0.3).data);
    expect(s.min).toBeGreaterThanOrEqual(-0.3);
    expect(s.max).toBeLessThanOrEqual(0.3);
    expect(s.max - s.min).toBeGreaterThan(0.59);
  });
});

describe("orthogonal", () => {
  function gramError(n: number, dtype: DType, seed: number): number {
    const Q = orthogonal(mat(n, n, dtype), new Rng(seed));
    let worst = 0;
    for (const transA of [true, false]) {
      const G = matmul(Q, Q, mat(n, n, "float64" === dtype ? "float64" : "float32"), {transA, transB: !transA}); // QᵀQ and QQᵀ
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) worst = Math.max(worst, Math.abs(G.data[i * n + j] - (i === j ? 1 : 0)));
    }
    return worst;
  }
  it("QᵀQ = QQᵀ = I in float64", () => {
    for (const n of [1, 2, 5, 32, 64]) expect(gramError(n, "float64", n)).toBeLessThan(1e-12);
  });
  it("QᵀQ ≈ I in float32", () => {
    expect(gramError(48, "float32", 7)).toBeLessThan(1e-5);
  });
  it("is not the identity or a permutation (it is random), and is deterministic", () => {
    const Q = orthogonal(mat(4, 4, "float64"), new Rng(5));
    expect(Array.from(Q.data).filter((v) => Math.abs(v) > 0.05).length).toBeGreaterThan(8);
    expect(Array.from(orthogonal(mat(4, 4, "float64"), new Rng(5)).data)).toEqual(Array.from(Q.data));
  });
  it("rejects non-square matrices", () => {
    expect(() => orthogonal(mat(2, 3), new Rng(1))).toThrow(/square/);
  });
});
