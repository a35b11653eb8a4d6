import {describe, expect, it} from "vitest";
import {Rng} from "../../../src/engine/index.js";
import {dates} from "../../../src/models/seq2seq/dates.js";
import {blockIds, parseBlock} from "../../../src/models/transformer/blocks.js";
import type {TransformerConfig} from "../../../src/models/transformer/config.js";
import {TRANSFORMER_DEFAULTS} from "../../../src/models/transformer/config.js";
import {Transformer} from "../../../src/models/transformer/model.js";
import {readTranslation} from "../../../src/models/transformer/read.js";
import {stepperNumbers} from "../../../src/models/transformer/stepper.js";
import {blockTensors} from "../../../src/models/transformer/trace.js";
import {maxAbsDiff} from "./helpers.js";

const make = (over: Partial<TransformerConfig> = {}) =>
  new Transformer({...TRANSFORMER_DEFAULTS, srcVocab: dates.src.size, tgtVocab: dates.tgt.size, dModel: 8, heads: 2, ffHidden: 12, layers: 2, maxLen: 32, ...over}, new Rng(5));

describe("blocks", () => {
  it("lists the diagram's boxes in order, with the final norms only for pre-LN", () => {
    expect(blockIds(1, "pre")).toEqual(["enc.embed", "enc.0.self", "enc.0.ffn", "enc.norm", "dec.embed", "dec.0.self", "dec.0.cross", "dec.0.ffn", "dec.norm", "out"]);
    expect(blockIds(2, "post")).toEqual(["enc.embed", "enc.0.self", "enc.0.ffn", "enc.1.self", "enc.1.ffn", "dec.embed", "dec.0.self", "dec.0.cross", "dec.0.ffn", "dec.1.self", "dec.1.cross", "dec.1.ffn", "out"]);
  });
  it("parses ids and refuses boxes the model does not have", () => {
    expect(parseBlock("dec.1.cross", 2, "pre")).toEqual({kind: "sublayer", stack: "dec", layer: 1, sublayer: "cross"});
    expect(parseBlock("enc.0.cross", 2, "pre")).toBeNull();
    expect(parseBlock("enc.2.self", 2, "pre")).toBeNull();
    expect(parseBlock("enc.norm", 2, "post")).toBeNull();
    expect(parseBlock("enc.0.attn", 2, "pre")).toBeNull();
  });
});

describe("the live tensors of a forward pass", () => {
  const model = make();
  const r = readTranslation(model, dates, "3 May 2001");
  const n = r.srcTokens.length, T = r.decTokens.length;

  it("reads a translation: tokens, and attention maps of the right shapes whose rows sum to 1", () => {
    expect(r.srcTokens.join("")).toBe("3 May 2001<end>");
    expect(r.decTokens[0]).toBe("<start>");
    for (const [maps, rows, cols] of [[r.attention.encoderSelf, n, n], [r.attention.decoderSelf, T, T], [r.attention.cross, T, n]] as const) {
      expect(maps.length).toBe(2);
      for (const layer of maps) {
        expect(layer.length).toBe(2);
        for (const h of layer) {
          expect([h.rows, h.cols]).toEqual([rows, cols]);
          for (let i = 0; i < rows; i++) expect(h.weights.subarray(i * cols, (i + 1) * cols).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
        }
      }
    }
    // decoder self-attention is causal: nothing above the diagonal
    const A = r.attention.decoderSelf[0][0];
    for (let i = 0; i < T; i++) for (let j = i + 1; j < T; j++) expect(A.weights[i * T + j]).toBe(0);
  });

  it("every block yields named tensors with one labelled row per token", () => {
    for (const id of blockIds(2, "pre")) {
      const {tensors} = blockTensors(model, r.pass, id);
      expect(tensors.length).toBeGreaterThan(1);
      for (const t of tensors) {
        expect(t.data.length).toBe(t.rows * t.cols);
        expect(t.rowLabels.length).toBe(t.rows);
        const sourceRows = id.startsWith("enc") || (id.endsWith("cross") && /^[KV] =/.test(t.name)); // cross-attention's keys and values are the source's
        expect(t.rows, `${id} ${t.name}`).toBe(sourceRows ? n : T);
      }
    }
    const names = blockTensors(model, r.pass, "dec.0.cross").tensors.map((t) => t.name);
    expect(names).toEqual(["x", "LN(x)", "Q = x W_Q", "K = M W_K", "V = M W_V", "A₁ = softmax(Q₁K₁ᵀ/√d_k)", "head₁ = A₁V₁", "A₂ = softmax(Q₂K₂ᵀ/√d_k)", "head₂ = A₂V₂", "C = concat(head₁ … head_h)", "MultiHead = C W_O", "x + F(LN(x))"]);
    const cross = blockTensors(model, r.pass, "dec.0.cross").tensors[5];
    expect([cross.rows, cross.cols, cross.colLabels?.length]).toEqual([T, n, n]);
  });

  it("a block's residual sum is its input plus its sub-layer's output; its output feeds the next block", () => {
    const ffn = blockTensors(model, r.pass, "enc.0.ffn").tensors;
    const [x, , , F, sum] = ffn; // x, LN(x), H, FFN, x + F
    expect(maxAbsDiff(sum.data, x.data.map((v, i) => v + F.data[i]))).toBeLessThan(1e-6);
    const next = blockTensors(model, r.pass, "enc.1.self").tensors[0];
    expect(Array.from(next.data)).toEqual(Array.from(sum.data));
  });

  it("post-LN: x, then the sub-layer, the sum, and LN of the sum", () => {
    const post = make({norm: "post"});
    const p = readTranslation(post, dates, "3 May 2001");
    const names = blockTensors(post, p.pass, "enc.0.ffn").tensors.map((t) => t.name);
    expect(names).toEqual(["x", "H = max(0, x W₁ + b₁)", "FFN(x) = H W₂ + b₂", "x + F(x)", "LN(x + F(x))"]);
    expect(() => blockTensors(post, p.pass, "enc.norm")).toThrow(/No block/);
  });
});

describe("stepper numbers", () => {
  const model = make();
  const r = readTranslation(model, dates, "14 July 1789");
  const by = (steps: {symbol: string; values: Float32Array}[], prefix: string) => steps.find((s) => s.symbol.startsWith(prefix))!.values;

  it("layer norm: μ, σ² and x̂ are those of the row", () => {
    const s = stepperNumbers(model, r.pass, "enc.0.ffn", 4).steps;
    const x = Array.from(by(s, "x"));
    const mu = x.reduce((a, b) => a + b) / x.length;
    const v = x.reduce((a, b) => a + (b - mu) ** 2, 0) / x.length;
    expect(by(s, "μ")[0]).toBeCloseTo(mu, 5);
    expect(by(s, "σ²")[0]).toBeCloseTo(v, 4);
    expect(maxAbsDiff(by(s, "x̂"), x.map((xi) => (xi - mu) / Math.sqrt(v + 1e-5)))).toBeLessThan(1e-4);
  });

  it("attention: the weights are the softmax of the scores, sum to 1, and match the map of the same head", () => {
    const st = stepperNumbers(model, r.pass, "dec.1.cross", 2, 1);
    expect(st.head).toBe(1);
    expect(st.token).toBe(r.decTokens[2]);
    const a = by(st.steps, "a = softmax");
    expect(a.reduce((p, q) => p + q, 0)).toBeCloseTo(1, 5);
    const map = r.attention.cross[1][1];
    expect(maxAbsDiff(a, map.weights.subarray(2 * map.cols, 3 * map.cols))).toBeLessThan(1e-6);
    const masked = stepperNumbers(model, r.pass, "dec.0.self", 1, 0).steps;
    expect(Array.from(by(masked, "s_j")).slice(2).every((v) => v === -Infinity)).toBe(true);
  });

  it("feed-forward: h = max(0, a); embedding: x⁰ = s·E[x] + PE", () => {
    const f = stepperNumbers(model, r.pass, "dec.0.ffn", 1).steps;
    expect(Array.from(by(f, "h = max")).map((v) => Math.fround(v))).toEqual(Array.from(by(f, "a = x W₁")).map((v) => Math.fround(Math.max(0, v))));
    const e = stepperNumbers(model, r.pass, "enc.embed", 3).steps;
    const sE = by(e, "s·E[x]"), pe = by(e, "PE(3)"), x0 = by(e, "x⁰");
    expect(maxAbsDiff(x0, Array.from(sE, (v, i) => v + pe[i]))).toBeLessThan(1e-6);
    expect(by(e, "s = √d_model")[0]).toBeCloseTo(Math.sqrt(8), 6);
  });

  it("out: p = softmax(z) and its argmax is what the model wrote", () => {
    const o = stepperNumbers(model, r.pass, "out", 0).steps;
    const p = by(o, "p = softmax");
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(dates.tgt.tokens[by(o, "argmax")[0]]).toBe(r.outTokens[0]);
  });

  it("refuses positions and heads that do not exist", () => {
    expect(() => stepperNumbers(model, r.pass, "enc.0.self", 99)).toThrow(/outside/);
    expect(() => stepperNumbers(model, r.pass, "enc.0.self", 0, 2)).toThrow(/outside/);
  });
});
