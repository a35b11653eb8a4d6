import katex from "katex";
import {describe, expect, it} from "vitest";
import {DEFAULT_LIVE_CONFIG, TransformerLive} from "../../../src/models/transformer-live.js";
import type {BlockId, TransformerView} from "../../../src/models/transformer-live.js";
import {blockKind} from "../../../components/transformer-layout.js";
import {blockSteps} from "../../../components/transformer-steps.js";

const render = (tex: string) => katex.renderToString(tex, {throwOnError: true, strict: false, trust: (c) => c.command === "\\htmlClass", displayMode: true});

function stepperOf(live: TransformerLive, block: BlockId, position: number, head = 1) {
  const v: TransformerView = live.query({kind: "stepper", input: "4 July 1776", block, position, head});
  if (v.kind !== "stepper") throw new Error(JSON.stringify(v));
  return v;
}

describe("the stepper's steps for every block", () => {
  for (const norm of ["pre", "post"] as const) {
    it(`${norm}-LN: every block's numbers fill its steps, and every equation typesets with one term per step`, () => {
      const live = new TransformerLive();
      const info = live.reset({...DEFAULT_LIVE_CONFIG, dModel: 16, ffHidden: 16, norm});
      for (const block of info.blocks as BlockId[]) {
        const {kind, stack} = blockKind(block);
        const v = stepperOf(live, block, 2);
        const {equation, steps} = blockSteps(v, {kind, masked: kind === "self" && stack === "dec", norm});
        const html = render(equation);
        steps.forEach((s, i) => {
          expect(s.term).toBe(`step-${i + 1}`);
          expect(html, `${block}: term step-${i + 1}`).toContain(`step-${i + 1}`);
        });
        expect(html).not.toContain(`step-${steps.length + 1}`);
        const numbers = steps.flatMap((s) => (Array.isArray(s.numbers) ? s.numbers : []));
        expect(numbers.length).toBe(v.steps.length);
        for (const n of numbers) expect(() => render(n.tex!)).not.toThrow();
      }
    });
  }

  it("puts the right numbers in the right steps (pre-LN cross-attention, head 2)", () => {
    const live = new TransformerLive();
    live.reset({...DEFAULT_LIVE_CONFIG, dModel: 16, ffHidden: 16});
    const v = stepperOf(live, "dec.0.cross", 3, 1);
    const {steps} = blockSteps(v, {kind: "cross", masked: false, norm: "pre"});
    expect(steps.map((s) => s.label)).toEqual(["u = LN(x)", "scores: each key against the query", "weights: a = softmax(s)", "head_2 = Σ a_j v_j", "concatenate the heads, project: F", "y = x + F (the residual)"]);
    const [, scores, weights] = steps.map((s) => s.numbers as {tex?: string; value: unknown; note?: string}[]);
    expect(scores.map((n) => n.tex)).toEqual(["q = (u W^Q)_{2}", "K_{2} = (M W^K)_{2}", "s_j = q \\cdot k_j / \\sqrt{d_k}"]);
    const a = weights[0].value as Float32Array;
    expect(a.length).toBe(12); // "4 July 1776" and <end>
    expect(a.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5);
    expect(weights[0].note).toMatch(/largest: 0\.\d{3} on “.*” \(key \d+\); they sum to 1/);
  });

  it("says where the decoder's mask hides later positions", () => {
    const live = new TransformerLive();
    live.reset({...DEFAULT_LIVE_CONFIG, dModel: 16, ffHidden: 16});
    const v = stepperOf(live, "dec.0.self", 1, 0);
    const {steps} = blockSteps(v, {kind: "self", masked: true, norm: "pre"});
    const s = (steps[1].numbers as {note?: string}[])[2];
    expect(s.note).toMatch(/later positions are masked \(−∞\)/);
  });

  it("refuses numbers it does not expect rather than mislabel them", () => {
    const live = new TransformerLive();
    live.reset({...DEFAULT_LIVE_CONFIG, dModel: 16, ffHidden: 16});
    const v = stepperOf(live, "enc.0.ffn", 0);
    expect(() => blockSteps(v, {kind: "self", masked: false, norm: "pre"})).toThrow(/expects 18/);
    expect(() => blockSteps(v, {kind: "ffn", masked: false, norm: "post"})).toThrow(/expects 13/);
  });

  it("names the written character at the output", () => {
    const live = new TransformerLive();
    live.reset({...DEFAULT_LIVE_CONFIG, dModel: 16, ffHidden: 16});
    const v = stepperOf(live, "out", 0);
    const {steps} = blockSteps(v, {kind: "out", masked: false, norm: "pre"});
    const last = (steps[2].numbers as {value: unknown}[])[0].value as string;
    expect(last).toMatch(/^“.+” \(id \d+\)$/);
  });
});
