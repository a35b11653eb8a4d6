import {describe, expect, it} from "vitest";
import {UNKNOWN, Vocab} from "../../../src/text/vocab.js";
import {checkText, groupDigits} from "../../../src/text/check.js";
import {DEFAULT_TEXT} from "../../../src/text/default-text.js";

describe("Vocab", () => {
  it("orders characters by code point after the unknown id, whatever order they appear in", () => {
    const a = Vocab.fromText("cab");
    const b = Vocab.fromText("bca");
    expect(a.chars).toEqual([UNKNOWN, "a", "b", "c"]);
    expect(b.chars).toEqual(a.chars);
    expect(Array.from(a.encode("abcab"))).toEqual([1, 2, 3, 1, 2]);
    expect(a.decode([3, 1, 2])).toBe("cab");
  });

  it("treats an emoji (outside the BMP) as one character, not two UTF-16 units", () => {
    const v = Vocab.fromText("hi 🙂🙂!");
    expect(v.size).toBe(1 + 5); // unknown, " ", "!", "h", "i", "🙂"
    expect(v.encode("🙂").length).toBe(1);
    expect(v.decode(v.encode("hi 🙂!"))).toBe("hi 🙂!");
    expect(v.chars.at(-1)).toBe("🙂");
  });

  it("round-trips right-to-left scripts code point by code point", () => {
    const hebrew = "שלום עולם";
    const arabic = "مرحبا بالعالم";
    const v = Vocab.fromText(hebrew + arabic);
    expect(v.decode(v.encode(hebrew))).toBe(hebrew);
    expect(v.decode(v.encode(arabic))).toBe(arabic);
    expect(v.encode(hebrew).length).toBe(Array.from(hebrew).length);
    expect(v.encode(hebrew).every((id) => id > 0)).toBe(true);
  });

  it("maps unseen characters to the unknown id 0 and lists them", () => {
    const v = Vocab.fromText("abc");
    expect(Array.from(v.encode("abz☃"))).toEqual([1, 2, 0, 0]);
    expect(v.decode(v.encode("abz"))).toBe(`ab${UNKNOWN}`);
    expect(v.unseen("zabz☃")).toEqual(["z", "☃"]);
    expect(v.has("a")).toBe(true);
    expect(v.has(UNKNOWN)).toBe(false);
  });

  it("keeps the most frequent characters when capped, the rest reading as unknown", () => {
    const v = Vocab.fromText("aaaabbbccd", {maxSize: 3});
    expect(v.chars).toEqual([UNKNOWN, "a", "b"]);
    expect(v.dropped).toEqual(["c", "d"]);
    expect(Array.from(v.encode("abcd"))).toEqual([1, 2, 0, 0]);
  });

  it("restores from a list of characters and rejects repeats and bad ids", () => {
    const v = Vocab.fromChars(["x", "y"]);
    expect(v.chars).toEqual([UNKNOWN, "x", "y"]);
    expect(() => Vocab.fromChars(["x", "x"])).toThrow(/repeated/);
    expect(() => v.decode([7])).toThrow(/no character has id 7/);
  });
});

describe("checkText", () => {
  it("rejects empty, missing, single-character and one-letter texts with a reason", () => {
    expect(checkText("")).toMatchObject({ok: false, messages: [expect.stringMatching(/empty/)]});
    expect(checkText(undefined)).toMatchObject({ok: false, messages: [expect.stringMatching(/no text/)]});
    expect(checkText("🙂")).toMatchObject({ok: false, length: 1, messages: [expect.stringMatching(/single character/)]});
    expect(checkText("zzzz")).toMatchObject({ok: false, messages: [expect.stringMatching(/repeats one character \(“z”\)/)]});
  });

  it("cuts a long text to the cap and says so, counting code points", () => {
    const r = checkText("🙂a".repeat(150), {maxChars: 200});
    expect(r.ok).toBe(true);
    expect(r.length).toBe(200);
    expect(Array.from(r.text).length).toBe(200);
    expect(r.messages[0]).toBe("The text has 300 characters; only the first 200 are used.");
    expect(checkText("ab".repeat(150_000)).messages[0]).toMatch(/300 000 characters; only the first 200 000/);
  });

  it("warns about short texts, huge alphabets and the unknown sign; normalises line endings", () => {
    expect(checkText("hello there").messages[0]).toMatch(/very short \(11 characters\)/);
    const many = Array.from({length: 600}, (_, i) => String.fromCodePoint(0x4e00 + i)).join("");
    expect(checkText(many).messages.some((m) => /600 distinct characters; the 511 most frequent/.test(m))).toBe(true);
    expect(checkText(`ab${UNKNOWN}`).messages.some((m) => m.includes("unknown characters"))).toBe(true);
    expect(checkText("a\r\nb\rc").text).toBe("a\nb\nc");
    expect(checkText(DEFAULT_TEXT)).toMatchObject({ok: true, messages: []});
  });

  it("groups digits with spaces", () => {
    expect(groupDigits(200000)).toBe("200 000");
    expect(groupDigits(1234567)).toBe("1 234 567");
    expect(groupDigits(12)).toBe("12");
  });
});
