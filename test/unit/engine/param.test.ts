import {describe, expect, it} from "vitest";
import {countParams, dtypeOf, exportParams, importParams, param, zeroGrads} from "../../../src/engine/index.js";

describe("param", () => {
  it("makes a value and a gradient of the same shape and dtype", () => {
    const p = param("W", 2, 3, "float64");
    expect([p.name, p.value.rows, p.value.cols, p.grad.rows, p.grad.cols]).toEqual(["W", 2, 3, 2, 3]);
    expect(dtypeOf(p.value.data)).toBe("float64");
    expect(dtypeOf(p.grad.data)).toBe("float64");
    expect(p.value.data).not.toBe(p.grad.data);
    expect(dtypeOf(param("b", 1, 1).value.data)).toBe("float32");
  });
  it("zeroGrads clears gradients, leaves values", () => {
    const p = param("W", 1, 2);
    p.value.data.set([1, 2]);
    p.grad.data.set([3, 4]);
    zeroGrads([p]);
    expect(Array.from(p.grad.data)).toEqual([0, 0]);
    expect(Array.from(p.value.data)).toEqual([1, 2]);
  });
  it("countParams sums the sizes", () => {
    expect(countParams([param("W", 3, 4), param("b", 1, 4)])).toBe(16);
  });
  it("exportParams / importParams round-trip through JSON", () => {
    const a = [param("W", 2, 2), param("b", 1, 2)];
    a[0].value.data.set([1, 2, 3, 4]);
    a[1].value.data.set([0.5, -0.5]);
    const saved = JSON.parse(JSON.stringify(exportParams(a)));
    expect(saved.W).toEqual({rows: 2, cols: 2, data: [1, 2, 3, 4]});
    const b = [param("W", 2, 2, "float64"), param("b", 1, 2, "float64")];
    importParams(b, saved);
    expect(Array.from(b[0].value.data)).toEqual([1, 2, 3, 4]);
    expect(Array.from(b[1].value.data)).toEqual([0.5, -0.5]);
  });
  it("importParams rejects missing names and wrong shapes", () => {
    const saved = exportParams([param("W", 2, 2)]);
    expect(() => importParams([param("V", 2, 2)], saved)).toThrow(/no saved value for V/);
    expect(() => importParams([param("W", 1, 4)], saved)).toThrow(/W is 1×4, saved 2×2/);
    expect(() => importParams([param("W", 2, 3)], saved)).toThrow(/W is 2×3, saved 2×2/);
  });
});
