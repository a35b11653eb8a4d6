import {describe, expect, it} from "vitest";
import {fromRows} from "../../../src/engine/index.js";
import {residual, residualBackward} from "../../../src/models/transformer/residual.js";
import {FeedForward} from "../../../src/models/transformer/feed-forward.js";
import {LayerNorm} from "../../../src/models/transformer/layer-norm.js";
import {checkBlock, randomMat, Rng} from "./helpers.js";

describe("residual", () => {
  it("y = x + f, leaving x and f as they were", () => {
    const x = fromRows([[1, 2]], "float64"), f = fromRows([[10, -2]], "float64");
    expect(Array.from(residual(x, f).data)).toEqual([11, 0]);
    expect(Array.from(x.data)).toEqual([1, 2]);
    expect(() => residual(x, fromRows([[1]], "float64"))).toThrow();
  });

  it("backward: dy reaches x unchanged, added to the sub-layer's path", () => {
    const into = fromRows([[1, 1]], "float64");
    expect(Array.from(residualBackward(fromRows([[2, 3]], "float64"), into).data)).toEqual([3, 4]);
  });

  it("a pre-LN sub-layer x + FFN(LN(x)) passes the finite-difference check, float64", () => {
    const rng = new Rng(1);
    const ln = new LayerNorm(4, "ln", 1e-5, "float64");
    const ffn = new FeedForward(4, 6, rng, "ffn", "float64");
    const X = randomMat(rng, 3, 4);
    const r = checkBlock([...ln.params, ...ffn.params], [X], () => {
      const n = ln.forward(X), f = ffn.forward(n.Y), y = residual(X, f.Y);
      return {Y: y, backward: (dY) => [residualBackward(dY, ln.backward(n, ffn.backward(f, dY)))]};
    }, rng);
    expect(r.params, r.worst).toBeLessThan(1e-7);
    expect(r.inputs, r.worst).toBeLessThan(1e-7);
  });
});
