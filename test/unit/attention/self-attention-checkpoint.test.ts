import {beforeAll, describe, expect, it} from "vitest";
import {SelfAttentionLive, defaultSelfAttentionConfig, type SelfAttentionView} from "../../../src/models/self-attention-live.js";
import {CHECKPOINT_STEPS, trainSelfAttentionCheckpoint, type SelfAttentionCheckpoint} from "../../../src/models/self-attention-checkpoint.js";

function as<K extends SelfAttentionView["kind"]>(v: SelfAttentionView, kind: K): Extract<SelfAttentionView, {kind: K}> {
  if (v.kind !== kind) throw new Error(`expected a ${kind} view, got ${v.kind}`);
  return v as Extract<SelfAttentionView, {kind: K}>;
}

// Held-out accuracy each model must pass once loaded (measured: 96.7%, 91.7% and 94.8%).
const BAR = {none: 0.95, sinusoidal: 0.9, learned: 0.93} as const;
const KINDS = ["none", "sinusoidal", "learned"] as const;

describe("chapter 6's checkpoint (what data/self-attention-checkpoint.json.ts prints)", () => {
  let ck: SelfAttentionCheckpoint;
  beforeAll(() => {
    ck = JSON.parse(JSON.stringify(trainSelfAttentionCheckpoint())) as SelfAttentionCheckpoint; // as the page receives it
  });

  it("holds one model per kind of positions, each trained one press of Start (300 steps) from the default config", () => {
    expect(CHECKPOINT_STEPS).toBe(300);
    for (const kind of KINDS) {
      expect(ck[kind].steps).toBe(300);
      expect(ck[kind].config).toEqual({...defaultSelfAttentionConfig, positions: kind});
      expect(Object.keys(ck[kind].params).sort()).toEqual(kind === "learned" ? ["E", "P", "W_K", "W_Q", "W_V", "W_r", "b_r"] : ["E", "W_K", "W_Q", "W_V", "W_r", "b_r"]);
    }
  });

  for (const kind of KINDS) {
    it(`${kind}: loads into a fresh page model, which then gets over ${100 * BAR[kind]}% of held-out pointers right, as saved`, () => {
      const live = new SelfAttentionLive(); // built without positions, untrained
      expect(as(live.query({kind: "evaluate"}), "evaluate").accuracy).toBeLessThan(0.15);
      const loaded = as(live.query({kind: "load", model: ck[kind]}), "loaded");
      expect(loaded).toMatchObject({positions: kind, steps: 300});
      const e = as(live.query({kind: "evaluate"}), "evaluate");
      expect(e.accuracy).toBeGreaterThan(BAR[kind]);
      expect(e).toEqual(ck[kind].evaluation);
      expect(as(live.query({kind: "positions", n: 5}), "positions").learned !== null).toBe(kind === "learned");
    });
  }

  it("what the page says of order: without positions, codes added make many answers wrong; trained with them, most answers still move along", () => {
    const none = ck.none.evaluation;
    expect(none.shuffled.positions).toBe("sinusoidal");
    expect(none.shuffled.accuracy).toBeLessThan(none.accuracy - 0.15);
    for (const kind of ["sinusoidal", "learned"] as const) {
      const s = ck[kind].evaluation.shuffled;
      expect(s.positions).toBe(kind);
      expect(s.movedAlong).toBeGreaterThan(0.9);
      expect(s.movedAlong).toBeLessThan(1);
    }
  });

  it("Reset and Start on the page run the same training: a fresh model trained 300 steps has the checkpoint's weights", () => {
    const live = new SelfAttentionLive();
    live.reset(defaultSelfAttentionConfig);
    for (let i = 0; i < 300; i++) live.trainStep();
    expect(live.save().params).toEqual(ck.none.params);
  });

  it("weights of another shape are refused with an error that names the matrix", () => {
    const live = new SelfAttentionLive();
    const small = new SelfAttentionLive();
    small.reset({...defaultSelfAttentionConfig, dModel: 8});
    expect(() => live.query({kind: "load", model: {...ck.none, params: small.save().params}})).toThrow(/E is 29×32, saved 29×8/);
  });
});
