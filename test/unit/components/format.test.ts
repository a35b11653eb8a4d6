import {describe, expect, it} from "vitest";
import {formatCount, formatNumber, spokenToken, tableFormatter, visibleToken} from "../../../components/format.js";

describe("formatNumber", () => {
  it("writes three significant digits with a true minus sign", () => {
    expect(formatNumber(0.123456)).toBe("0.123");
    expect(formatNumber(-2.5)).toBe("−2.5");
    expect(formatNumber(12.345)).toBe("12.3");
    expect(formatNumber(1234.5)).toBe("1235");
    expect(formatNumber(1)).toBe("1");
  });
  it("switches to exponent form for very small and very large magnitudes", () => {
    expect(formatNumber(0.000123)).toBe("1.23e−4");
    expect(formatNumber(-4.2e-7)).toBe("−4.2e−7");
    expect(formatNumber(123456)).toBe("1.23e5");
    expect(formatNumber(1e-3)).toBe("0.001");
  });
  it("spells out zero, infinities and NaN", () => {
    expect(formatNumber(0)).toBe("0");
    expect(formatNumber(Infinity)).toBe("∞");
    expect(formatNumber(-Infinity)).toBe("−∞");
    expect(formatNumber(NaN)).toBe("NaN");
  });
  it("honours the number of digits", () => {
    expect(formatNumber(Math.PI, 5)).toBe("3.1416");
    expect(formatNumber(Math.PI, 1)).toBe("3");
  });
});

describe("tableFormatter", () => {
  it("gives every entry the decimals the largest magnitude needs", () => {
    const f = tableFormatter([0.5, -0.123, 0.0049]);
    expect([0.5, -0.123, 0.0049].map(f)).toEqual(["0.500", "−0.123", "0.005"]);
    const g = tableFormatter([12.5, 3]);
    expect([12.5, 3].map(g)).toEqual(["12.5", "3.0"]);
  });
  it("does not print a negative zero and passes non-finite values through", () => {
    const f = tableFormatter([1, -0.00001]);
    expect(f(-0.00001)).toBe("0.00");
    expect(f(NaN)).toBe("NaN");
    expect(f(-Infinity)).toBe("−∞");
  });
  it("falls back to exponent form for tiny or huge columns", () => {
    expect(tableFormatter([1e-6, 2e-6])(1e-6)).toBe("1e−6");
    expect(tableFormatter([0, 0])(0)).toBe("0");
  });
});

describe("tokens and counts", () => {
  it("makes invisible tokens visible and speakable", () => {
    expect([" ", "\n", "\t", "", "a", "\u0001"].map(visibleToken)).toEqual(["␣", "↵", "⇥", "∅", "a", "U+0001"]);
    expect(spokenToken(" ")).toBe("space");
    expect(spokenToken("q")).toBe("“q”");
    expect(spokenToken("7")).toBe("7");
    expect(spokenToken("the")).toBe("the");
  });
  it("groups thousands", () => {
    expect(formatCount(1234567)).toBe("1,234,567");
    expect(formatCount(12.6)).toBe("13");
  });
});
