import {beforeAll, describe, expect, it} from "vitest";
import {adam, clipGlobalNorm, gradCheck} from "../../../src/engine/index.js";
import {BOS, PAD, charVocab} from "../../../src/models/attention/char-vocab.js";
import {SORT_ALPHABET} from "../../../src/models/attention/sort-task.js";
import {encodeWithKey, packTwoQuestions, twoQuestionsBatch, twoQuestionsTargets} from "../../../src/models/attention/two-questions-task.js";
import {TwoQuestionsModel} from "../../../src/models/attention/two-questions-model.js";
import {headRelation} from "../../../src/models/attention/head-relations.js";
import {fromRows} from "../../../src/engine/index.js";
import {Rng} from "./helpers.js";

const vocab = charVocab(SORT_ALPHABET);
const V = vocab.symbols.length;
const symbols = Array.from({length: 27}, (_, i) => i + 2);

describe("the two-questions task", () => {
  it("previous symbol and the key's symbol for every position", () => {
    const s = encodeWithKey(vocab, "caBd", 16);
    expect(s.tokens.join("")).toBe("⟨s⟩cabd");
    expect(s.keyAt).toBe(3);
    const t = twoQuestionsTargets(s);
    expect(t.previous.map((i) => (i < 0 ? "-" : vocab.symbols[i])).join(",")).toBe("-,⟨s⟩,c,a,b");
    expect(t.key.map((i) => vocab.symbols[i]).join("")).toBe("bbbbb");
  });
  it("the first capital is the key, counted after unknown characters are left out; no capital, no key", () => {
    const s = encodeWithKey(vocab, "a1, bCD", 16);
    expect(s.tokens.join("")).toBe("⟨s⟩a bcd");
    expect(s.keyAt).toBe(4); // ⟨s⟩ a " " b c d: the C is position 4
    expect(s.message).toMatch(/"1", ","/);
    const none = encodeWithKey(vocab, "abc", 16);
    expect(none.keyAt).toBe(-1);
    expect(none.message).toMatch(/No capital letter/);
    expect(twoQuestionsTargets(none).key).toEqual([-1, -1, -1, -1]);
  });
  it("packing pads, flags the key and asks nothing of padding", () => {
    const b = packTwoQuestions([{ids: [BOS, 5, 6], keyAt: 2}, {ids: [BOS, 7], keyAt: 1}]);
    expect(Array.from(b.tokens)).toEqual([BOS, 5, 6, BOS, 7, PAD]);
    expect(Array.from(b.flags)).toEqual([0, 0, 1, 0, 1, 0]);
    expect(Array.from(b.previous)).toEqual([-1, BOS, 5, -1, BOS, -1]);
    expect(Array.from(b.key)).toEqual([6, 6, 6, 7, 7, -1]);
  });
  it("headRelation: mean weight on previous, key, self and ⟨s⟩", () => {
    // one sequence of 3, key at 1; rows 1 and 2 count
    const A = fromRows([[1, 0, 0], [0.5, 0.5, 0], [0, 0.25, 0.75]]);
    const r = headRelation(A, 3, [3], [0, 1, 0]);
    expect(r.previous).toBeCloseTo((0.5 + 0.25) / 2, 6);
    expect(r.key).toBeCloseTo((0.5 + 0.25) / 2, 6);
    expect(r.self).toBeCloseTo((0.5 + 0.75) / 2, 6);
    expect(r.start).toBeCloseTo(0.25, 6);
  });
});

describe("the two-questions model: gradients (float64, central differences)", () => {
  for (const [heads, positions] of [[2, "learned"], [3, "sinusoidal"]] as const) {
    it(`${heads} heads, ${positions} positions, padded batch`, () => {
      const rng = new Rng(3);
      const model = new TwoQuestionsModel({vocab: V, dModel: 6, heads, maxLen: 8, positions, dtype: "float64"}, rng);
      const b = twoQuestionsBatch(rng, {batch: 3, minLen: 3, maxLen: 7, symbols});
      model.lossAndGrads(b);
      const r = gradCheck(model.params, () => model.evaluate(b).loss, {h: 1e-6, floor: 1e-6, samplesPerParam: 30, rng});
      expect(r.maxRelError).toBeLessThan(1e-5);
      expect(r.checked).toBeGreaterThan(200);
    });
  }
});

function train(heads: number, steps: number): {model: TwoQuestionsModel; evalBatch: ReturnType<typeof twoQuestionsBatch>} {
  const rng = new Rng(1);
  const model = new TwoQuestionsModel({vocab: V, dModel: 32, heads, maxLen: 17, positions: "sinusoidal"}, rng);
  const opts = {batch: 16, minLen: 6, maxLen: 16, symbols};
  const opt = adam(0.01);
  for (let s = 0; s < steps; s++) {
    model.lossAndGrads(twoQuestionsBatch(rng, opts));
    clipGlobalNorm(model.params, 1);
    opt.step(model.params);
  }
  return {model, evalBatch: twoQuestionsBatch(new Rng(99), {...opts, batch: 128})};
}

describe("two heads learn two different relations (300 steps, d = 32)", () => {
  let trained: ReturnType<typeof train>;
  beforeAll(() => void (trained = train(2, 300)));

  it("one head puts > 0.5 mean weight on the previous token, the other > 0.5 on the key", () => {
    const {model, evalBatch: b} = trained;
    const f = model.forward(b.tokens, b.flags, b.seqLen, b.lengths);
    const rel = f.mha.heads.map((h) => headRelation(h.A, b.seqLen, b.lengths, b.flags));
    const prevHead = rel.findIndex((r) => r.previous > 0.5);
    const keyHead = rel.findIndex((r) => r.key > 0.5);
    expect(prevHead).toBeGreaterThanOrEqual(0);
    expect(keyHead).toBeGreaterThanOrEqual(0);
    expect(prevHead).not.toBe(keyHead);
    const e = model.evaluate(b);
    expect(e.accPrev).toBeGreaterThan(0.9);
    expect(e.accKey).toBeGreaterThan(0.95);
  });

  it("switching a head off brings back the loss of its own question only", () => {
    const {model, evalBatch: b} = trained;
    const f = model.forward(b.tokens, b.flags, b.seqLen, b.lengths);
    const prevHead = f.mha.heads.map((h) => headRelation(h.A, b.seqLen, b.lengths, b.flags)).findIndex((r) => r.previous > 0.5);
    const base = model.evaluate(b);
    const offPrev = model.evaluate(b, prevHead === 0 ? [0, 1] : [1, 0]);
    const offKey = model.evaluate(b, prevHead === 0 ? [1, 0] : [0, 1]);
    expect(offPrev.lossPrev).toBeGreaterThan(base.lossPrev + 1.5);
    expect(offPrev.lossKey).toBeLessThan(base.lossKey + 0.3);
    expect(offKey.lossKey).toBeGreaterThan(base.lossKey + 1.5);
    expect(offKey.lossPrev).toBeLessThan(base.lossPrev + 0.3);
  });
});

describe("one head of the same width cannot do both", () => {
  it("after the same 300 steps it answers one question and stays near chance on the other", () => {
    const {model, evalBatch: b} = train(1, 300);
    const e = model.evaluate(b);
    expect(Math.min(e.accPrev, e.accKey)).toBeLessThan(0.4);
    expect(Math.max(e.lossPrev, e.lossKey)).toBeGreaterThan(2);
  });
});
