import {describe, expect, it} from "vitest";
import {decades} from "../../../components/lstm-flow-chart.js";

describe("decades", () => {
  it("spans the values with whole powers of ten", () => {
    expect(decades(0.003, 0.7)).toEqual([1e-3, 1e-2, 1e-1, 1]);
    expect(decades(2e-6, 1.3)).toEqual([1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10]);
  });

  it("gives at least one decade when the values are equal or exact powers", () => {
    expect(decades(0.5, 0.5)).toEqual([0.1, 1]);
    expect(decades(1, 1)).toEqual([1, 10]);
  });
});
