import {describe, expect, it} from "vitest";
import {fromRows} from "../../../src/engine/index.js";
import {Embedding} from "../../../src/models/transformer/embedding.js";
import {OutputProjection} from "../../../src/models/transformer/output-projection.js";
import {checkBlock, maxAbsDiff, randomMat, Rng} from "./helpers.js";

describe("Embedding", () => {
  it("looks up rows of E and scales them by √d_model (or not)", () => {
    for (const scaled of [true, false]) {
      const emb = new Embedding(3, 4, new Rng(1), {scaled, dtype: "float64"});
      emb.E.value.data.set([0, 0, 0, 0, 1, 2, 3, 4, -1, 0, 1, 0]);
      const {X} = emb.forward([2, 1, 1]);
      const s = scaled ? 2 : 1;
      expect(Array.from(X.data)).toEqual([-1, 0, 1, 0, 1, 2, 3, 4, 1, 2, 3, 4].map((v) => v * s));
    }
  });

  it("backward adds s · dX into the rows of the ids used, repeated ids add up", () => {
    const emb = new Embedding(3, 2, new Rng(1), {scaled: true, dtype: "float64"});
    emb.backward(emb.forward([1, 1, 0]), fromRows([[1, 2], [3, 4], [5, 6]], "float64"));
    const s = Math.SQRT2;
    expect(maxAbsDiff(emb.E.grad.data, [5 * s, 6 * s, 4 * s, 6 * s, 0, 0])).toBeLessThan(1e-14);
  });

  it("rejects ids outside the vocabulary", () => {
    expect(() => new Embedding(3, 2, new Rng(1)).forward([3])).toThrow(/outside/);
  });

  it("backward matches finite differences, float64", () => {
    const rng = new Rng(2);
    const emb = new Embedding(5, 3, rng, {dtype: "float64"});
    const ids = [4, 0, 4, 2];
    const r = checkBlock(emb.params, [], () => {
      const c = emb.forward(ids);
      return {Y: c.X, backward: (dY) => (emb.backward(c, dY), [])};
    }, rng);
    expect(r.params, r.worst).toBeLessThan(1e-8);
  });
});

describe("OutputProjection", () => {
  it("tied: Z = X Eᵀ with the embedding's own E, and no parameters of its own", () => {
    const emb = new Embedding(3, 2, new Rng(1), {dtype: "float64"});
    emb.E.value.data.set([1, 0, 0, 1, 1, 1]);
    const out = new OutputProjection(2, 3, new Rng(1), {tieTo: emb, dtype: "float64"});
    expect(out.params).toEqual([]);
    expect(out.W).toBe(emb.E);
    expect(Array.from(out.forward(fromRows([[2, 3]], "float64")).logits.data)).toEqual([2, 3, 5]);
  });

  it("separate: Z = X W_out + b", () => {
    const out = new OutputProjection(2, 3, new Rng(1), {dtype: "float64"});
    out.W.value.data.set([1, 0, 2, 0, 1, -1]);
    out.b!.value.data.set([0.5, 0, 0]);
    expect(Array.from(out.forward(fromRows([[2, 3]], "float64")).logits.data)).toEqual([2.5, 3, 1]);
  });

  for (const tied of [true, false]) {
    it(`${tied ? "tied" : "separate"}: backward matches finite differences, float64`, () => {
      const rng = new Rng(3);
      const emb = new Embedding(6, 4, rng, {dtype: "float64"});
      const out = new OutputProjection(4, 6, rng, {tieTo: tied ? emb : undefined, dtype: "float64"});
      const X = randomMat(rng, 3, 4);
      const params = tied ? emb.params : out.params;
      const r = checkBlock(params, [X], () => {
        const c = out.forward(X);
        return {Y: c.logits, backward: (dZ) => [out.backward(c, dZ)]};
      }, rng);
      expect(r.params, r.worst).toBeLessThan(1e-8);
      expect(r.inputs, r.worst).toBeLessThan(1e-8);
    });
  }

  it("tied: E gets gradient from both ends (embedding and projection), summed", () => {
    const rng = new Rng(4);
    const emb = new Embedding(5, 3, rng, {dtype: "float64"});
    const out = new OutputProjection(3, 5, rng, {tieTo: emb, dtype: "float64"});
    const ids = [1, 3];
    const R = randomMat(rng, 2, 5);
    // L = Σ R ⊙ (s E[ids] Eᵀ): E appears twice.
    const loss = () => {
      const z = out.forward(emb.forward(ids).X).logits.data;
      let s = 0;
      for (let i = 0; i < z.length; i++) s += z[i] * R.data[i];
      return s;
    };
    const ce = emb.forward(ids), co = out.forward(ce.X);
    emb.backward(ce, out.backward(co, R));
    const h = 1e-6, E = emb.E.value.data;
    for (let i = 0; i < E.length; i++) {
      const e0 = E[i];
      E[i] = e0 + h;
      const lp = loss();
      E[i] = e0 - h;
      const lm = loss();
      E[i] = e0;
      expect(emb.E.grad.data[i]).toBeCloseTo((lp - lm) / (2 * h), 7);
    }
  });
});
