import {describe, expect, it} from "vitest";
import {gradCheck, Rng, zeroGrads} from "../../../src/engine/index.js";
import {makeBatch} from "../../../src/models/seq2seq/batch.js";
import {lossOn} from "../../../src/models/seq2seq/loss.js";
import type {Seq2seqConfig} from "../../../src/models/seq2seq/model.js";
import {Seq2seq} from "../../../src/models/seq2seq/model.js";
import {reverse} from "../../../src/models/seq2seq/reverse.js";

const small = (over: Partial<Seq2seqConfig>): Seq2seqConfig => ({
  variant: "attention", score: "additive", cell: "gru", srcVocab: reverse.src.size, tgtVocab: reverse.tgt.size,
  hidden: 4, attentionSize: 3, bidirectional: true, dtype: "float64", ...over
});

/** A float64 model of a few units on a batch of 3 words of 4 letters, one target padded. */
function check(over: Partial<Seq2seqConfig>) {
  const model = new Seq2seq(small(over), new Rng(7));
  // Larger weights than at initialisation, so every path carries a visible gradient.
  const rng = new Rng(8);
  for (const p of model.params) for (let i = 0; i < p.value.data.length; i++) p.value.data[i] += 0.3 * rng.normal();
  const batch = makeBatch(reverse, [{src: "abcd", tgt: "dcba"}, {src: "zzya", tgt: "ayzz"}, {src: "qrst", tgt: "ts"}]);
  zeroGrads(model.params);
  lossOn(model, batch, true);
  const result = gradCheck(model.params, () => lossOn(model, batch, false).loss, {h: 1e-5, floor: 1e-5});
  return {result, model};
}

describe("seq2seq gradients against central differences (float64)", () => {
  const cases: [string, Partial<Seq2seqConfig>][] = [
    ["fixed context, GRU, bidirectional", {variant: "fixed"}],
    ["fixed context, RNN, unidirectional", {variant: "fixed", cell: "rnn", bidirectional: false}],
    ["attention, additive score", {score: "additive"}],
    ["attention, dot score", {score: "dot"}],
    ["attention, general score", {score: "general"}],
    ["attention, general score, RNN, unidirectional", {score: "general", cell: "rnn", bidirectional: false}]
  ];
  for (const [name, over] of cases) {
    it(name, () => {
      const {result, model} = check(over);
      // Entries below 1e-5 compare absolutely: their differences (~1e-11) are rounding, not error.
      expect(result.checked).toBe(model.params.reduce((n, p) => n + p.value.data.length, 0));
      expect(result.maxRelError, JSON.stringify(result.worst)).toBeLessThan(1e-5);
    });
  }

  it("attention's parameters are exactly the fixed model's plus the score's, with the same initial values", () => {
    const names = (over: Partial<Seq2seqConfig>) => new Seq2seq(small(over), new Rng(7)).params.map((p) => p.name);
    const fixed = names({variant: "fixed"});
    expect(names({score: "dot"})).toEqual(fixed);
    expect(names({score: "general"}).filter((n) => !fixed.includes(n))).toEqual(["att.W_a"]);
    expect(names({score: "additive"}).filter((n) => !fixed.includes(n))).toEqual(["att.W_a", "att.U_a", "att.v_a"]);
    const f = new Seq2seq(small({variant: "fixed"}), new Rng(7)), a = new Seq2seq(small({}), new Rng(7));
    for (const p of f.params) expect(Array.from(a.params.find((q) => q.name === p.name)!.value.data), p.name).toEqual(Array.from(p.value.data));
  });
});
