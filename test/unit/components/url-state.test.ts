import {describe, expect, it} from "vitest";
import {formatUrlState, onGrid, param, parseUrlState, rejectedNote} from "../../../components/url-state.js";

const TABLE = {
  hidden: param.integer(64, 8, 128),
  lr: param.number(0.003, 1e-5, 1),
  cell: param.choice("lstm", ["rnn", "lstm"] as const),
  text: param.text("hello", 20),
  positions: param.flag(true)
};

describe("URL state", () => {
  it("an empty address gives the defaults, and the defaults give an empty address", () => {
    const read = parseUrlState(TABLE, "");
    expect(read).toEqual({state: {hidden: 64, lr: 0.003, cell: "lstm", text: "hello", positions: true}, rejected: []});
    expect(formatUrlState(TABLE, read.state)).toBe("");
  });

  it("round-trips every kind, emoji and other scripts included", () => {
    const state = {hidden: 32, lr: 0.000316, cell: "rnn" as "rnn" | "lstm", text: "naïve 猫 🐈 & a=b", positions: false};
    const search = formatUrlState(TABLE, state);
    expect(search.startsWith("?")).toBe(true);
    expect(parseUrlState(TABLE, search)).toEqual({state, rejected: []});
  });

  it("leaves out only the values equal to their defaults", () => {
    expect(formatUrlState(TABLE, {hidden: 32, lr: 0.003, cell: "lstm", text: "hello", positions: true})).toBe("?hidden=32");
  });

  it("rejects what it cannot read, keeps the default, and says so", () => {
    const read = parseUrlState(TABLE, "?hidden=999&lr=NaN&cell=gru&positions=yes&text=" + "x".repeat(21));
    expect(read.state).toEqual(parseUrlState(TABLE, "").state);
    expect(read.rejected.map((r) => r.key)).toEqual(["hidden", "lr", "cell", "text", "positions"]);
    expect(rejectedNote(read.rejected)).toMatch(/^The address holds values this page cannot use: hidden="999" \(using 64\), lr="NaN" \(using 0\.003\)/);
    expect(rejectedNote([])).toBe("");
  });

  it("integers refuse fractions, exponents and blanks; numbers refuse blanks and infinities", () => {
    for (const s of ["32.5", "1e2", "", " ", "0x20"]) expect(param.integer(64, 8, 128).parse(s)).toBeUndefined();
    for (const s of ["", "Infinity", "-Infinity", "abc"]) expect(param.number(1, -1e9, 1e9).parse(s)).toBeUndefined();
    expect(param.number(1, 0, 10).parse("1e-1")).toBe(0.1);
  });

  it("a text too long for the address is left out of it, not cut", () => {
    expect(formatUrlState(TABLE, {...parseUrlState(TABLE, "").state, text: "y".repeat(50)})).toBe("");
  });
});

describe("URL state: narrowed and listed parameters", () => {
  it("param.where refuses what its test turns down, and onGrid accepts only a slider's steps", () => {
    const hidden = param.where(param.integer(64, 8, 256), onGrid(8));
    expect(hidden.parse("72")).toBe(72);
    expect(hidden.parse("70")).toBeUndefined();
    expect(hidden.parse("300")).toBeUndefined();
    expect(onGrid(0.25, 1)(1.75)).toBe(true);
    expect(onGrid(0.25, 1)(1.8)).toBe(false);
  });

  it("param.oneOf reads only the values offered, of any kind", () => {
    const heads = param.oneOf(2, [1, 2, 4, 8]);
    expect(heads.parse("4")).toBe(4);
    expect(heads.parse("3")).toBeUndefined();
    expect(heads.format(8)).toBe("8");
  });
});
