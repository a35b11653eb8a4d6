import {describe, expect, it} from "vitest";
import {ADDING_DEFAULTS} from "../../../src/models/adding.js";
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
