import {describe, expect, it} from "vitest";
import {LstmLive, MAX_READ, type LstmLiveConfig, type LstmView} from "../../../src/models/lstm-live.js";
import {DEFAULT_TEXT} from "../../../src/text/default-text.js";

const config: LstmLiveConfig = {
  text: DEFAULT_TEXT,
  hidden: 12,
  embed: 0,
  seqLen: 16,
  batch: 4,
  learningRate: 0.01,
  clip: 5,
  forgetBias: 1,
  seed: 3
};

function narrow<K extends LstmView["kind"]>(v: LstmView, kind: K): Extract<LstmView, {kind: K}> {
  expect(v.kind).toBe(kind);
  return v as Extract<LstmView, {kind: K}>;
}

describe("LstmLive", () => {
  const model = new LstmLive();
  const info = model.reset(config);
  const V = info.vocab.length, H = 12;

  it("reset: parameters of the LSTM (4H(H + V + 1)) and the read-out (V(H + 1)); a text that cannot be used throws", () => {
    expect(info.parameters).toBe(4 * H * (H + V + 1) + V * (H + 1));
    expect(info.hidden).toBe(H);
    expect(info.vocabSize).toBe(V);
    expect(info.lnV).toBeCloseTo(Math.log(V), 12);
    expect(() => new LstmLive().reset({...config, text: ""})).toThrow();
  });

  it("trainStep returns the loss and gradient norm, and the loss falls", () => {
    const first = model.trainStep();
    expect(Object.keys(first).sort()).toEqual(["gradNorm", "loss"]);
    expect(first.loss).toBeCloseTo(Math.log(V), 0);
    let last = first.loss;
    for (let s = 0; s < 150; s++) last = model.trainStep().loss;
    expect(last).toBeLessThan(first.loss - 0.8);
  });

  it('"gates": f, i, c̃, o, c, h as (n, H), in range, and the top next characters', () => {
    const text = "The lamp was lit.";
    const v = narrow(model.query({kind: "gates", text, topK: 3}), "gates");
    const n = Array.from(text).length;
    expect(v.n).toBe(n);
    for (const a of [v.f, v.i, v.cTilde, v.o, v.c, v.h]) expect(a.length).toBe(n * H);
    for (const a of [v.f, v.i, v.o]) expect(a.every((x) => x > 0 && x < 1)).toBe(true);
    expect(v.cTilde.every((x) => x > -1 && x < 1)).toBe(true);
    for (let k = 0; k < n * H; k++) expect(v.h[k]).toBeCloseTo(v.o[k] * Math.tanh(v.c[k]), 6);
    for (let k = H; k < n * H; k++) expect(v.c[k]).toBeCloseTo(v.f[k] * v.c[k - H] + v.i[k] * v.cTilde[k], 6);
    expect(v.k).toBe(3);
    expect(v.topIds.length).toBe(3 * n);
    expect(v.topProbs[0]).toBeGreaterThanOrEqual(v.topProbs[1]);
    expect(v.meanLoss).toBeLessThan(info.lnV - 1); // trained: far better than guessing
    expect(v.topProbs[3 * 1]).toBeGreaterThan(0.5); // after "Th" the model is sure of the "e"
    expect(info.vocab[v.topIds[3 * 1]]).toBe("e");
    expect(v.truncated).toBe(false);
    expect(Number.isFinite(v.meanLoss)).toBe(true);
    expect(() => structuredClone(v)).not.toThrow();
  });

  it('"compare": two readings side by side; long texts are cut to MAX_READ', () => {
    const long = "The sea was grey. ".repeat(Math.ceil(MAX_READ / 18) + 1);
    const v = narrow(model.query({kind: "compare", texts: ["The lamp was", long]}), "compare");
    expect(v.readings.map((r) => r.n)).toEqual([12, MAX_READ]);
    expect(v.readings.map((r) => r.truncated)).toEqual([false, true]);
    expect(v.readings[1].f.length).toBe(MAX_READ * H);
  });

  it('"step": the five stages in order, agreeing with the heatmaps at that step', () => {
    const text = "The wind was from the west.";
    const t = 9;
    const v = narrow(model.query({kind: "step", text, t}), "step");
    const g = narrow(model.query({kind: "gates", text}), "gates");
    expect(v.char).toBe(text[t - 1]);
    expect(v.nextChar).toBe(text[t]);
    expect(v.stages.map((s) => s.stage)).toEqual(["forget", "input", "candidate", "cell", "output"]);
    const at = (a: Float32Array) => Array.from(a.subarray((t - 1) * H, t * H));
    const [forget, input, candidate, cell, output] = v.stages;
    const close = (a: Float32Array, b: number[]) => a.forEach((x, j) => expect(x).toBeCloseTo(b[j], 5));
    if (forget.stage !== "forget" || input.stage !== "input" || candidate.stage !== "candidate" || cell.stage !== "cell" || output.stage !== "output") throw new Error("order");
    close(forget.f, at(g.f));
    close(input.i, at(g.i));
    close(candidate.cTilde, at(g.cTilde));
    close(cell.c, at(g.c));
    close(output.h, at(g.h));
    close(v.cPrev, Array.from(g.c.subarray((t - 2) * H, (t - 1) * H)));
    cell.kept.forEach((k, j) => expect(k).toBeCloseTo(forget.f[j] * v.cPrev[j], 6));
    forget.z.forEach((z, j) => expect(forget.f[j]).toBeCloseTo(1 / (1 + Math.exp(-z)), 6));
    expect(() => model.query({kind: "step", text, t: 0})).toThrow();
  });

  it('"gradient-flow": the trained model, and fresh ones where b_f = 1 carries the gradient further than b_f = 0', () => {
    const text = "The wind was from the north. The sea was green. The lamp was";
    const trained = narrow(model.query({kind: "gradient-flow", text}), "gradient-flow");
    const n = Array.from(text).length;
    expect(trained.model).toBe("trained");
    expect(trained.t).toBe(n - 1);
    expect(trained.target).toBe("s");
    expect(trained.dc.length).toBe(n - 1);
    expect(trained.dh[0]).toBeGreaterThan(0);
    const one = narrow(model.query({kind: "gradient-flow", text, forgetBias: 1}), "gradient-flow");
    const zero = narrow(model.query({kind: "gradient-flow", text, forgetBias: 0, t: n - 1}), "gradient-flow");
    expect(one.model).toBe("fresh");
    expect(one.forgetBias).toBeCloseTo(1, 6);
    expect(zero.forgetBias).toBeCloseTo(0, 6);
    const kept = (v: typeof one) => v.dc[30] / v.dc[0];
    expect(kept(one)).toBeGreaterThan(100 * kept(zero));
  });

  it('"sample": seeded text from the vocabulary', () => {
    const a = narrow(model.query({kind: "sample", prompt: "The ", length: 40, temperature: 0.8, seed: 5}), "sample");
    const b = narrow(model.query({kind: "sample", prompt: "The ", length: 40, temperature: 0.8, seed: 5}), "sample");
    expect(Array.from(a.text).length).toBe(40);
    expect(a.text).toBe(b.text);
    for (const c of a.text) expect(info.vocab).toContain(c);
  });

  it("configure changes the learning rate without a rebuild; queries do not change the model", () => {
    const before = narrow(model.query({kind: "gates", text: "abc"}), "gates").h;
    model.configure({learningRate: 0});
    model.trainStep();
    expect(Array.from(narrow(model.query({kind: "gates", text: "abc"}), "gates").h)).toEqual(Array.from(before));
  });
});
