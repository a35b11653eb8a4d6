import {beforeAll, describe, expect, it} from "vitest";
import {MultiHeadLive, defaultMultiHeadConfig, type MultiHeadQuery, type MultiHeadView} from "../../../src/models/multi-head-live.js";
import {createApi} from "../../../src/workers/host.js";

function as<K extends MultiHeadView["kind"]>(v: MultiHeadView, kind: K): Extract<MultiHeadView, {kind: K}> {
  if (v.kind !== kind) throw new Error(`expected a ${kind} view, got ${v.kind}`);
  return v as Extract<MultiHeadView, {kind: K}>;
}

describe("MultiHeadLive (chapter 7), 4 heads of 8, trained 250 steps", () => {
  const live = new MultiHeadLive();
  beforeAll(() => {
    const info = live.reset({...defaultMultiHeadConfig, heads: 4});
    expect(info.dK).toBe(8);
    for (let s = 0; s < 250; s++) live.trainStep();
  });

  it("attend: one n×n matrix per head for the reader's sentence, both answers, shapes", () => {
    const v = as(live.query({kind: "attend", text: "heLlo"}), "attend");
    expect(v.tokens.join("")).toBe("⟨s⟩hello");
    expect(v.keyAt).toBe(3);
    expect(v.heads.length).toBe(4);
    for (const A of v.heads) expect([A.rows, A.cols]).toEqual([6, 6]);
    expect(v.previousTarget).toEqual(["", "⟨s⟩", "h", "e", "l", "l"]);
    expect(v.keyTarget).toEqual(["l", "l", "l", "l", "l", "l"]);
    expect(v.previous[0]).toBe("");
    expect(v.key.filter((k) => k === "l").length).toBeGreaterThanOrEqual(5);
    expect(v.shapes.find((s) => s.name === "Q_k")).toMatchObject({shape: [6, 8], count: 4});
    const off = as(live.query({kind: "attend", sample: 2, headMask: [0, 0, 0, 0]}), "attend");
    expect(off.tokens[0]).toBe("⟨s⟩");
  });

  it("steps: split → attend → concat → project, each with the shape the shapes table gives", () => {
    const v = as(live.query({kind: "steps", sample: 5}), "steps");
    const n = v.tokens.length;
    const names = v.stages.map((s) => `${s.name}${s.head === null ? "" : `#${s.head}`}`);
    expect(names.slice(0, 4)).toEqual(["X", "Q = X W_Q", "K = X W_K", "V = X W_V"]);
    expect(names.slice(-2)).toEqual(["C = concat(head_1 … head_h)", "Y = C W_O"]);
    expect(v.stages.length).toBe(4 + 4 * 6 + 2);
    const shapes = Object.fromEntries(as(live.query({kind: "shapes", n}), "shapes").shapes.map((s) => [s.name, s.shape]));
    for (const s of v.stages) expect([s.value.rows, s.value.cols]).toEqual(shapes[s.name]);
    // concat really is the heads side by side
    const C = v.stages.find((s) => s.name.startsWith("C ="))!.value;
    const head2 = v.stages.find((s) => s.name === "head_k = A_k V_k" && s.head === 2)!.value;
    expect(C.data[1 * 32 + 16 + 3]).toBe(head2.data[1 * 8 + 3]);
  });

  it("ablate, relations, evaluate", () => {
    const rel = as(live.query({kind: "relations"}), "relations");
    expect(rel.heads.length).toBe(4);
    expect(Math.max(...rel.heads.map((h) => h.previous))).toBeGreaterThan(0.5);
    expect(Math.max(...rel.heads.map((h) => h.key))).toBeGreaterThan(0.5);
    const all = as(live.query({kind: "ablate", off: [0, 1, 2, 3]}), "ablate");
    expect(all.ablated.loss).toBeGreaterThan(all.baseline.loss + 2);
    const none = as(live.query({kind: "ablate", off: []}), "ablate");
    expect(none.ablated).toEqual(none.baseline);
    const e = as(live.query({kind: "evaluate"}), "evaluate");
    expect(e.step).toBe(250);
    expect(e.loss).toBe(none.baseline.loss);
  });
});

describe("MultiHeadLive through the worker protocol", () => {
  it("answers every query kind with a cloneable view; a head count that does not divide d_model is refused", async () => {
    const api = createApi(new MultiHeadLive());
    await api.reset({...defaultMultiHeadConfig, dModel: 8, heads: 2, positions: "learned"});
    const s = await api.train({steps: 3}, () => {});
    expect(s.step).toBe(3);
    const queries: MultiHeadQuery[] = [
      {kind: "attend", text: "abC"}, {kind: "steps", text: "xY"}, {kind: "shapes", n: 5, batch: 2},
      {kind: "ablate", off: [1]}, {kind: "relations"}, {kind: "evaluate"}
    ];
    for (const q of queries) {
      const v = await api.query(q);
      expect(v.kind).toBe(q.kind);
      expect(structuredClone(v)).toEqual(v);
    }
    expect(() => api.reset({...defaultMultiHeadConfig, heads: 5})).toThrow(/do not divide/);
  });
});
