import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {fromRows, mat, matmul, toRows, type DType} from "../../../src/engine/index.js";
import {Rng} from "../../../src/engine/rng.js";
import {useSimd} from "../../../src/engine/simd-gemm.js";
import {DTYPES, maxAbsDiff, naiveMatmul, randomMat} from "./helpers.js";

const A = [[1, 2], [3, 4]];
const B = [[5, 6], [7, 8]];

describe("matmul: exact small cases", () => {
  it("NN: A·B", () => {
    expect(toRows(matmul(fromRows(A), fromRows(B), mat(2, 2)))).toEqual([[19, 22], [43, 50]]);
  });
  it("NT: A·Bᵀ", () => {
    expect(toRows(matmul(fromRows(A), fromRows(B), mat(2, 2), {transB: true}))).toEqual([[17, 23], [39, 53]]);
  });
  it("TN: Aᵀ·B", () => {
    expect(toRows(matmul(fromRows(A), fromRows(B), mat(2, 2), {transA: true}))).toEqual([[26, 30], [38, 44]]);
  });
  it("non-square: (2×3)·(3×1) and accumulate adds to C", () => {
    const X = fromRows([[1, 2, 3], [4, 5, 6]]);
    const w = fromRows([[1], [0], [-1]]);
    const Y = fromRows([[10], [20]]);
    expect(toRows(matmul(X, w, Y, {accumulate: true}))).toEqual([[8], [18]]);
    expect(toRows(matmul(X, w, Y))).toEqual([[-2], [-2]]);
  });
  it("returns C and overwrites garbage (NaN) when not accumulating", () => {
    const C = mat(2, 2);
    C.data.fill(NaN);
    expect(matmul(fromRows(A), fromRows(B), C)).toBe(C);
    expect(toRows(C)).toEqual([[19, 22], [43, 50]]);
  });
  it("k = 0 gives zeros (or leaves C alone when accumulating)", () => {
    const C = fromRows([[1, 2]]);
    matmul(mat(1, 0), mat(0, 2), C, {accumulate: true});
    expect(toRows(C)).toEqual([[1, 2]]);
    matmul(mat(1, 0), mat(0, 2), C);
    expect(toRows(C)).toEqual([[0, 0]]);
  });
  it("rejects mismatched shapes and the unused Aᵀ·Bᵀ layout", () => {
    expect(() => matmul(mat(2, 3), mat(2, 3), mat(2, 3))).toThrow(/matmul/);
    expect(() => matmul(mat(2, 3), mat(3, 4), mat(2, 5))).toThrow(/matmul/);
    expect(() => matmul(mat(2, 3), mat(3, 4), mat(3, 4))).toThrow(/matmul/);
    expect(() => matmul(mat(3, 2), mat(4, 3), mat(2, 4), {transA: true, transB: true})).toThrow(/Aᵀ·Bᵀ/);
  });
});

type Layout = "NN" | "NT" | "TN";
const LAYOUTS: Layout[] = ["NN", "NT", "TN"];

/** Checks op(A)·op(B) (+ C₀) for an (m×k)·(k×n) product against the triple loop. */
function check(rng: Rng, layout: Layout, m: number, k: number, n: number, dtype: DType, accumulate: boolean): void {
  const transA = layout === "TN", transB = layout === "NT";
  const Am = transA ? randomMat(rng, k, m, dtype) : randomMat(rng, m, k, dtype);
  const Bm = transB ? randomMat(rng, n, k, dtype) : randomMat(rng, k, n, dtype);
  const C = randomMat(rng, m, n, dtype);
  if (!accumulate) C.data.fill(NaN);
  const expected = naiveMatmul(Am, Bm, transA, transB);
  if (accumulate) for (let i = 0; i < expected.length; i++) expected[i] += C.data[i];
  matmul(Am, Bm, C, {transA, transB, accumulate});
  // Entries are sums of k products of numbers in [−1, 1]; float32 rounding grows about like k·ε.
  const tol = (dtype === "float32" ? 2e-7 : 1e-15) * (k + 4) * 4;
  const err = maxAbsDiff(C.data, expected);
  if (!(err <= tol)) throw new Error(`${layout} ${m}×${k}×${n} ${dtype} acc=${accumulate}: error ${err} > ${tol}`);
}

const ODD = [1, 3, 7, 17, 33];

for (const simd of [true, false]) describe(`matmul: randomized against the triple loop, SIMD ${simd ? "on" : "off"}`, () => {
  beforeAll(() => void useSimd(simd));
  afterAll(() => void useSimd(true));
  it("uses the route it says (SIMD is available in Node)", () => expect(useSimd()).toBe(simd));
  for (const layout of LAYOUTS) {
    for (const dtype of DTYPES) {
      it(`${layout} ${dtype}, every (m, k, n) in {1, 3, 7, 17, 33}³, with and without accumulate`, () => {
        const rng = new Rng(layout.charCodeAt(1) * 7 + dtype.length);
        for (const m of ODD) for (const k of ODD) for (const n of ODD) {
          check(rng, layout, m, k, n, dtype, false);
          check(rng, layout, m, k, n, dtype, true);
        }
      });
    }
  }

  // Shapes that cross every register- and cache-block edge of the optimised kernels.
  const LARGE: [number, number, number][] = [[64, 64, 64], [65, 130, 67], [5, 300, 9], [130, 9, 258], [257, 33, 4], [2, 600, 3], [96, 280, 140]];
  for (const layout of LAYOUTS) {
    it(`${layout}: larger shapes across block edges, float32 and float64`, () => {
      const rng = new Rng(99 + layout.charCodeAt(0));
      for (const [m, k, n] of LARGE) for (const dtype of DTYPES) {
        check(rng, layout, m, k, n, dtype, false);
        check(rng, layout, m, k, n, dtype, true);
      }
    });
  }

  it("keeps float64 precision when run on Float64Array (no hidden float32 round trip)", () => {
    const a = fromRows([[1 + 1e-12]], "float64"), b = fromRows([[1]], "float64");
    expect(matmul(a, b, mat(1, 1, "float64")).data[0]).toBe(1 + 1e-12);
  });
});
