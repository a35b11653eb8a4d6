import {describe, expect, it} from "vitest";
import {fromRows, toRows, type Mat} from "../../../src/engine/index.js";
import {equivariance, permuteRows, permuteSquare, randomPermutation} from "../../../src/models/attention/permutation.js";
import {SelfAttention} from "../../../src/models/attention/self-attention.js";
import {MultiHeadAttention} from "../../../src/models/attention/multi-head.js";
import {makePositions} from "../../../src/models/attention/positions.js";
import {randomMat, Rng} from "./helpers.js";

describe("permutations", () => {
  it("permuteRows: row i of P X is row perm[i] of X; permuteSquare permutes both indices", () => {
    const X = fromRows([[1, 1], [2, 2], [3, 3]]);
    expect(toRows(permuteRows(X, [2, 0, 1]))).toEqual([[3, 3], [1, 1], [2, 2]]);
    const A = fromRows([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    expect(toRows(permuteSquare(A, [2, 0, 1]))).toEqual([[9, 7, 8], [3, 1, 2], [6, 4, 5]]);
  });
  it("randomPermutation keeps the first `fixed` places and uses every index once", () => {
    const p = randomPermutation(10, new Rng(3), 1);
    expect(p[0]).toBe(0);
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({length: 10}, (_, i) => i));
    expect(p).not.toEqual(Array.from({length: 10}, (_, i) => i));
  });
});

describe("order blindness: the page's claim, on self-attention and multi-head attention", () => {
  const rng = new Rng(17);
  const n = 9, d = 8;
  const X = randomMat(rng, n, d);
  const perm = randomPermutation(n, rng);
  const sa = new SelfAttention({dModel: d, dtype: "float64"}, rng);
  const mha = new MultiHeadAttention({dModel: d, heads: 2, dtype: "float64"}, rng);
  const layers: [string, (H: Mat) => Mat][] = [["self-attention", (H) => sa.forward(H, H.rows).Y], ["multi-head", (H) => mha.forward(H, H.rows).Y]];

  for (const [name, layer] of layers) {
    it(`${name} without positions: shuffling the tokens shuffles the outputs the same way (to rounding)`, () => {
      expect(equivariance(layer, X, perm).maxDiff).toBeLessThan(1e-12);
    });
    for (const kind of ["sinusoidal", "learned"] as const) {
      it(`${name} with ${kind} positions: it does not`, () => {
        const pos = makePositions(kind, n, d, new Rng(2), "float64");
        const withPositions = (H: Mat) => layer(pos.forward(H, n));
        const r = equivariance(withPositions, X, perm);
        expect(r.maxDiff).toBeGreaterThan(0.05);
      });
    }
  }

  it("the attention matrix of the shuffled sequence is the shuffled matrix, without positions", () => {
    const A = sa.forward(X, n).att.A, Ap = sa.forward(permuteRows(X, perm), n).att.A;
    const PAPt = permuteSquare(A, perm);
    for (let i = 0; i < Ap.data.length; i++) expect(Ap.data[i]).toBeCloseTo(PAPt.data[i], 12);
  });

  it("a causal mask breaks it too (order enters through the mask)", () => {
    expect(equivariance((H) => sa.forward(H, n, {causal: true}).Y, X, perm).maxDiff).toBeGreaterThan(0.05);
  });
});
