import {describe, expect, it} from "vitest";
import {gradCheck, zeroGrads} from "../../../src/engine/index.js";
import {Embedding} from "../../../src/models/attention/embedding.js";
import {Linear} from "../../../src/models/attention/linear.js";
import {checkLayer, probe, randomMat, Rng} from "./helpers.js";

describe("Embedding", () => {
  it("row r is E[tokens[r]]; the gradient of a repeated token adds up", () => {
    const rng = new Rng(1);
    const emb = new Embedding(5, 3, rng, {dtype: "float64"});
    const tokens = [2, 0, 2, 4];
    const X = emb.forward(tokens);
    expect(Array.from(X.data.subarray(0, 3))).toEqual(Array.from(emb.E.value.data.subarray(6, 9)));
    const R = randomMat(rng, 4, 3);
    zeroGrads(emb.params);
    emb.backward(tokens, R);
    expect(gradCheck(emb.params, () => probe(emb.forward(tokens), R)).maxRelError).toBeLessThan(1e-8);
    expect(() => emb.forward([5])).toThrow(/outside/);
  });
});

describe("Linear", () => {
  it("gradients of W, b and X (float64)", () => {
    const rng = new Rng(2);
    const lin = new Linear(4, 3, rng, {dtype: "float64"});
    const X = randomMat(rng, 5, 4);
    const err = checkLayer(lin.params, {X}, () => lin.forward(X), (dY) => ({X: lin.backward(X, dY)}), rng);
    expect(err.params).toBeLessThan(1e-5);
    expect(err.inputs.X).toBeLessThan(1e-5);
  });
});
