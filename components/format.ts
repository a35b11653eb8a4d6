/**
 * Number and token formatting shared by the views (no DOM). Negative numbers use the true minus
 * sign (U+2212) so columns of figures line up and read like the equations.
 */

const MINUS = "\u2212";

function minus(s: string): string {
  return s.replace(/-/g, MINUS);
}

/** Drops trailing zeros after a decimal point: "0.500" → "0.5", "2.000" → "2". */
function trimZeros(s: string): string {
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

/**
 * A short, readable number: `digits` significant digits, exponent form outside [1e-3, 1e5),
 * ∞ and NaN spelled out. 0.000123 → "1.23e−4", 12345.6 → "12346", −0.5 → "−0.5".
 */
export function formatNumber(x: number, digits = 3): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "∞";
  if (x === -Infinity) return MINUS + "∞";
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-3) {
    const [mantissa, exponent] = x.toExponential(Math.max(0, digits - 1)).split("e");
    return minus(`${trimZeros(mantissa)}e${exponent.replace("+", "")}`);
  }
  if (a >= 10 ** digits) return minus(String(Math.round(x)));
  return minus(trimZeros(x.toPrecision(digits)));
}

/**
 * A formatter for a column or table of numbers: one shared number of decimals chosen from the
 * largest magnitude, so entries align; exponent form when the magnitudes call for it.
 */
export function tableFormatter(values: ArrayLike<number>, digits = 3): (x: number) => string {
  let maxAbs = 0;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]);
    if (Number.isFinite(a) && a > maxAbs) maxAbs = a;
  }
  if (maxAbs === 0) return (x) => (Number.isFinite(x) ? (x === 0 ? "0" : formatNumber(x, digits)) : formatNumber(x));
  if (maxAbs >= 1e5 || maxAbs < 1e-3) return (x) => formatNumber(x, digits);
  const decimals = Math.min(6, Math.max(0, digits - 1 - Math.floor(Math.log10(maxAbs))));
  return (x) => (Number.isFinite(x) ? minus(x.toFixed(decimals)).replace(/^−(0\.?0*)$/, "$1") : formatNumber(x));
}

/** An integer with thousands separators: 12345 → "12,345". */
const grouped = new Intl.NumberFormat("en-US", {maximumFractionDigits: 0});

export function formatCount(n: number): string {
  return Number.isFinite(n) ? grouped.format(Math.round(n)) : formatNumber(n);
}

/** A token made visible on an axis: space → "␣", newline → "↵", tab → "⇥", other controls → U+XXXX. */
export function visibleToken(token: string): string {
  if (token === "") return "∅";
  if (token === " ") return "␣";
  if (token === "\n") return "↵";
  if (token === "\t") return "⇥";
  if (token.length === 1 && token.charCodeAt(0) < 32) return `U+${token.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
  return token;
}

/** A readable name for a token: "space", "newline", a single character in quotes, else the token. */
export function spokenToken(token: string): string {
  if (token === " ") return "space";
  if (token === "\n") return "newline";
  if (token === "\t") return "tab";
  return token.length === 1 && !/[0-9]/.test(token) ? `“${visibleToken(token)}”` : visibleToken(token);
}
