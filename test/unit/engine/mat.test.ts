import {describe, expect, it} from "vitest";
import {alloc, clone, dtypeOf, fromRows, mat, row, toRows} from "../../../src/engine/index.js";

describe("mat helpers", () => {
  it("alloc makes zeroed arrays of the requested dtype (float32 by default)", () => {
    expect(alloc(3)).toBeInstanceOf(Float32Array);
    expect(alloc(3, "float64")).toBeInstanceOf(Float64Array);
    expect(Array.from(alloc(3))).toEqual([0, 0, 0]);
  });
  it("mat allocates rows·cols zeros, or wraps data without copying", () => {
    const m = mat(2, 3, "float64");
    expect([m.rows, m.cols, m.data.length, dtypeOf(m.data)]).toEqual([2, 3, 6, "float64"]);
    const data = new Float32Array(6);
    expect(mat(3, 2, "float32", data).data).toBe(data);
    expect(() => mat(2, 2, "float32", data)).toThrow(/6 numbers for a 2×2/);
  });
  it("dtypeOf tells the two array types apart", () => {
    expect(dtypeOf(new Float32Array(1))).toBe("float32");
    expect(dtypeOf(new Float64Array(1))).toBe("float64");
  });
  it("row is a view: writes go through to the matrix", () => {
    const m = fromRows([[1, 2], [3, 4], [5, 6]]);
    const r = row(m, 1);
    expect(Array.from(r)).toEqual([3, 4]);
    r[0] = 30;
    expect(m.data[2]).toBe(30);
  });
  it("clone copies the data", () => {
    const m = fromRows([[1, 2]], "float64");
    const c = clone(m);
    c.data[0] = 9;
    expect(m.data[0]).toBe(1);
    expect([c.rows, c.cols, dtypeOf(c.data)]).toEqual([1, 2, "float64"]);
  });
  it("fromRows and toRows round-trip, row-major", () => {
    const rows = [[1, 2, 3], [4, 5, 6]];
    const m = fromRows(rows, "float64");
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(toRows(m)).toEqual(rows);
    expect(toRows(fromRows([]))).toEqual([]);
    expect(() => fromRows([[1, 2], [3]])).toThrow(/ragged/);
  });
});
