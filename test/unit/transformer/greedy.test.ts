import {describe, expect, it} from "vitest";
import {Rng} from "../../../src/engine/index.js";
import {dates} from "../../../src/models/seq2seq/dates.js";
import {END, START} from "../../../src/models/seq2seq/vocab.js";
import {encodeSources} from "../../../src/models/transformer/batch.js";
import {TRANSFORMER_DEFAULTS} from "../../../src/models/transformer/config.js";
import {greedyDecode, writtenIds} from "../../../src/models/transformer/greedy.js";
import {Transformer} from "../../../src/models/transformer/model.js";

const model = new Transformer({...TRANSFORMER_DEFAULTS, srcVocab: dates.src.size, tgtVocab: dates.tgt.size, dModel: 16, ffHidden: 16, maxLen: 32}, new Rng(3));
const sources = ["1 May 2020", "27 November 2026", "12 June 1999"];

function argmaxAt(Z: {cols: number; data: ArrayLike<number>}, r: number): number {
  let best = 0;
  for (let k = 1; k < Z.cols; k++) if (Z.data[r * Z.cols + k] > Z.data[r * Z.cols + best]) best = k;
  return best;
}

describe("greedyDecode", () => {
  it("writes, at every step, the argmax of the model run on <start> and what it wrote before", () => {
    const s = encodeSources(dates, sources);
    const g = greedyDecode(model, s.src, s.n, s.size, 8, s.srcLengths);
    const enc = model.encode(s.src, s.n, s.srcLengths);
    for (let b = 0; b < s.size; b++) {
      const ids = writtenIds(g, b);
      const yIn = Int32Array.from([START, ...ids.slice(0, -1)]);
      const sub = model.encode(s.src.subarray(b * s.n, (b + 1) * s.n), s.n, s.srcLengths ? [s.srcLengths[b]] : undefined);
      const Z = model.decode(sub, yIn, yIn.length).out.logits;
      ids.forEach((id, t) => expect(id).toBe(argmaxAt(Z, t)));
    }
    expect(enc.M.rows).toBe(s.size * s.n);
  });

  it("gives every source the same output alone as in a padded batch", () => {
    const s = encodeSources(dates, sources);
    expect(s.srcLengths).toBeDefined();
    const g = greedyDecode(model, s.src, s.n, s.size, 8, s.srcLengths);
    sources.forEach((src, b) => {
      const one = encodeSources(dates, [src]);
      const alone = greedyDecode(model, one.src, one.n, 1, 8, one.srcLengths);
      expect(writtenIds(alone, 0)).toEqual(writtenIds(g, b));
    });
  });

  it("stops at maxSteps, and keeps writing <end> after a sequence's <end>", () => {
    const s = encodeSources(dates, sources);
    const g = greedyDecode(model, s.src, s.n, s.size, 5, s.srcLengths);
    expect(g.steps).toBeLessThanOrEqual(5);
    expect(g.ys.length).toBe(s.size * g.steps);
    expect(g.dec.out.logits.rows).toBe(s.size * g.steps);
    for (let b = 0; b < s.size; b++) {
      const row = Array.from(g.ys.subarray(b * g.steps, (b + 1) * g.steps));
      const e = row.indexOf(END);
      if (e >= 0) expect(row.slice(e).every((y) => y === END)).toBe(true);
    }
  });
});
