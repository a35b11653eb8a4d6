/**
 * When a live chart rescales (no DOM). The x-domain grows in jumps of ×1.5 (rounded to a nice
 * number), so a run of n steps rescales O(log n) times; the y-domain only widens, to the padded,
 * nice extent of the data and the reference lines.
 */
import * as d3 from "d3";

/** The x-domain to use once a point at `x` has arrived (the same array when no change is needed). */
export function growX(domain: [number, number], x: number): [number, number] {
  if (x <= domain[1]) return domain;
  const span = x - domain[0];
  const upper = d3.scaleLinear().domain([0, span * 1.5]).nice(5).domain()[1];
  return [domain[0], domain[0] + upper];
}

/** A padded, nice y-domain around [min, max] (both finite, min ≤ max); positive for a log scale. */
export function niceY(min: number, max: number, log: boolean): [number, number] {
  if (log) {
    const lo = min === max ? min / 2 : min, hi = min === max ? max * 2 : max;
    const [a, b] = d3.scaleLog().domain([lo, hi]).nice().domain();
    return [a, b];
  }
  const pad = min === max ? Math.abs(min) * 0.1 || 1 : (max - min) * 0.05;
  const [a, b] = d3.scaleLinear().domain([min - pad, max + pad]).nice(5).domain();
  return [min >= 0 && a < 0 ? 0 : a, b];
}

/** True when [min, max] no longer fits inside `domain`. */
export function outside(domain: [number, number], min: number, max: number): boolean {
  return min < domain[0] || max > domain[1];
}
