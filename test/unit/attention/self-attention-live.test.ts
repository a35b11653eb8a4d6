import {beforeAll, describe, expect, it} from "vitest";
import {SelfAttentionLive, defaultSelfAttentionConfig, type SelfAttentionQuery, type SelfAttentionView} from "../../../src/models/self-attention-live.js";
import {createApi} from "../../../src/workers/host.js";
import {trainSortModel} from "../../../src/models/self-attention-checkpoint.js";

function as<K extends SelfAttentionView["kind"]>(v: SelfAttentionView, kind: K): Extract<SelfAttentionView, {kind: K}> {
  if (v.kind !== kind) throw new Error(`expected a ${kind} view, got ${v.kind}`);
  return v as Extract<SelfAttentionView, {kind: K}>;
}

describe("SelfAttentionLive (chapter 6), with the checkpoint's model (300 steps, no positions)", () => {
  const live = new SelfAttentionLive();
  let before = 0;
  beforeAll(() => {
    live.reset(defaultSelfAttentionConfig);
    before = as(live.query({kind: "evaluate"}), "evaluate").accuracy;
    as(live.query({kind: "load", model: trainSortModel("none")}), "loaded");
  });

  it("evaluate: accuracy rose from chance to over 90% of pointers; shuffled with sinusoids added, fewer are right", () => {
    const e = as(live.query({kind: "evaluate"}), "evaluate");
    expect(before).toBeLessThan(0.15);
    expect(e.accuracy).toBeGreaterThan(0.9);
    expect(e.step).toBe(300);
    expect(e.positions).toBe("none");
    expect(e.shuffled.positions).toBe("sinusoidal");
    expect(e.shuffled.accuracy).toBeLessThan(e.accuracy);
  });

  it("training goes on from the loaded weights (the step count too)", () => {
    const other = new SelfAttentionLive();
    other.query({kind: "load", model: live.save()});
    for (let s = 0; s < 5; s++) other.trainStep();
    const e = as(other.query({kind: "evaluate"}), "evaluate");
    expect(e.step).toBe(305);
    expect(e.accuracy).toBeGreaterThan(0.85);
  });

  it("attend: the typed sentence's n×n matrix, pointers and sorted reading; unknown characters reported", () => {
    const v = as(live.query({kind: "attend", text: "Hello, world"}), "attend");
    expect(v.tokens.join("")).toBe("⟨s⟩hello world");
    expect(v.message).toMatch(/","/);
    expect([v.weights.rows, v.weights.cols]).toEqual([12, 12]);
    for (let i = 0; i < 12; i++) expect(Array.from(v.weights.data.subarray(i * 12, i * 12 + 12)).reduce((a, b) => a + b)).toBeCloseTo(1, 5);
    expect(v.trueSorted.join("")).toBe(" dehlorw");
    expect(v.accuracy).toBeGreaterThan(0.7);
    // "e" (position 2) names "h" and looks mostly at the "h" (position 1)
    const rowE = Array.from(v.weights.data.subarray(2 * 12, 3 * 12));
    expect(rowE.indexOf(Math.max(...rowE))).toBe(1);
    expect(v.predicted[2]).toBe("h");
  });

  it("permute: without positions the answers move along with the shuffle; with positions the outputs change", () => {
    const v = as(live.query({kind: "permute", text: "attention", seed: 3}), "permute");
    expect(v.perm[0]).toBe(0);
    expect(v.shuffledTokens.slice().sort()).toEqual(v.tokens.slice().sort());
    const [none, withPos] = v.runs;
    expect(none.positions).toBe("none");
    expect(none.outputDiff).toBeLessThan(1e-5);
    expect(none.answersMoveAlong).toBe(true);
    expect(withPos.positions).toBe("sinusoidal");
    expect(withPos.outputDiff).toBeGreaterThan(1e-2);
    expect(() => live.query({kind: "permute", text: "ab", perm: [0, 0, 1]})).toThrow(/not a permutation/);
  });

  it("positions: sinusoidal codes (n, d) and their dot products; no learned table for this model", () => {
    const v = as(live.query({kind: "positions", n: 10}), "positions");
    expect([v.sinusoidal.rows, v.sinusoidal.cols, v.sinusoidalDots.rows]).toEqual([10, 32, 10]);
    expect(v.sinusoidalDots.data[0]).toBeCloseTo(16, 4); // ‖PE(0)‖² = d/2
    expect(v.learned).toBeNull();
  });

  it("image and memory", () => {
    const img = as(live.query({kind: "image", picture: "two-squares", row: 3, col: 3, weights: "similarity"}), "image");
    expect(img.map.length).toBe(256);
    expect(img.picture.channels).toBe(3);
    const drawn = as(live.query({kind: "image", picture: {height: 4, width: 4, grey: new Array(16).fill(0.2)}, row: 0, col: 0, weights: "random"}), "image");
    expect(drawn.map.length).toBe(16);
    const mem = as(live.query({kind: "memory", height: 32, width: 32, channels: 64, heads: 4, textLength: 100}), "memory");
    expect(mem.image.attentionWeights.bytes).toBe(4 * 1024 * 1024 * 4);
    expect(mem.textBytes).toBe(4 * 100 * 100 * 4);
  });
});

describe("SelfAttentionLive through the worker protocol", () => {
  it("learned positions show their table; every query kind answers with a cloneable view", async () => {
    const model = new SelfAttentionLive();
    const api = createApi(model);
    const info = await api.reset({...defaultSelfAttentionConfig, positions: "learned", dModel: 8, maxLen: 10});
    expect(info.parameters).toBeGreaterThan(0);
    await api.train({steps: 5}, () => {});
    const queries: SelfAttentionQuery[] = [
      {kind: "attend", text: "abc"}, {kind: "permute", text: "abcd"}, {kind: "positions", n: 6},
      {kind: "image", picture: "shapes", row: 1, col: 2, weights: "random"}, {kind: "memory", height: 8, width: 8, channels: 8}, {kind: "evaluate"},
      {kind: "load", model: model.save()}
    ];
    for (const q of queries) {
      const v = await api.query(q);
      expect(v.kind).toBe(q.kind === "load" ? "loaded" : q.kind);
      expect(structuredClone(v)).toEqual(v);
    }
    const pos = as(await api.query({kind: "positions", n: 6}), "positions");
    expect([pos.learned?.rows, pos.learned?.cols]).toEqual([6, 8]);
    const perm = as(await api.query({kind: "permute", text: "abcd"}), "permute");
    expect(perm.runs[1].positions).toBe("learned");
  });
});
