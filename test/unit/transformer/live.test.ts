import {describe, expect, it} from "vitest";
import {DEFAULT_LIVE_CONFIG, TransformerLive} from "../../../src/models/transformer-live.js";
import type {TransformerLiveConfig, TransformerView} from "../../../src/models/transformer-live.js";

const small: TransformerLiveConfig = {...DEFAULT_LIVE_CONFIG, dModel: 16, ffHidden: 16, batchSize: 4};

function expectKind<K extends TransformerView["kind"]>(v: TransformerView, kind: K): Extract<TransformerView, {kind: K}> {
  if (v.kind !== kind) throw new Error(`expected a ${kind} view, got ${JSON.stringify(v).slice(0, 200)}`);
  return v as Extract<TransformerView, {kind: K}>;
}

describe("TransformerLive", () => {
  it("resets from its config, reports its parameters and diagram blocks, trains a step", () => {
    const live = new TransformerLive();
    const info = live.reset(small);
    expect(info.parameters).toBeGreaterThan(1000);
    expect(info.blocks).toEqual(["enc.embed", "enc.0.self", "enc.0.ffn", "enc.norm", "dec.embed", "dec.0.self", "dec.0.cross", "dec.0.ffn", "dec.norm", "out"]);
    const m = live.trainStep();
    expect(Object.keys(m).sort()).toEqual(["accuracy", "gradNorm", "learningRate", "loss"]);
    expect(m.loss).toBeGreaterThan(1); // an untrained model over ~14 tokens
    expect(() => live.reset({...small, heads: 3})).toThrow(/heads/);
  });

  it("answers every query kind with a structured-cloneable view", () => {
    const live = new TransformerLive();
    live.reset(small);
    const views: TransformerView[] = [
      live.query({kind: "translate", input: " 4 july 1776 "}),
      live.query({kind: "block", input: "4 July 1776", block: "dec.0.cross"}),
      live.query({kind: "stepper", input: "4 July 1776", block: "enc.0.self", position: 2, head: 1}),
      live.query({kind: "accuracyByLength", lengths: [10, 11], perLength: 3}),
      live.query({kind: "timing", ns: [4], ds: [8], minMs: 1}),
      live.query({kind: "save"})
    ];
    expect(views.map((v) => v.kind)).toEqual(["translate", "block", "stepper", "accuracyByLength", "timing", "saved"]);
    for (const v of views) expect(structuredClone(v)).toEqual(v);
    const t = expectKind(views[0], "translate");
    expect(t.input).toBe("4 July 1776");
    expect(t.reference).toBe("1776-07-04");
    expect(t.attention.cross[0].length).toBe(2);
    const s = expectKind(views[2], "stepper");
    expect([s.position, s.head, s.token]).toEqual([2, 1, "J"]);
  });

  it("explains what it cannot answer instead of throwing", () => {
    const live = new TransformerLive();
    live.reset(small);
    expect(expectKind(live.query({kind: "translate", input: "31 February 2000"}), "invalid").message).toMatch(/no day 31/);
    expect(expectKind(live.query({kind: "block", input: "1 May 2000", block: "enc.0.cross" as never}), "invalid").message).toMatch(/No block/);
    expect(live.query({kind: "accuracyByLength", lengths: [3]}).kind).toBe("invalid");
    expect(live.query({kind: "timing", ns: [], ds: [8]}).kind).toBe("invalid");
  });

  it("save then load gives a model that translates the same way; load adopts the settings", () => {
    const a = new TransformerLive();
    a.reset({...small, seed: 7});
    for (let i = 0; i < 3; i++) a.trainStep();
    const saved = expectKind(a.query({kind: "save"}), "saved").model;
    expect(saved.steps).toBe(3);
    const b = new TransformerLive();
    b.reset(DEFAULT_LIVE_CONFIG);
    const loaded = expectKind(b.query({kind: "load", model: saved}), "loaded");
    expect(loaded.steps).toBe(3);
    const ta = expectKind(a.query({kind: "translate", input: "9 March 2345"}), "translate");
    const tb = expectKind(b.query({kind: "translate", input: "9 March 2345"}), "translate");
    expect(tb.output).toBe(ta.output);
    expect(Array.from(tb.attention.cross[0][1].weights)).toEqual(Array.from(ta.attention.cross[0][1].weights));
  });

  it("configure changes training settings but refuses shape changes", () => {
    const live = new TransformerLive();
    live.reset(small);
    live.configure({learningRate: 0.001, warmup: 0});
    expect(live.trainStep().learningRate).toBeCloseTo(0.001, 12);
    expect(() => live.configure({dModel: 32})).toThrow(/needs reset/);
  });
});
