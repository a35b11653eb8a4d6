import {describe, expect, it} from "vitest";
import {chanceLosses, countRight, findStage, headFindings, headList, headsFinding, tensorTex} from "../../../components/multi-head-read.js";
import {MultiHeadLive, defaultMultiHeadConfig, type MultiHeadStepsView} from "../../../src/models/multi-head-live.js";

describe("reading chapter 7's model", () => {
  it("names the relation each head weights most, or none below the threshold", () => {
    const f = headFindings([
      {previous: 0.87, key: 0.08, self: 0.07, start: 0.09},
      {previous: 0.08, key: 1.0, self: 0.09, start: 0},
      {previous: 0.24, key: 0.08, self: 0.19, start: 0.23}
    ]);
    expect(f.map((x) => x.relation)).toEqual(["previous", "key", null]);
    expect(f[0].weight).toBeCloseTo(0.87);
    expect(f[2]).toMatchObject({top: "previous", weight: 0.24});
    expect(headsFinding(f, "key")).toEqual([1]);
    expect(headList([0])).toBe("head 1");
    expect(headList([0, 2])).toBe("heads 1 and 3");
    expect(headList([0, 1, 3])).toBe("heads 1, 2 and 4");
  });

  it("counts right answers only where a question is asked", () => {
    expect(countRight(["", "a", "x", "c"], ["", "a", "b", "c"])).toEqual({right: 2, asked: 3});
    expect(countRight(["a"], [""])).toEqual({right: 0, asked: 0});
  });

  it("the chance losses: ln 27 for the key, (1 − 11/121) ln 27 for the previous symbol", () => {
    const c = chanceLosses(6, 16, 27);
    expect(c.key).toBeCloseTo(Math.log(27), 12);
    expect(c.previous).toBeCloseTo((110 / 121) * Math.log(27), 12);
  });

  it("finds the stepper's stages by name and head, and writes them in TeX with the head's number", () => {
    const live = new MultiHeadLive();
    const v = live.query({kind: "steps", text: "abC"}) as MultiHeadStepsView;
    expect(findStage(v.stages, "S_k", 1)?.name).toBe("S_k = Q_k K_kᵀ / √d_k");
    expect(findStage(v.stages, "C")?.value.cols).toBe(32);
    expect(findStage(v.stages, "X")?.value.rows).toBe(4);
    expect(findStage(v.stages, "Q_k", 5)).toBeUndefined();
    expect(tensorTex("S_k = Q_k K_kᵀ / √d_k", 1)).toBe("S_{2} = Q_{2} K_{2}^{\\top} / \\sqrt{d_k}");
    expect(tensorTex("head_k = A_k V_k", 0)).toBe("\\mathrm{head}_{1} = A_{1} V_{1}");
    expect(tensorTex("something new")).toBe("\\text{something new}");
  });
});
