import {describe, expect, it} from "vitest";
import type {Seq2seqLiveConfig, Seq2seqView} from "../../../src/models/seq2seq-live.js";
import {DEFAULT_LIVE_CONFIG, Seq2seqLive} from "../../../src/models/seq2seq-live.js";

const small: Seq2seqLiveConfig = {...DEFAULT_LIVE_CONFIG, task: "reverse", hidden: 8, attentionSize: 6, batchSize: 8, seed: 3};

function as<K extends Seq2seqView["kind"]>(v: Seq2seqView, kind: K): Extract<Seq2seqView, {kind: K}> {
  if (v.kind !== kind) throw new Error(`expected a ${kind} view, got ${JSON.stringify(v)}`);
  return v as Extract<Seq2seqView, {kind: K}>;
}

const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, x) => s + x, 0);

describe("Seq2seqLive", () => {
  it("resets to a model described by its info, and trains the configured variant", () => {
    const live = new Seq2seqLive();
    const info = live.reset(small);
    expect(info).toMatchObject({task: "reverse", variant: "attention", trainLengths: [3, 12], maxLength: 24});
    expect((info.tgtTokens as string[]).slice(0, 4)).toEqual(["<pad>", "<start>", "<end>", "a"]);
    const fixedInfo = new Seq2seqLive().reset({...small, variant: "fixed"});
    // the additive score adds W_a (A×H), U_a (A×D) and v_a (A)
    expect(info.parameters - fixedInfo.parameters).toBe(6 * 8 + 6 * 8 + 6);
    const losses = Array.from({length: 80}, () => live.trainStep());
    expect(Object.keys(losses[0]).sort()).toEqual(["accuracy", "gradNorm", "loss"]);
    const mean = (ms: typeof losses) => sum(ms.map((m) => m.loss)) / ms.length;
    expect(mean(losses.slice(-10))).toBeLessThan(mean(losses.slice(0, 10)) - 0.3);
    const lengths = as(live.query({kind: "accuracyByLength", lengths: [3], perLength: 2}), "accuracyByLength");
    expect(lengths.attention.trainedSteps).toBe(80);
    expect(lengths.fixed.trainedSteps).toBe(0);
  });

  it("is reproducible from its seed", () => {
    const a = new Seq2seqLive(), b = new Seq2seqLive();
    a.reset(small);
    b.reset(small);
    for (let i = 0; i < 3; i++) expect(a.trainStep()).toEqual(b.trainStep());
  });

  it("translates with an alignment whose rows are distributions over the source", () => {
    const live = new Seq2seqLive();
    live.reset(small);
    const v = as(live.query({kind: "translate", input: " Attention "}), "translate");
    expect(v.input).toBe("attention");
    expect(v.reference).toBe("noitnetta");
    expect(v.srcTokens).toEqual([..."attention", "<end>"]);
    expect(v.cols).toBe(10);
    expect(v.rows).toBe(v.outTokens.length);
    expect(v.rows).toBeLessThanOrEqual(9 + 2);
    expect(v.alignment).toBeInstanceOf(Float32Array);
    for (let t = 0; t < v.rows; t++) expect(sum(v.alignment!.subarray(t * v.cols, (t + 1) * v.cols))).toBeCloseTo(1, 5);
    expect(v.correct).toBe(v.output === "noitnetta");
    expect(() => structuredClone(v)).not.toThrow();
    const fixed = as(live.query({kind: "translate", input: "abc", variant: "fixed"}), "translate");
    expect(fixed.alignment).toBeNull();
  });

  it("answers inputs it cannot take with a message", () => {
    const live = new Seq2seqLive();
    live.reset(small);
    expect(live.query({kind: "translate", input: "abc1"})).toEqual({kind: "invalid", message: 'Only the letters a–z can be reversed; "1" cannot.'});
    expect(live.query({kind: "step", input: "abc", t: 99})).toMatchObject({kind: "invalid", message: expect.stringMatching(/^Step 99 does not exist/)});
    expect(live.query({kind: "accuracyByLength", lengths: [30]})).toMatchObject({kind: "invalid", message: expect.stringMatching(/no sources of length 30/)});
    live.reset({...small, task: "dates"});
    expect(live.query({kind: "translate", input: "31 June 2026"})).toEqual({kind: "invalid", message: "June 2026 has no day 31."});
    expect(() => new Seq2seqLive().reset({...small, hidden: 7})).toThrow("even hidden size");
    expect(() => new Seq2seqLive().reset({...small, score: "cosine" as never})).toThrow('score must be "additive", "dot" or "general", not "cosine"');
    expect(() => new Seq2seqLive().query({kind: "translate", input: "x"})).not.toThrow();
  });

  it("steps through one decoding step: e → α → c → s → p", () => {
    const live = new Seq2seqLive();
    live.reset(small);
    for (let i = 0; i < 5; i++) live.trainStep();
    const whole = as(live.query({kind: "translate", input: "abcd"}), "translate");
    const s0 = as(live.query({kind: "step", input: "abcd", t: 0}), "step");
    const s1 = as(live.query({kind: "step", input: "abcd", t: 1}), "step");
    expect(s0.prevToken).toBe("<start>");
    expect(s1.prevToken).toBe(s0.token);
    expect(s0.token).toBe(whole.outTokens[0]);
    expect(s1.steps).toBe(whole.rows);
    expect(Array.from(s1.prevState)).toEqual(Array.from(s0.state));
    // α = softmax(e), and it is row 1 of the alignment matrix
    const e = Array.from(s1.scores!), m = Math.max(...e), z = sum(e.map((x) => Math.exp(x - m)));
    e.forEach((x, i) => expect(s1.alpha![i]).toBeCloseTo(Math.exp(x - m) / z, 6));
    expect(Array.from(s1.alpha!)).toEqual(Array.from(whole.alignment!.subarray(whole.cols, 2 * whole.cols)));
    expect(sum(s1.probs)).toBeCloseTo(1, 5);
    expect(s1.vocab[Array.from(s1.probs).indexOf(Math.max(...s1.probs))]).toBe(s1.token);
    expect(s1.context).toHaveLength(8);
    expect(s1.state).toHaveLength(8);
  });

  it("saves and loads weights, switching task and sizes to the saved model's", () => {
    const trained = new Seq2seqLive();
    trained.reset({...small, task: "dates", score: "general", seed: 9});
    for (let i = 0; i < 3; i++) trained.trainStep();
    const saved = as(trained.query({kind: "save"}), "saved").model;
    expect(saved.steps).toBe(3);
    const before = as(trained.query({kind: "translate", input: "9 May 2001"}), "translate");

    const live = new Seq2seqLive();
    live.reset({...small, task: "reverse", score: "dot", seed: 1});
    const loaded = as(live.query({kind: "load", model: JSON.parse(JSON.stringify(saved))}), "loaded");
    expect(loaded).toMatchObject({task: "dates", variant: "attention", steps: 3});
    const after = as(live.query({kind: "translate", input: "9 May 2001"}), "translate");
    expect(after.output).toBe(before.output);
    expect(Array.from(after.alignment!)).toEqual(Array.from(before.alignment!));
    expect(live.trainStep().loss).toBeGreaterThan(0);
    const broken = {...saved, params: {...saved.params, W_o: {rows: 1, cols: 1, f32: "AAAAAA=="}}};
    expect(live.query({kind: "load", model: broken})).toMatchObject({kind: "invalid"});
  });

  it("configures training settings in place but asks for a reset to change the model", () => {
    const live = new Seq2seqLive();
    live.reset(small);
    live.configure({learningRate: 0.001, batchSize: 4, variant: "fixed"});
    live.trainStep();
    const v = as(live.query({kind: "accuracyByLength", lengths: [3], perLength: 1}), "accuracyByLength");
    expect([v.fixed.trainedSteps, v.attention.trainedSteps]).toEqual([1, 0]);
    expect(() => live.configure({hidden: 16})).toThrow("changing hidden needs reset(config)");
    expect(() => live.configure({learningRate: -1})).toThrow("learningRate must be positive");
  });
});
