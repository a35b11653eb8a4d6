import {describe, expect, it} from "vitest";
import {QkvLive, defaultQkvConfig, type QkvQuery} from "../../../src/models/qkv-live.js";
import {createApi} from "../../../src/workers/host.js";
import {softLookup} from "../../../src/models/attention/lookup.js";

describe("QkvLive (chapter 5)", () => {
  const model = new QkvLive();
  const info = model.reset(defaultQkvConfig);

  it("has no parameters and a training step that reports nothing", () => {
    expect(info.parameters).toBe(0);
    expect(model.trainStep()).toEqual({});
  });

  it("lookup: the 2-D figure's numbers", () => {
    const v = model.query({kind: "lookup", query: [1, 2], keys: [[1, 0], [0, 1]], values: [[1, 1], [-1, 0]], scaled: true, temperature: 0.5});
    expect(v.kind).toBe("lookup");
    if (v.kind !== "lookup") return;
    expect(v).toEqual({kind: "lookup", ...softLookup([1, 2], [[1, 0], [0, 1]], [[1, 1], [-1, 0]], {scaled: true, temperature: 0.5})});
    expect(v.weights[1]).toBeGreaterThan(v.weights[0]);
  });

  it("entropy-vs-d: the unscaled curve ends far below the scaled one", () => {
    const v = model.query({kind: "entropy-vs-d", ds: [2, 512], trials: 100});
    if (v.kind !== "entropy-vs-d") throw new Error(v.kind);
    expect(v.d).toEqual([2, 512]);
    expect(v.unscaled[1]).toBeLessThan(v.scaled[1] / 5);
  });

  it("matrices: the seeded example, each stage with its shape; rows of A sum to 1", () => {
    const v = model.query({kind: "matrices", scaled: true});
    if (v.kind !== "matrices") throw new Error(v.kind);
    const {queries, keys, d, dv} = defaultQkvConfig;
    expect([v.Q.rows, v.Q.cols, v.K.rows, v.V.cols]).toEqual([queries, d, keys, dv]);
    expect([v.A.rows, v.A.cols, v.O.rows, v.O.cols]).toEqual([queries, keys, queries, dv]);
    for (let i = 0; i < queries; i++) expect(Array.from(v.A.data.subarray(i * keys, (i + 1) * keys)).reduce((a, b) => a + b)).toBeCloseTo(1, 6);
    expect(v.S.data[0]).toBeCloseTo(v.QKt.data[0] / Math.sqrt(d), 6);
    for (const x of v.Q.data) expect(Math.round(x * 10) / 10).toBeCloseTo(x, 6); // one decimal
    const custom = model.query({kind: "matrices", Q: [[1, 0]], K: [[1, 0], [0, 1]], V: [[5], [7]]});
    if (custom.kind !== "matrices") throw new Error(custom.kind);
    expect(custom.O.data[0]).toBeCloseTo((5 * Math.E + 7) / (Math.E + 1), 5);
  });

  it("is served by the worker protocol, and its views survive structured cloning", async () => {
    const api = createApi(new QkvLive());
    await api.reset({...defaultQkvConfig, seed: 4});
    const queries: QkvQuery[] = [{kind: "lookup", query: [0, 1], keys: [[0, 1]], values: [[2]]}, {kind: "entropy-vs-d", ds: [4], trials: 5}, {kind: "matrices"}];
    for (const q of queries) {
      const v = await api.query(q);
      expect(structuredClone(v)).toEqual(v);
      expect(v.kind).toBe(q.kind);
    }
    const s = await api.train({steps: 3}, () => {});
    expect(s).toMatchObject({end: "finished", step: 3});
  });
});
