import {describe, expect, it} from "vitest";
import type {Mat} from "../../../src/engine/index.js";
import {mat} from "../../../src/engine/index.js";
import type {AddingRun} from "../../../src/models/adding.js";
import {ADDING_DEFAULTS} from "../../../src/models/adding.js";
import type {RnnCell} from "../../../src/models/rnn-cell.js";
import {AddingLive, type AddingView} from "../../../src/models/adding-live.js";

function narrow<K extends AddingView["kind"]>(v: AddingView, kind: K): Extract<AddingView, {kind: K}> {
  expect(v.kind).toBe(kind);
  return v as Extract<AddingView, {kind: K}>;
}

describe("AddingLive", () => {
  const model = new AddingLive();
  const H = 8;
  const info = model.reset({...ADDING_DEFAULTS, length: 12, hidden: H, testSize: 32});

  it("reset counts both models' parameters", () => {
    expect(info.lstmParameters).toBe(4 * H * (H + 2 + 1) + H + 1);
    expect(info.rnnParameters).toBe(H * (H + 2 + 1) + H + 1);
    expect(info.parameters).toBe(info.lstmParameters + info.rnnParameters);
  });

  it("trainStep trains both and reports lstmMse and rnnMse", () => {
    const m = model.trainStep();
    expect(Object.keys(m).sort()).toEqual(["lstmGradNorm", "lstmMse", "rnnGradNorm", "rnnMse"]);
    expect(m.lstmMse).toBeGreaterThan(0);
    expect(m.rnnMse).not.toBe(m.lstmMse);
  });

  it('"evaluate": test MSEs, the baseline and example predictions', () => {
    const v = narrow(model.query({kind: "evaluate", examples: 3}), "evaluate");
    expect(v.steps).toBe(1);
    expect(v.baseline).toBeCloseTo(1 / 6, 12);
    expect(v.examples).toHaveLength(3);
    for (const e of v.examples) {
      expect(e.values).toHaveLength(12);
      expect(e.target).toBeCloseTo(e.values[e.marks[0]] + e.values[e.marks[1]], 6);
    }
    const mse = v.examples.reduce((s, e) => s + (e.lstm - e.target) ** 2, 0) / 3;
    expect(Number.isFinite(mse) && v.lstmTestMse > 0 && v.rnnTestMse > 0).toBe(true);
    expect(() => structuredClone(v)).not.toThrow();
  });

  it('"predict" on a sequence the reader makes agrees with "evaluate" on the same test sequence', () => {
    const e = narrow(model.query({kind: "evaluate", examples: 1}), "evaluate").examples[0];
    const p = narrow(model.query({kind: "predict", values: Array.from(e.values), marks: e.marks}), "predict");
    expect(p.target).toBeCloseTo(e.target, 6);
    expect(p.lstm).toBeCloseTo(e.lstm, 5);
    expect(p.rnn).toBeCloseTo(e.rnn, 5);
    expect(() => model.query({kind: "predict", values: [0.1, 0.2], marks: [1, 1]})).toThrow();
  });

  it("gradient-flow: curves over every distance; the RNN's matches finite differences", () => {
    const v = narrow(model.query({kind: "gradient-flow", example: 2}), "gradient-flow");
    expect(v.distance).toHaveLength(12);
    expect(v.lstmDc).toHaveLength(12);
    expect(v.values).toHaveLength(12);
    const e = narrow(model.query({kind: "evaluate", examples: 3}), "evaluate").examples[2];
    expect(v.marks).toEqual(e.marks);
    // ∂ŷ/∂h(k) of the RNN at k = 5 by central differences: perturb h(k) and rerun steps k+1…T
    const rnn = (model as unknown as {rnn: AddingRun}).rnn;
    const cell = rnn.model.cell as RnnCell;
    const xs = Array.from(v.values, (x, t) => mat(1, 2, "float64", Float64Array.of(x, t === v.marks[0] || t === v.marks[1] ? 1 : 0)));
    const k = 5;
    const hk = mat(1, H, "float64", Float64Array.from(cell.forward(xs).hs[k - 1].data));
    const yhat = (h0: Mat) => {
      const hT = cell.forward(xs.slice(k), h0).hs[11 - k].data;
      let s = 0;
      for (let j = 0; j < H; j++) s += hT[j] * rnn.model.v.value.data[j];
      return s;
    };
    const grad = Array.from({length: H}, (_, j) => {
      const up = mat(1, H, "float64", hk.data.slice()), down = mat(1, H, "float64", hk.data.slice());
      up.data[j] += 1e-3;
      down.data[j] -= 1e-3;
      return (yhat(up) - yhat(down)) / 2e-3;
    });
    const fd = Math.hypot(...grad); // (the model is float32: the differences are good to ~1e-3)
    expect(Math.abs(v.rnnDh[12 - k] - fd) / fd).toBeLessThan(3e-3);
  });

  it("configure sets the learning rate of both; queries do not train", () => {
    const before = narrow(model.query({kind: "evaluate"}), "evaluate");
    model.configure({learningRate: 0});
    model.trainStep();
    const after = narrow(model.query({kind: "evaluate"}), "evaluate");
    expect(after.lstmTestMse).toBe(before.lstmTestMse);
    expect(after.rnnTestMse).toBe(before.rnnTestMse);
    expect(after.steps).toBe(before.steps + 1);
  });
});
