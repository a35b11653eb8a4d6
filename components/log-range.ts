/**
 * Values for a logarithmic figure (no DOM). A gradient norm can be 0, 10⁻³⁰⁰, 10⁺³⁰⁰, ∞ or NaN;
 * a log axis can show none of the first and last of these, and a hundred decades read as nothing.
 * So every value is put into [lo, hi] (default 10⁻³⁰ … 10³⁰) and what was moved is counted,
 * for the page to say so:
 *   v < lo (0 and −∞ included)    → lo    counted in `below`
 *   v > hi, +∞, NaN               → hi    counted in `above` (in these models NaN is an overflow)
 * Entries that `skip(i)` marks are left NaN and not counted (e.g. pairs that are not defined).
 */
export const LOG_LO = 1e-30;
export const LOG_HI = 1e30;

export interface LogClipped {
  values: Float64Array;
  /** How many entries were raised to lo, and lowered (or, for NaN, set) to hi. */
  below: number;
  above: number;
}

export interface LogClipOptions {
  lo?: number;
  hi?: number;
  skip?: (i: number) => boolean;
}

export function clipLog(values: ArrayLike<number>, {lo = LOG_LO, hi = LOG_HI, skip}: LogClipOptions = {}): LogClipped {
  if (!(lo > 0 && lo < hi)) throw new Error(`clipLog: need 0 < lo < hi, not [${lo}, ${hi}]`);
  const out = new Float64Array(values.length);
  let below = 0, above = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (skip?.(i)) out[i] = NaN;
    else if (v < lo) (out[i] = lo), below++;
    else if (v > hi || Number.isNaN(v)) (out[i] = hi), above++;
    else out[i] = v;
  }
  return {values: out, below, above};
}
