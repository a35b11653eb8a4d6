import {describe, expect, it} from "vitest";
import {fromRows, mat, matvec, matvecT, outerAcc, toRows, type DType} from "../../../src/engine/index.js";
import {Rng} from "../../../src/engine/rng.js";
import {DTYPES, maxAbsDiff, randomMat, randomVec} from "./helpers.js";

const W = () => fromRows([[1, 2, 3], [4, 5, 6]]); // (2, 3)

describe("matvec / matvecT / outerAcc: exact small cases", () => {
  it("y = W·x", () => {
    expect(Array.from(matvec(W(), Float32Array.of(1, 0, -1), new Float32Array(2)))).toEqual([-2, -2]);
  });
  it("y = W·x + y with accumulate, and overwrite without it", () => {
    const y = Float32Array.of(10, 20);
    matvec(W(), Float32Array.of(1, 1, 1), y, true);
    expect(Array.from(y)).toEqual([16, 35]);
    y.fill(NaN);
    matvec(W(), Float32Array.of(1, 1, 1), y);
    expect(Array.from(y)).toEqual([6, 15]);
  });
  it("y = Wᵀ·x, with and without accumulate", () => {
    const y = Float32Array.of(NaN, NaN, NaN);
    expect(Array.from(matvecT(W(), Float32Array.of(1, -1), y))).toEqual([-3, -3, -3]);
    expect(Array.from(matvecT(W(), Float32Array.of(0, 1), y, true))).toEqual([1, 2, 3]);
  });
  it("W += x·yᵀ", () => {
    const M = W();
    expect(outerAcc(Float32Array.of(1, 2), Float32Array.of(1, 0, -1), M)).toBe(M);
    expect(toRows(M)).toEqual([[2, 2, 2], [6, 5, 4]]);
  });
  it("rejects mismatched lengths", () => {
    expect(() => matvec(W(), new Float32Array(2), new Float32Array(2))).toThrow(/matvec/);
    expect(() => matvec(W(), new Float32Array(3), new Float32Array(3))).toThrow(/matvec/);
    expect(() => matvecT(W(), new Float32Array(3), new Float32Array(3))).toThrow(/matvecT/);
    expect(() => outerAcc(new Float32Array(3), new Float32Array(2), W())).toThrow(/outerAcc/);
  });
});

function tolerance(dtype: DType, k: number): number {
  return (dtype === "float32" ? 2e-7 : 1e-15) * (k + 4) * 4;
}

describe("matvec / matvecT / outerAcc: randomized against plain loops", () => {
  const SIZES = [1, 3, 7, 17, 33, 64, 130];
  for (const dtype of DTYPES) {
    it(`matvec and matvecT, ${dtype}, all (rows, cols) pairs, with and without accumulate`, () => {
      const rng = new Rng(dtype.length);
      for (const r of SIZES) for (const c of SIZES) for (const acc of [false, true]) {
        const M = randomMat(rng, r, c, dtype);
        const x = randomVec(rng, c, dtype), y = randomVec(rng, r, dtype);
        const expected = new Float64Array(r);
        for (let i = 0; i < r; i++) {
          let s = acc ? y[i] : 0;
          for (let j = 0; j < c; j++) s += M.data[i * c + j] * x[j];
          expected[i] = s;
        }
        if (!acc) y.fill(NaN);
        expect(maxAbsDiff(matvec(M, x, y, acc), expected)).toBeLessThanOrEqual(tolerance(dtype, c));

        const u = randomVec(rng, r, dtype), v = randomVec(rng, c, dtype);
        const expectedT = new Float64Array(c);
        for (let j = 0; j < c; j++) {
          let s = acc ? v[j] : 0;
          for (let i = 0; i < r; i++) s += M.data[i * c + j] * u[i];
          expectedT[j] = s;
        }
        if (!acc) v.fill(NaN);
        expect(maxAbsDiff(matvecT(M, u, v, acc), expectedT)).toBeLessThanOrEqual(tolerance(dtype, r));
      }
    });

    it(`outerAcc, ${dtype}, all (rows, cols) pairs`, () => {
      const rng = new Rng(7 + dtype.length);
      for (const r of SIZES) for (const c of SIZES) {
        const M = randomMat(rng, r, c, dtype);
        const x = randomVec(rng, r, dtype), y = randomVec(rng, c, dtype);
        x[0] = 0; // a zero entry must still leave its row correct
        const expected = new Float64Array(r * c);
        for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) expected[i * c + j] = M.data[i * c + j] + x[i] * y[j];
        outerAcc(x, y, M);
        expect(maxAbsDiff(M.data, expected)).toBeLessThanOrEqual(tolerance(dtype, 1));
      }
    });
  }

  it("matvec agrees with a (rows×cols)·(cols×1) matmul layout on a chapter shape", () => {
    const rng = new Rng(3);
    const M = randomMat(rng, 256, 64, "float64"), x = randomVec(rng, 64, "float64");
    const y = matvec(M, x, new Float64Array(256));
    const yT = matvecT(mat(64, 256, "float64", transpose(M.data, 256, 64)), x, new Float64Array(256));
    expect(maxAbsDiff(y, yT)).toBeLessThan(1e-12);
  });
});

function transpose(a: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const t = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = a[i * cols + j];
  return t;
}
