/**
 * The adding problem: the LSTM learns it, the vanilla RNN does not, and the reason shows in the
 * gradients: after the same training, ∂ŷ/∂c(k) of the LSTM survives 30 steps back while the RNN's
 * ∂ŷ/∂h(k) has vanished.
 */
import {beforeAll, describe, expect, it} from "vitest";
import {Rng} from "../../../src/engine/index.js";
import {ADDING_BASELINE_MSE, ADDING_DEFAULTS, AddingRun, addingBatch} from "../../../src/models/adding.js";
import {addingFlow} from "../../../src/models/adding-flow.js";
import {lstmGradientFlow} from "../../../src/models/lstm-bptt.js";
import {LstmCell} from "../../../src/models/lstm-cell.js";

describe("addingBatch", () => {
  it("two markers, one per half; target = the sum of the marked values", () => {
    const {xs, y, marks} = addingBatch(10, 50, new Rng(1));
    for (let r = 0; r < 50; r++) {
      const marked = xs.flatMap((x, t) => (x.data[2 * r + 1] === 1 ? [t] : []));
      expect(marked).toEqual(marks[r]);
      expect(marked[0]).toBeLessThan(5);
      expect(marked[1]).toBeGreaterThanOrEqual(5);
      expect(y[r]).toBeCloseTo(xs[marked[0]].data[2 * r] + xs[marked[1]].data[2 * r], 6);
    }
  });
  it("always answering 1 scores about 1/6", () => {
    const {y} = addingBatch(4, 20000, new Rng(2));
    let s = 0;
    for (const v of y) s += (v - 1) ** 2;
    expect(s / y.length).toBeCloseTo(ADDING_BASELINE_MSE, 2);
  });
});

describe(`adding problem, T = ${ADDING_DEFAULTS.length}, hidden ${ADDING_DEFAULTS.hidden}, batch ${ADDING_DEFAULTS.batch}`, () => {
  const budget = 800;
  const lstm = new AddingRun("lstm", ADDING_DEFAULTS);
  const rnn = new AddingRun("rnn", ADDING_DEFAULTS);
  let lstmMse = Infinity;

  beforeAll(() => {
    while (lstm.steps < budget && lstmMse >= 0.01) {
      lstm.step();
      if (lstm.steps % 50 === 0) lstmMse = lstm.testMse();
    }
    while (rnn.steps < budget) rnn.step();
  }, 30_000);

  it(`the LSTM's test MSE falls below 0.01 within ${budget} steps`, () => {
    expect(lstmMse).toBeLessThan(0.01);
  });

  it(`the vanilla RNN's stays above 0.1 after ${budget} steps (baseline 0.167)`, () => {
    expect(rnn.steps).toBe(budget);
    expect(rnn.testMse()).toBeGreaterThan(0.1);
  });

  it("after training, ‖∂ŷ/∂c(k)‖ of the LSTM survives 30 steps; the RNN's ‖∂ŷ/∂h(k)‖ vanishes", () => {
    const r = 0, T = ADDING_DEFAULTS.length; // the first test sequence
    const values = Array.from({length: T}, (_, t) => lstm.test.xs[t].data[2 * r]);
    const flow = addingFlow(lstm, rnn, values, lstm.test.marks[r]);
    const lstmKept = flow.lstmDc[30] / flow.lstmDc[0], rnnKept = flow.rnnDh[30] / flow.rnnDh[0];
    expect(lstmKept).toBeGreaterThan(0.1);
    expect(rnnKept).toBeLessThan(1e-3);
    expect(lstmKept / rnnKept).toBeGreaterThan(1e3);
  });
});

describe("the forget bias at initialisation", () => {
  it("b_f = 1 keeps ‖∂J/∂c(k)‖ at distance 30 over 100× larger than b_f = 0", () => {
    const kept = (forgetBias: number) => {
      const rng = new Rng(3);
      const cell = new LstmCell({inputSize: 2, hiddenSize: 16, forgetBias}, rng);
      const {xs} = addingBatch(40, 1, rng);
      const dhT = Float32Array.from({length: 16}, () => rng.normal());
      const {dc} = lstmGradientFlow(cell, cell.forward(xs), 40, dhT);
      return dc[30] / dc[0];
    };
    expect(kept(1) / kept(0)).toBeGreaterThan(100);
  });
});
