import {describe, expect, it} from "vitest";
import {gradCheck, mat, Rng, zeroGrads} from "../../../src/engine/index.js";
import {addingBatch} from "../../../src/models/adding.js";
import {LstmCell} from "../../../src/models/lstm-cell.js";
import type {RecurrentCell} from "../../../src/models/recurrent.js";
import {RnnCell} from "../../../src/models/rnn-cell.js";
import {SequenceRegressor} from "../../../src/models/sequence-regressor.js";

const cells: Record<string, (rng: Rng) => RecurrentCell> = {
  lstm: (rng) => new LstmCell({inputSize: 2, hiddenSize: 4, forgetBias: 1, dtype: "float64"}, rng),
  rnn: (rng) => new RnnCell({inputSize: 2, hiddenSize: 4, dtype: "float64"}, rng)
};

describe("SequenceRegressor", () => {
  for (const [kind, make] of Object.entries(cells)) {
    it(`${kind}: read-out and BPTT match central differences (float64, batch 5, 7 steps)`, () => {
      const rng = new Rng(kind.length);
      const model = new SequenceRegressor(make(rng), rng);
      model.a.value.data[0] = 0.3;
      const {xs, y} = addingBatch(7, 5, rng, "float64");
      zeroGrads(model.params);
      const J = model.lossAndGrad(xs, y);
      expect(J).toBeCloseTo(model.loss(xs, y), 14);
      const res = gradCheck(model.params, () => model.loss(xs, y));
      expect(res.checked).toBe(model.params.reduce((n, p) => n + p.value.data.length, 0));
      expect(res.maxRelError, JSON.stringify(res.worst)).toBeLessThan(1e-6);
    });
  }

  it("ŷ = v · h(T) + a, one number per sequence", () => {
    const rng = new Rng(9);
    const model = new SequenceRegressor(new RnnCell({inputSize: 2, hiddenSize: 3}, rng), rng);
    model.a.value.data[0] = 0.5;
    const xs = [mat(2, 2), mat(2, 2)];
    xs[0].data.set([1, 0, 0, 1]);
    const {yhat, trace} = model.forward(xs);
    expect(yhat.rows).toBe(2);
    const hT = trace.hs[1].data;
    for (let r = 0; r < 2; r++) {
      let s = 0.5;
      for (let j = 0; j < 3; j++) s += model.v.value.data[j] * hT[r * 3 + j];
      expect(yhat.data[r]).toBeCloseTo(s, 6);
    }
  });
});
