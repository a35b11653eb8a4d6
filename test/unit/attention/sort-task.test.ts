import {describe, expect, it} from "vitest";
import {BOS, PAD, charVocab, encodeChars} from "../../../src/models/attention/char-vocab.js";
import {SORT_ALPHABET, followPointers, packBatch, sortBatch, successorTargets} from "../../../src/models/attention/sort-task.js";
import {maskedCrossEntropy} from "../../../src/models/attention/masked-cross-entropy.js";
import {fromRows} from "../../../src/engine/index.js";
import {Rng} from "./helpers.js";

const vocab = charVocab(SORT_ALPHABET);
const sym = (ids: number[]) => ids.map((i) => vocab.symbols[i]).join("|");

describe("character tokens", () => {
  it("⟨s⟩ first, lower-cased, unknown characters left out with a message", () => {
    const e = encodeChars(vocab, "Hi, Bob!");
    expect(e.tokens).toEqual(["⟨s⟩", "h", "i", " ", "b", "o", "b"]);
    expect(e.unknown).toEqual([",", "!"]);
    expect(e.message).toBe('Left out 2 characters the model does not know: ",", "!".');
    expect(encodeChars(vocab, "abc").message).toBeNull();
  });
  it("cuts after maxLen and says so; an empty text says there is nothing to read", () => {
    const e = encodeChars(vocab, "abcdef", {maxLen: 4});
    expect(e.tokens).toEqual(["⟨s⟩", "a", "b", "c", "d"]);
    expect(e.message).toBe("Kept the first 4 characters (2 more cut).");
    expect(encodeChars(vocab, "123").message).toMatch(/No character left/);
  });
  it("the reserved symbols cannot be typed in; ids follow the sorting order, space first", () => {
    expect(encodeChars(vocab, "⟨s⟩").ids).toEqual([BOS, vocab.ids.get("s")]);
    expect([vocab.ids.get(" "), vocab.ids.get("a"), vocab.ids.get("z")]).toEqual([2, 3, 28]);
  });
});

describe("sorting by pointers", () => {
  it("each token names the next symbol above it; the largest names ⟨s⟩; ⟨s⟩ names the smallest", () => {
    const ids = encodeChars(vocab, "bada").ids;
    expect(sym(successorTargets(ids))).toBe("a|d|b|⟨s⟩|b");
    expect(sym(successorTargets(encodeChars(vocab, "hello world").ids))).toBe(" |l|h|o|o|r|d|⟨s⟩|r|w|o|e");
  });
  it("following the pointers from ⟨s⟩ reads the symbols sorted", () => {
    const ids = encodeChars(vocab, "hello world").ids;
    expect(sym(followPointers(ids, successorTargets(ids)))).toBe(" |d|e|h|l|o|r|w");
    expect(followPointers([BOS, 5, 6], [6, BOS, BOS])).toEqual([6]); // stops at ⟨s⟩
    expect(followPointers([BOS, 5], [9, BOS])).toEqual([9]); // stops at a symbol that is not there
  });
  it("packBatch pads with ⟨pad⟩ (no target) and records the lengths", () => {
    const b = packBatch([[BOS, 4, 3], [BOS, 3]]);
    expect(Array.from(b.tokens)).toEqual([BOS, 4, 3, BOS, 3, PAD]);
    expect(Array.from(b.targets)).toEqual([3, BOS, 4, 3, BOS, -1]);
    expect(b.lengths).toEqual([3, 2]);
  });
  it("random batches: lengths in range, 2 … maxDistinct symbols per sentence", () => {
    const symbols = Array.from({length: 27}, (_, i) => i + 2);
    const b = sortBatch(new Rng(1), {batch: 100, minLen: 4, maxLen: 20, maxDistinct: 6, symbols});
    for (let s = 0; s < 100; s++) {
      const L = b.lengths[s];
      expect(L >= 5 && L <= 21).toBe(true);
      const distinct = new Set(Array.from(b.tokens.subarray(s * b.seqLen + 1, s * b.seqLen + L)));
      expect(distinct.size >= 1 && distinct.size <= 6).toBe(true);
    }
  });
});

describe("masked cross-entropy", () => {
  it("skips rows with target −1 and averages over the rest", () => {
    const Z = fromRows([[0, 0], [Math.log(3), 0], [5, 5]], "float64");
    const dZ = fromRows([[9, 9], [9, 9], [9, 9]], "float64");
    const r = maskedCrossEntropy(Z, [-1, 1, 0], dZ);
    expect(r.count).toBe(2);
    expect(r.loss).toBeCloseTo((Math.log(4) + Math.log(2)) / 2, 14);
    expect(Array.from(dZ.data.subarray(0, 2))).toEqual([0, 0]);
    expect(dZ.data[2]).toBeCloseTo(0.75 / 2, 14);
    expect(r.correct).toBe(1); // row 2 ties: argmax is the first, class 0
  });
});
