import {describe, expect, it} from "vitest";
import {fromRows, toRows} from "../../../src/engine/index.js";
import {concatHeads, splitHeads} from "../../../src/models/attention/heads.js";

describe("splitHeads / concatHeads", () => {
  it("head k takes columns k·d_k … (k+1)·d_k − 1", () => {
    const X = fromRows([[1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12]]);
    const parts = splitHeads(X, 3);
    expect(parts.map(toRows)).toEqual([[[1, 2], [7, 8]], [[3, 4], [9, 10]], [[5, 6], [11, 12]]]);
    expect(toRows(concatHeads(parts))).toEqual(toRows(X));
  });
  it("refuses a width the heads do not divide", () => {
    expect(() => splitHeads(fromRows([[1, 2, 3]]), 2)).toThrow(/3 columns into 2 heads/);
  });
});
