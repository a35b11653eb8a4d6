import {describe, expect, it} from "vitest";
import {addRowVector, fromRows, mat, sumRowsInto, toRows} from "../../../src/engine/index.js";
import {Rng} from "../../../src/engine/rng.js";
import {DTYPES, maxAbsDiff, randomMat, randomVec} from "./helpers.js";

describe("addRowVector", () => {
  it("adds v to every row and returns m", () => {
    const m = fromRows([[1, 2, 3], [4, 5, 6]]);
    expect(addRowVector(m, [10, 20, 30])).toBe(m);
    expect(toRows(m)).toEqual([[11, 22, 33], [14, 25, 36]]);
  });
  it("matches a plain loop on random input", () => {
    for (const dtype of DTYPES) {
      const rng = new Rng(1);
      const m = randomMat(rng, 7, 17, dtype), v = randomVec(rng, 17, dtype);
      const expected = Array.from(m.data, (x, idx) => x + v[idx % 17]);
      addRowVector(m, v);
      expect(maxAbsDiff(m.data, expected)).toBeLessThan(dtype === "float32" ? 1e-6 : 1e-15);
    }
  });
});

describe("sumRowsInto", () => {
  it("adds the column sums into out (accumulating)", () => {
    const out = Float32Array.of(100, 0, 0);
    expect(Array.from(sumRowsInto(fromRows([[1, 2, 3], [4, 5, 6]]), out))).toEqual([105, 7, 9]);
  });
  it("is the backward of addRowVector: ⟨dM, 1·vᵀ⟩ = ⟨sumRows(dM), v⟩", () => {
    const rng = new Rng(2);
    const dM = randomMat(rng, 5, 9), v = randomVec(rng, 9);
    const ones = mat(5, 9, "float64");
    addRowVector(ones, v); // every row is v
    let lhs = 0;
    for (let i = 0; i < dM.data.length; i++) lhs += dM.data[i] * ones.data[i];
    const s = sumRowsInto(dM, new Float64Array(9));
    let rhs = 0;
    for (let j = 0; j < 9; j++) rhs += s[j] * v[j];
    expect(lhs).toBeCloseTo(rhs, 12);
  });
  it("handles zero rows", () => {
    expect(Array.from(sumRowsInto(mat(0, 2), Float32Array.of(1, 2)))).toEqual([1, 2]);
  });
});
