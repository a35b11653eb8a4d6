import {afterEach, describe, expect, it} from "vitest";
import {simdGemm, useSimd} from "../../../src/engine/simd-gemm.js";
import {Rng} from "../../../src/engine/rng.js";
import {maxAbsDiff, naiveMatmul, randomMat} from "./helpers.js";

afterEach(() => void useSimd(true));

type Layout = "NN" | "NT" | "TN";

function run(rng: Rng, layout: Layout, m: number, k: number, n: number): number {
  const transA = layout === "TN", transB = layout === "NT";
  const A = transA ? randomMat(rng, k, m, "float32") : randomMat(rng, m, k, "float32");
  const B = transB ? randomMat(rng, n, k, "float32") : randomMat(rng, k, n, "float32");
  const C = randomMat(rng, m, n, "float32");
  const expected = naiveMatmul(A, B, transA, transB).map((v, i) => v + C.data[i]);
  const done = simdGemm(A.data, B.data, C.data, m, k, n, {ars: transA ? 1 : k, aps: transA ? m : 1, bps: transB ? 1 : n, bcs: transB ? k : 1});
  expect(done).toBe(true);
  return maxAbsDiff(C.data, expected);
}

describe("simdGemm", () => {
  it("adds op(A)·op(B) into C in every layout, at sizes off the 4×8 grid", () => {
    const rng = new Rng(1);
    for (const layout of ["NN", "NT", "TN"] as Layout[]) {
      for (const [m, k, n] of [[1, 1, 4], [3, 5, 7], [5, 1, 9], [17, 33, 15], [4, 8, 8], [2, 64, 130]]) {
        expect(run(rng, layout, m, k, n), `${layout} ${m}×${k}×${n}`).toBeLessThan(2e-7 * (k + 4) * 4);
      }
    }
  });
  it("grows its memory for a large product after small ones (and stays correct after)", () => {
    const rng = new Rng(2);
    expect(run(rng, "NN", 4, 4, 8)).toBeLessThan(1e-5);
    expect(run(rng, "NT", 260, 300, 270)).toBeLessThan(2e-7 * 304 * 4); // ~310k floats, several pages
    expect(run(rng, "TN", 5, 6, 7)).toBeLessThan(1e-5);
  });
  it("declines (returns false, leaves C alone) for Float64Array or when switched off", () => {
    const rng = new Rng(3);
    const A = randomMat(rng, 4, 4, "float64"), C = randomMat(rng, 4, 4, "float64");
    const before = Array.from(C.data);
    expect(simdGemm(A.data, A.data, C.data, 4, 4, 4, {ars: 4, aps: 1, bps: 4, bcs: 1})).toBe(false);
    const F = randomMat(rng, 4, 4, "float32"), G = randomMat(rng, 4, 4, "float32");
    expect(useSimd(false)).toBe(false);
    expect(simdGemm(F.data, F.data, G.data, 4, 4, 4, {ars: 4, aps: 1, bps: 4, bcs: 1})).toBe(false);
    expect(Array.from(C.data)).toEqual(before);
    expect(useSimd(true)).toBe(true);
    expect(useSimd()).toBe(true);
  });
});
