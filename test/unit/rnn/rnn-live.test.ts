import {describe, expect, it} from "vitest";
import {createApi} from "../../../src/workers/host.js";
import {RnnLive, defaultRnnConfig, type RnnViewOf} from "../../../src/models/rnn-live.js";
import {mlpParameters, rnnParameters} from "../../../src/models/param-counts.js";
import {DEFAULT_TEXT} from "../../../src/text/default-text.js";

const small = {...defaultRnnConfig, hidden: 16, seqLen: 16, batch: 4};

describe("RnnLive", () => {
  it("resets from a seed: the same config gives the same model and the same first steps", () => {
    const a = new RnnLive(), b = new RnnLive();
    const info = a.reset(small);
    b.reset(small);
    expect(info).toMatchObject({vocabSize: 32, batch: 4, seqLen: 16, messages: []}); // 31 characters + unknown
    expect(info.lnV).toBeCloseTo(Math.log(32), 12);
    expect(info.parameters).toBe(rnnParameters(32, 16));
    expect(info.vocab[0]).toBe("\uFFFD");
    const ma = [a.trainStep(), a.trainStep()], mb = [b.trainStep(), b.trainStep()];
    expect(ma).toEqual(mb);
    expect(Object.keys(ma[0]).sort()).toEqual(["gradNorm", "loss"]);
    expect(Math.abs(ma[0].loss - info.lnV)).toBeLessThan(0.5);
  });

  it("refuses unusable text with the reader's message, and passes warnings on", () => {
    const m = new RnnLive();
    expect(() => m.reset({...small, text: ""})).toThrow(/The text is empty/);
    expect(() => m.reset({...small, text: "x"})).toThrow(/single character/);
    expect(() => m.query({kind: "params", window: 3})).toThrow(/reset/);
    expect(() => m.reset({...small, hidden: 0})).toThrow(/hidden must be a whole number from 1/);
    expect(() => m.reset({...small, seqLen: 2.5})).toThrow(/seqLen must be a whole number/);
    const info = m.reset({...small, text: "to be or not to be"});
    expect(info.messages[0]).toMatch(/very short/);
    expect(info.batch).toBeLessThanOrEqual(4);
  });

  it("answers a read query with states, top-k next characters and per-step surprise", () => {
    const m = new RnnLive();
    m.reset(small);
    const text = "The sea was 🙂 grey.";
    const v = m.query({kind: "read", text, topK: 3}) as RnnViewOf<"read">;
    const n = Array.from(text).length;
    expect(v.kind).toBe("read");
    expect(v.chars).toHaveLength(n);
    expect(v.unseen).toEqual(["🙂"]);
    expect(v.ids[12]).toBe(0);
    expect(v.states).toHaveLength(n * 16);
    expect(v.topIds).toHaveLength(n * 3);
    expect(v.topProbs[0]).toBeGreaterThanOrEqual(v.topProbs[1]);
    expect(v.losses[0]).toBeCloseTo(-Math.log(v.nextProb[0]), 5);
    expect(Number.isNaN(v.losses[n - 1])).toBe(true);
    expect(v.truncated).toBe(false);
    expect(() => structuredClone(v)).not.toThrow();
    const empty = m.query({kind: "read", text: ""}) as RnnViewOf<"read">;
    expect(empty).toMatchObject({chars: [], truncated: false});
    expect(empty.states).toHaveLength(0);
    const long = m.query({kind: "read", text: "ab".repeat(3000)}) as RnnViewOf<"read">;
    expect(long.truncated).toBe(true);
    expect(long.chars).toHaveLength(4000);
  });

  it("samples deterministically for a seed, and learns: the sample after training is in the text's words", () => {
    const m = new RnnLive();
    m.reset({...small, hidden: 32});
    const q = {kind: "sample", length: 80, temperature: 0.5, seed: 3, prompt: "The "} as const;
    const before = m.query(q) as RnnViewOf<"sample">;
    expect(m.query(q)).toEqual(before);
    expect(Array.from(before.text)).toHaveLength(80);
    for (let i = 0; i < 250; i++) m.trainStep();
    const after = m.query({...q, temperature: 0}) as RnnViewOf<"sample">;
    const words = new Set(DEFAULT_TEXT.split(/[^A-Za-z]+/));
    const sampled = after.text.split(/[^A-Za-z]+/).filter((w) => w.length > 1);
    expect(sampled.filter((w) => words.has(w)).length / sampled.length).toBeGreaterThan(0.6);
  });

  it("gives the stepper's numbers, consistent with each other and with the read", () => {
    const m = new RnnLive();
    m.reset(small);
    for (let i = 0; i < 20; i++) m.trainStep();
    const text = "The lamp was lit.";
    const s = m.query({kind: "step", text, t: 5}) as RnnViewOf<"step">;
    const r = m.query({kind: "read", text}) as RnnViewOf<"read">;
    expect(s).toMatchObject({kind: "step", t: 5, T: 17, char: "l", nextChar: "a"});
    expect(s.x.reduce((a, b) => a + b, 0)).toBe(1);
    expect(s.x[s.vocab.indexOf("l")]).toBe(1);
    for (let i = 0; i < 16; i++) {
      expect(s.z[i]).toBeCloseTo(s.Whh[i] + s.Wxx[i] + s.b[i], 12);
      expect(s.h[i]).toBeCloseTo(Math.tanh(s.z[i]), 12);
      expect(s.h[i]).toBeCloseTo(r.states[4 * 16 + i], 5);
      expect(s.hPrev[i]).toBeCloseTo(r.states[3 * 16 + i], 6);
    }
    expect(s.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(s.loss!).toBeCloseTo(-Math.log(s.probs[s.target!]), 12);
    expect(s.loss!).toBeCloseTo(r.losses[4], 4);
    const last = m.query({kind: "step", text, t: 17}) as RnnViewOf<"step">;
    expect(last).toMatchObject({nextChar: null, target: null, loss: null});
    expect(() => m.query({kind: "step", text, t: 18})).toThrow(/1 to 17/);
  });

  it("counts parameters: the MLP grows with the window, the RNN does not", () => {
    const m = new RnnLive();
    m.reset(small);
    const p = m.query({kind: "params", window: 10}) as RnnViewOf<"params">;
    expect(p.windows).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(p.vocab).toBe(32);
    expect(p.mlp[0]).toBe(32 * 16 + 16 + 16 * 32 + 32);
    expect(p.mlp[9] - p.mlp[8]).toBe(32 * 16);
    expect(p.rnn).toBe(32 * 16 + 16 * 16 + 16 + 16 * 32 + 32);
    expect(mlpParameters(10, 32, 16)).toBe(p.mlp[9]);
    m.reset({...small, embed: 8});
    expect((m.query({kind: "params", window: 1}) as RnnViewOf<"params">).rnn).toBe(rnnParameters(32, 16, 8));
  });

  it("changes learning rate and clip without a rebuild, and serves through the worker API", async () => {
    const m = new RnnLive();
    m.reset(small);
    m.configure({clip: 1e-6, learningRate: 0, hidden: 99});
    const before = m.query({kind: "step", text: "The", t: 2}) as RnnViewOf<"step">;
    const metrics = m.trainStep();
    expect(metrics.gradNorm).toBeGreaterThan(1e-6);
    expect(m.query({kind: "step", text: "The", t: 2})).toEqual(before); // learning rate 0: nothing moved
    expect((m.query({kind: "params", window: 1}) as RnnViewOf<"params">).hidden).toBe(16); // hidden needs a reset
    const api = createApi(new RnnLive());
    api.reset(small);
    const progress: number[] = [];
    const summary = await api.train({steps: 5}, (p) => progress.push(...p.metrics.loss));
    expect(summary).toMatchObject({end: "finished", step: 5});
    expect(progress).toHaveLength(5);
  });
});
