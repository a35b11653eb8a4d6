import {describe, expect, it} from "vitest";
import {Rng} from "../../../src/engine/index.js";
import {makeBatch, sampleBatch} from "../../../src/models/seq2seq/batch.js";
import {dates, daysIn, parseLong} from "../../../src/models/seq2seq/dates.js";
import {reverse} from "../../../src/models/seq2seq/reverse.js";
import {splitOf} from "../../../src/models/seq2seq/task.js";
import {END, PAD, START, Vocab} from "../../../src/models/seq2seq/vocab.js";

describe("vocabulary", () => {
  it("puts the specials first and round-trips text", () => {
    const v = new Vocab("ab");
    expect(v.tokens).toEqual(["<pad>", "<start>", "<end>", "a", "b"]);
    expect(v.encode("abba")).toEqual([3, 4, 4, 3, END]);
    expect(v.decode([3, 4, END, 3])).toBe("ab");
    expect(v.decode([START, 4, PAD])).toBe("b");
    expect(() => v.encode("abc")).toThrow('"c" is not in the vocabulary');
  });
});

describe("dates task", () => {
  it("rewrites dates and knows the calendar", () => {
    expect(dates.reference("27 November 2026")).toBe("2026-11-27");
    expect(dates.reference("1 May 1999")).toBe("1999-05-01");
    expect(daysIn(2, 2000)).toBe(29);
    expect(daysIn(2, 1900)).toBe(28);
    expect(daysIn(2, 2024)).toBe(29);
    expect(daysIn(4, 2026)).toBe(30);
  });

  it("samples valid pairs of any requested length, in the asked split", () => {
    const rng = new Rng(3);
    for (const length of dates.lengths()) {
      for (let k = 0; k < 20; k++) {
        const split = k % 2 ? "train" : "heldout";
        const p = dates.sample(rng, split, length);
        expect(p.src.length).toBe(length);
        expect(splitOf(p.src)).toBe(split);
        expect(dates.check(p.src)).toEqual({ok: true, text: p.src});
        expect(p.tgt).toBe(dates.reference(p.src));
      }
    }
    expect(() => dates.sample(rng, "train", 9)).toThrow("no date is written with 9 characters");
  });

  it("keeps about one source in ten out of training", () => {
    const rng = new Rng(5);
    const seen = Array.from({length: 4000}, () => dates.sample(rng, "train").src);
    expect(seen.every((s) => splitOf(s) === "train")).toBe(true);
    const all = Array.from({length: 4000}, (_, k) => `${1 + (k % 28)} March ${1000 + k}`);
    const share = all.filter((s) => splitOf(s) === "heldout").length / all.length;
    expect(share).toBeGreaterThan(0.08);
    expect(share).toBeLessThan(0.12);
  });

  it("normalises what it can and says what is wrong with the rest", () => {
    expect(dates.check("  3   june  2001 ")).toEqual({ok: true, text: "3 June 2001"});
    expect(dates.check("03 June 2001")).toEqual({ok: true, text: "3 June 2001"});
    const message = (s: string) => {
      const c = dates.check(s);
      return c.ok ? "" : c.message;
    };
    expect(message("")).toMatch(/Type a date/);
    expect(message("2026-11-27")).toMatch(/not a date written as day, month name, year/);
    expect(message("27 Novembre 2026")).toMatch(/"Novembre" is not a month name/);
    expect(message("27 Nov 2026")).toMatch(/write the month in full/);
    expect(message("27 November 3026")).toMatch(/from 1000 to 2999/);
    expect(message("27 November 26")).toMatch(/four digits/);
    expect(message("31 April 2026")).toBe("April 2026 has no day 31.");
    expect(message("29 February 2023")).toBe("February 2023 has no day 29.");
    expect(message("0 March 2026")).toBe("March 2026 has no day 0.");
    expect(typeof parseLong("29 February 2024")).toBe("object");
  });

  it("aligns the year digit for digit, the month to its name and the day to its field", () => {
    //  positions: 0 1 2   3…10     11 12…15 16
    //             2 7 ␣ November ␣ 2 0 2 6 <end>
    expect(dates.alignment("27 November 2026")).toEqual([
      [12], [13], [14], [15], [], [3, 4, 5, 6, 7, 8, 9, 10], [3, 4, 5, 6, 7, 8, 9, 10], [], [0, 1], [0, 1], []
    ]);
    //  5 ␣ M a y ␣ 1 9 9 9
    expect(dates.alignment("5 May 1999")).toEqual([[6], [7], [8], [9], [], [2, 3, 4], [2, 3, 4], [], [0, 1], [0], []]);
  });
});

describe("reverse task", () => {
  it("reverses, samples lengths beyond training, and validates", () => {
    expect(reverse.reference("attention")).toBe("noitnetta");
    const p = reverse.sample(new Rng(1), "heldout", 20);
    expect(p.src).toHaveLength(20);
    expect(splitOf(p.src)).toBe("heldout");
    expect(p.tgt).toBe([...p.src].reverse().join(""));
    expect(reverse.check(" Hello ")).toEqual({ok: true, text: "hello"});
    expect(reverse.check("héllo")).toEqual({ok: false, message: 'Only the letters a–z can be reversed; "é" cannot.'});
    expect(reverse.check("a".repeat(25))).toMatchObject({ok: false, message: expect.stringMatching(/at most 24 letters/)});
    expect(reverse.alignment("abc")).toEqual([[2], [1], [0], []]);
    expect(() => reverse.sample(new Rng(1), "train", 25)).toThrow("outside 1…24");
  });
});

describe("batches", () => {
  it("lays pairs out by position with <start>, <end> and padded targets", () => {
    const b = makeBatch(reverse, [{src: "ab", tgt: "ba"}, {src: "cd", tgt: "d"}]);
    const a = 3, bb = 4, c = 5, d = 6; // letter ids
    expect(b.src.map((x) => [...x])).toEqual([[a, c], [bb, d], [END, END]]);
    expect(b.yIn.map((x) => [...x])).toEqual([[START, START], [bb, d], [a, PAD]]);
    expect(b.yOut.map((x) => [...x])).toEqual([[bb, d], [a, END], [END, PAD]]);
    expect(() => makeBatch(reverse, [{src: "ab", tgt: "ba"}, {src: "c", tgt: "c"}])).toThrow("same length");
  });

  it("draws training batches of one source length within the training range", () => {
    const rng = new Rng(9);
    for (let k = 0; k < 20; k++) {
      const b = sampleBatch(reverse, rng, 8, "train");
      const n = b.src.length - 1;
      expect(n).toBeGreaterThanOrEqual(reverse.trainLengths[0]);
      expect(n).toBeLessThanOrEqual(reverse.trainLengths[1]);
      expect(b.pairs.every((p) => p.src.length === n)).toBe(true);
    }
  });
});
