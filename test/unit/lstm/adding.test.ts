/**
 * The adding problem: the LSTM learns it, the vanilla RNN does not, and the reason shows in the
 * gradients: after the same training, ∂J/∂c(k) of the LSTM survives 30 steps back while the RNN's
 * ∂J/∂h(k) has vanished.
 */
import {beforeAll, describe, expect, it} from "vitest";
import {mat, Rng} from "../../../src/engine/index.js";
import {ADDING_BASELINE_MSE, ADDING_DEFAULTS, AddingRun, addingBatch} from "../../../src/models/adding.js";
import {lstmGradientFlow} from "../../../src/models/lstm-bptt.js";
import {LstmCell} from "../../../src/models/lstm-cell.js";
import type {RnnCell} from "../../../src/models/rnn-cell.js";

/** ‖∂J/∂h(T−d)‖ of a vanilla RNN for d = 0…T−1, by its recurrence dh(k−1) = W_hᵀ (dh(k) ⊙ (1 − h(k)²)). */
function rnnFlow(cell: RnnCell, xs: ReturnType<typeof addingBatch>["xs"], dhT: ArrayLike<number>): number[] {
  const H = cell.hiddenSize, W = cell.Wh.value.data;
  const {hs} = cell.forward(xs);
  let dh = Float64Array.from(dhT);
  const norms: number[] = [];
  for (let k = hs.length - 1; k >= 0; k--) {
    norms.push(Math.hypot(...dh));
    const next = new Float64Array(H);
    for (let a = 0; a < H; a++) {
      const dz = dh[a] * (1 - hs[k].data[a] ** 2);
      for (let b = 0; b < H; b++) next[b] += dz * W[a * H + b];
    }
    dh = next;
  }
  return norms;
}

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

  it("after training, ‖∂J/∂c(k)‖ of the LSTM survives 30 steps; the RNN's ‖∂J/∂h(k)‖ vanishes", () => {
    const T = ADDING_DEFAULTS.length;
    const xs = lstm.test.xs.map((x) => mat(1, 2, "float32", x.data.slice(0, 2))); // one test sequence
    const cell = lstm.model.cell as LstmCell;
    const lstmDc = lstmGradientFlow(cell, cell.forward(xs), T, lstm.model.v.value.data).dc; // seed ∂J/∂h(T) ∝ v
    const rnnDh = rnnFlow(rnn.model.cell as RnnCell, xs, rnn.model.v.value.data);
    const lstmKept = lstmDc[30] / lstmDc[0], rnnKept = rnnDh[30] / rnnDh[0];
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
