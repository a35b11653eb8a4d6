import {describe, expect, it} from "vitest";
import {gradCheck, Rng, zeroGrads} from "../../../src/engine/index.js";
import type {TransformerConfig} from "../../../src/models/transformer/config.js";
import {TRANSFORMER_DEFAULTS} from "../../../src/models/transformer/config.js";
import {Transformer} from "../../../src/models/transformer/model.js";
import {lossOn} from "../../../src/models/transformer/loss.js";
import {encodeBatch} from "../../../src/models/transformer/batch.js";
import {reverse} from "../../../src/models/seq2seq/reverse.js";
import {PAD} from "../../../src/models/seq2seq/vocab.js";

const tiny = (over: Partial<TransformerConfig> = {}): TransformerConfig => ({
  ...TRANSFORMER_DEFAULTS,
  srcVocab: reverse.src.size,
  tgtVocab: reverse.tgt.size,
  dModel: 4,
  heads: 2,
  layers: 2,
  ffHidden: 6,
  maxLen: 8,
  dtype: "float64",
  ...over
});

/** Two pairs of different lengths, so sources are padded and masked and targets padded. */
const batch = () => encodeBatch(reverse, [{src: "abc", tgt: "cba"}, {src: "de", tgt: "ed"}]);

describe("Transformer", () => {
  it("lays out a padded batch: sources masked by length, targets shifted right, <pad> where there is nothing", () => {
    const b = batch();
    expect(b.n).toBe(4);
    expect(b.T).toBe(4);
    expect(Array.from(b.srcLengths!)).toEqual([4, 3]);
    expect(b.yOut[7]).toBe(PAD);
    expect(b.yIn[0]).toBe(1); // <start>
    expect(b.yIn[1]).toBe(b.yOut[0]);
  });

  const variants: [string, Partial<TransformerConfig>][] = [
    ["pre-LN, tied output, sinusoidal positions", {}],
    ["post-LN, separate output, learned positions, unscaled embeddings", {norm: "post", tieOutput: false, positions: "learned", scaleEmbedding: false}]
  ];
  for (const [label, over] of variants) {
    it(`${label}: the whole model's gradient matches finite differences, float64`, () => {
      const model = new Transformer(tiny(over), new Rng(1));
      const rng = new Rng(2);
      for (const p of model.params) if (/ln.*[γβ]|b₁|b₂|out\.b/.test(p.name)) for (let i = 0; i < p.value.data.length; i++) p.value.data[i] += 0.2 * (2 * rng.uniform() - 1);
      const b = batch();
      zeroGrads(model.params);
      lossOn(model, b, true);
      const r = gradCheck(model.params, () => lossOn(model, b, false).loss, {h: 1e-5, floor: 1e-8});
      expect(r.maxRelError, JSON.stringify(r.worst)).toBeLessThan(1e-5);
      expect(r.checked).toBe(model.params.reduce((s, p) => s + p.value.data.length, 0));
    });
  }

  it("lists every parameter once, with distinct names; tying removes the output matrix", () => {
    const tied = new Transformer(tiny(), new Rng(1));
    const names = tied.params.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain("dec.E");
    expect(names.some((n) => n.startsWith("out."))).toBe(false);
    const separate = new Transformer(tiny({tieOutput: false}), new Rng(1));
    expect(separate.params.length).toBe(tied.params.length + 2);
  });

  it("is seeded: the same config and seed give the same loss", () => {
    const a = lossOn(new Transformer(tiny(), new Rng(9)), batch(), false).loss;
    const b = lossOn(new Transformer(tiny(), new Rng(9)), batch(), false).loss;
    const c = lossOn(new Transformer(tiny(), new Rng(10)), batch(), false).loss;
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });
});
