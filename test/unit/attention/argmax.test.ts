import {describe, expect, it} from "vitest";
import {fromRows} from "../../../src/engine/index.js";
import {argmaxRows} from "../../../src/models/attention/argmax.js";

describe("argmaxRows", () => {
  it("the class of each row and its softmax probability", () => {
    const r = argmaxRows(fromRows([[0, Math.log(3)], [2, 0], [1, 1]], "float64"));
    expect(r.ids).toEqual([1, 0, 0]);
    expect(r.p[0]).toBeCloseTo(0.75, 14);
    expect(r.p[1]).toBeCloseTo(Math.exp(2) / (Math.exp(2) + 1), 14);
    expect(r.p[2]).toBeCloseTo(0.5, 14);
  });
});
