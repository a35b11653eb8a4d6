import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {gemm, mostlyZeros} from "../../../src/engine/gemm.js";
import {mat, type DType} from "../../../src/engine/index.js";
import {Rng} from "../../../src/engine/rng.js";
import {useSimd} from "../../../src/engine/simd-gemm.js";
import {DTYPES, maxAbsDiff, naiveMatmul, randomMat} from "./helpers.js";

type Layout = "NN" | "NT" | "TN";

/** gemm on (m×k)·(k×n) in a layout, with A given density of nonzeros, against the triple loop. */
function check(rng: Rng, layout: Layout, m: number, k: number, n: number, dtype: DType, density: number): void {
  const transA = layout === "TN", transB = layout === "NT";
  const A = transA ? randomMat(rng, k, m, dtype) : randomMat(rng, m, k, dtype);
  for (let i = 0; i < A.data.length; i++) if (rng.uniform() >= density) A.data[i] = 0;
  const B = transB ? randomMat(rng, n, k, dtype) : randomMat(rng, k, n, dtype);
  const C = randomMat(rng, m, n, dtype);
  const expected = naiveMatmul(A, B, transA, transB).map((v, i) => v + C.data[i]);
  gemm(A.data, B.data, C.data, m, k, n, {ars: transA ? 1 : k, aps: transA ? m : 1, bps: transB ? 1 : n, bcs: transB ? k : 1});
  const tol = (dtype === "float32" ? 2e-7 : 1e-15) * (k + 4) * 4;
  const err = maxAbsDiff(C.data, expected);
  if (!(err <= tol)) throw new Error(`${layout} ${m}×${k}×${n} ${dtype} density ${density}: error ${err}`);
}

for (const simd of [true, false]) describe(`gemm, SIMD ${simd ? "on" : "off"}`, () => {
  beforeAll(() => void useSimd(simd));
  afterAll(() => void useSimd(true));

  it("adds op(A)·op(B) into C for all layouts, dense and mostly-zero A, block edges included", () => {
    const rng = new Rng(1);
    for (const layout of ["NN", "NT", "TN"] as Layout[]) for (const dtype of DTYPES) for (const density of [1, 0.5, 0.1, 0]) {
      for (const [m, k, n] of [[1, 1, 1], [4, 4, 4], [5, 3, 6], [9, 17, 7], [1, 40, 9], [13, 2, 1]]) check(rng, layout, m, k, n, dtype, density);
    }
  });

  it("one-hot rows of A take the sparse path and pick rows of B exactly", () => {
    const X = mat(3, 50), W = randomMat(new Rng(2), 50, 4, "float32"); // X one-hot: (3, 50); W: (50, 4)
    [7, 0, 49].forEach((p, i) => (X.data[i * 50 + p] = 1));
    expect(mostlyZeros(X.data)).toBe(true);
    const Y = mat(3, 4);
    gemm(X.data, W.data, Y.data, 3, 50, 4, {ars: 50, aps: 1, bps: 4, bcs: 1});
    expect(Array.from(Y.data)).toEqual([...W.data.subarray(28, 32), ...W.data.subarray(0, 4), ...W.data.subarray(196, 200)]);
  });
});

describe("mostlyZeros", () => {
  it("is true at most one nonzero in eight, false above", () => {
    const a = new Float32Array(80);
    for (let i = 0; i < 10; i++) a[i * 8] = 1;
    expect(mostlyZeros(a)).toBe(true);
    a[3] = 2;
    expect(mostlyZeros(a)).toBe(false);
    expect(mostlyZeros(new Float64Array(0))).toBe(true);
    expect(mostlyZeros(new Float64Array(5))).toBe(true);
  });
  it("is false for dense data, and for a dense start before zeros (decided early)", () => {
    expect(mostlyZeros(randomMat(new Rng(3), 64, 64).data)).toBe(false);
    const a = new Float32Array(10_000);
    a.fill(1, 0, 100);
    expect(mostlyZeros(a)).toBe(false);
  });
  it("NaN counts as nonzero", () => {
    expect(mostlyZeros(new Float32Array(16).fill(NaN))).toBe(false);
  });
});
