import {describe, expect, it} from "vitest";
import type {Activation} from "../../../src/engine/index.js";
import {Rng, gradCheck, mat, normalInit, zeroGrads} from "../../../src/engine/index.js";
import {CharLM} from "../../../src/models/char-lm.js";
import {CharTrainer} from "../../../src/models/char-trainer.js";
import {readText, topK} from "../../../src/models/char-read.js";
import {sample} from "../../../src/models/char-sample.js";
import {RnnCell} from "../../../src/models/rnn-cell.js";
import {DEFAULT_TEXT} from "../../../src/text/default-text.js";
import {Vocab} from "../../../src/text/vocab.js";

function build(text: string, {hidden = 6, embed = 0, activation = "tanh" as Activation, dtype = "float64" as const, seed = 1} = {}) {
  const vocab = Vocab.fromText(text);
  const rng = new Rng(seed);
  const cell = new RnnCell({inputSize: embed || vocab.size, hiddenSize: hidden, activation, dtype}, rng);
  const lm = new CharLM(cell, vocab, {embed, dtype}, rng);
  return {vocab, cell, lm};
}

describe("CharLM", () => {
  for (const activation of ["tanh", "sigmoid", "relu"] as Activation[]) {
    for (const embed of [0, 3]) {
      it(`has exact gradients (${activation}, ${embed ? "embedding" : "one-hot"}, B = 2, T = 5, carried state)`, () => {
        const {lm, cell} = build("abcab cab!", {activation, embed});
        normalInit(cell.b.value, new Rng(5), 0.3);
        const T = 5, B = 2;
        const ids = Int32Array.from({length: T * B}, (_, i) => (i * 7) % lm.V);
        const targets = Int32Array.from({length: T * B}, (_, i) => (i * 5 + 1) % lm.V);
        const state = [normalInit(mat(B, 6, "float64"), new Rng(9), 0.5)];
        const loss = () => lm.loss(lm.forward(ids, T, B, state), targets);
        zeroGrads(lm.params);
        const {loss: J} = lm.lossAndGrad(ids, targets, T, B, state);
        expect(J).toBeCloseTo(loss(), 12);
        const check = gradCheck(lm.params, loss, {h: 1e-6, floor: 1e-8});
        expect(check.maxRelError).toBeLessThan(1e-6);
        expect(check.checked).toBe(lm.params.reduce((n, p) => n + p.value.data.length, 0));
      });
    }
  }

  it("rejects a cell whose input size does not match the vocabulary or embedding", () => {
    const vocab = Vocab.fromText("abc");
    const cell = new RnnCell({inputSize: 3, hiddenSize: 4}, new Rng(1));
    expect(() => new CharLM(cell, vocab, {}, new Rng(1))).toThrow(/inputs of size 3.*gives 4/);
    expect(() => new CharLM(cell, vocab, {embed: 3}, new Rng(1))).not.toThrow();
  });

  it("starts near ln V and learns a small text to well below it within 300 steps", () => {
    const {lm, vocab} = build(DEFAULT_TEXT, {hidden: 48, dtype: "float32" as never, seed: 2});
    const trainer = new CharTrainer(lm, vocab.encode(DEFAULT_TEXT), {seqLen: 24, batch: 8, learningRate: 0.01, clip: 5});
    const lnV = Math.log(vocab.size);
    const first = trainer.step().loss;
    expect(Math.abs(first - lnV)).toBeLessThan(0.5);
    let recent = 0;
    for (let i = 1; i <= 300; i++) {
      const {loss} = trainer.step();
      if (i > 280) recent += loss / 20;
    }
    expect(recent).toBeLessThan(0.45 * lnV);
    // Reading the text back: the mean surprise agrees with the training loss's order of magnitude.
    const reading = readText(lm, DEFAULT_TEXT);
    expect(reading.meanLoss).toBeLessThan(0.5 * lnV);
  });
});

describe("CharTrainer", () => {
  it("lays the text out as B streams, cuts chunks step-major and carries the state between them", () => {
    const text = "abcdefghijklmnopqrstu"; // N = 21 → B = 2 streams of L = 10
    const {lm, vocab} = build(text, {hidden: 4});
    const trainer = new CharTrainer(lm, vocab.encode(text), {seqLen: 4, batch: 2, learningRate: 0, clip: 0, optimizer: "sgd"});
    expect([trainer.B, trainer.T, trainer.L]).toEqual([2, 4, 10]);
    // Step 1 reads streams "abcd"/"klmn"; step 2 continues with "efgh"/"opqr" from step 1's final state.
    const ids = (s: string) => vocab.encode(s);
    const interleave = (a: string, b: string) => Int32Array.from(Array.from(a).flatMap((c, t) => [ids(c)[0], ids(b[t])[0]]));
    const first = lm.forward(interleave("abcd", "klmn"), 4, 2);
    const expected1 = lm.loss(first, interleave("bcde", "lmno"));
    const expected2 = lm.loss(lm.forward(interleave("efgh", "opqr"), 4, 2, lm.carry(first.cell)), interleave("fghi", "pqrs"));
    expect(trainer.step().loss).toBeCloseTo(expected1, 12);
    expect(trainer.step().loss).toBeCloseTo(expected2, 12);
    // Step 3 would run past the streams' end (8 + 4 > 10): it starts again from zero state.
    expect(trainer.step().loss).toBeCloseTo(expected1, 12);
  });

  it("cuts batch and chunk to what a tiny text allows", () => {
    const {lm, vocab} = build("abab", {hidden: 3});
    const trainer = new CharTrainer(lm, vocab.encode("abab"), {seqLen: 32, batch: 32, learningRate: 0.1, clip: 1});
    expect([trainer.B, trainer.T, trainer.L]).toEqual([3, 1, 1]);
    const m = trainer.step();
    expect(Number.isFinite(m.loss)).toBe(true);
    expect(m.clippedNorm).toBeLessThanOrEqual(1 + 1e-12);
  });

  it("clips the global gradient norm to the threshold and reports the norm before clipping", () => {
    const {lm, vocab} = build(DEFAULT_TEXT, {hidden: 8});
    const trainer = new CharTrainer(lm, vocab.encode(DEFAULT_TEXT), {seqLen: 16, batch: 4, learningRate: 0.01, clip: 1e-3});
    const m = trainer.step();
    expect(m.gradNorm).toBeGreaterThan(1e-3);
    expect(m.clippedNorm).toBe(1e-3);
  });
});

describe("sampling and reading", () => {
  it("samples the same text for the same seed, a different one for another, greedy without randomness", () => {
    const {lm} = build(DEFAULT_TEXT, {hidden: 16, seed: 4});
    const a = sample(lm, {prompt: "The ", length: 60, temperature: 1, rng: new Rng(1)});
    const b = sample(lm, {prompt: "The ", length: 60, temperature: 1, rng: new Rng(1)});
    const c = sample(lm, {prompt: "The ", length: 60, temperature: 1, rng: new Rng(2)});
    expect(Array.from(a.text)).toHaveLength(60);
    expect(a.text).toBe(b.text);
    expect(c.text).not.toBe(a.text);
    const g1 = sample(lm, {prompt: "The ", length: 20, temperature: 0, rng: new Rng(1)});
    const g2 = sample(lm, {prompt: "The ", length: 20, temperature: 0, rng: new Rng(99)});
    expect(g1.text).toBe(g2.text);
    expect(sample(lm, {length: 5, temperature: 1, rng: new Rng(1)}).prompt).toBe("\n");
  });

  it("greedy sampling follows the argmax of readText's distribution step by step", () => {
    const {lm} = build(DEFAULT_TEXT, {hidden: 16, seed: 4});
    const g = sample(lm, {prompt: "sea", length: 6, temperature: 0, rng: new Rng(1)});
    const r = readText(lm, "sea" + g.text);
    for (let i = 0; i < 6; i++) {
      const t = 2 + i; // the step that predicts character 3 + i
      const {ids} = topK(r.probs.subarray(t * lm.V, (t + 1) * lm.V), lm.V, 1);
      expect(ids[0]).toBe(g.ids[i]);
    }
  });

  it("reads a text into states, distributions and per-step surprise, unknown characters included", () => {
    const {lm} = build("abcab", {hidden: 5});
    const r = readText(lm, "ab🙂c");
    expect(r.chars).toEqual(["a", "b", "🙂", "c"]);
    expect(Array.from(r.ids)).toEqual([1, 2, 0, 3]);
    expect(r.states).toHaveLength(4 * 5);
    expect(r.probs).toHaveLength(4 * lm.V);
    for (let t = 0; t < 4; t++) expect(r.probs.subarray(t * lm.V, (t + 1) * lm.V).reduce((s, p) => s + p, 0)).toBeCloseTo(1, 5);
    expect(r.losses[1]).toBeCloseTo(-Math.log(r.probs[1 * lm.V + 0]), 5); // after "b" comes the unknown id 0
    expect(Number.isNaN(r.losses[3])).toBe(true);
    expect(r.meanLoss).toBeCloseTo((r.losses[0] + r.losses[1] + r.losses[2]) / 3, 12);
    const top = topK(r.probs, lm.V, 2);
    expect(top.ids).toHaveLength(8);
    expect(top.probs[0]).toBeGreaterThanOrEqual(top.probs[1]);
  });
});
