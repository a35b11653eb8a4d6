/**
 * Colour scales for heatmaps (no DOM). A value v goes to a position t ∈ [0, 1] and then to a colour:
 *   sequential  t = (v − lo) / (hi − lo)                 viridis or cividis
 *   log         t = (log v − log lo) / (log hi − log lo)  viridis or cividis, v > 0 only
 *   diverging   t = (v + m) / 2m,  m = max |v|            PuOr or RdBu, symmetric about 0
 * Values outside the domain are clipped to its ends. Values that cannot be placed (NaN, ±∞, and
 * v ≤ 0 on a log scale) never reach the interpolator: they are counted and drawn in MISSING_COLOR.
 */
import * as d3 from "d3";

export type Scheme = "viridis" | "cividis" | "PuOr" | "RdBu";
export type ScaleKind = "sequential" | "log" | "diverging";

export interface ColorOptions {
  /** Sequential schemes: viridis (default), cividis. Diverging schemes: PuOr, RdBu. */
  scheme?: Scheme;
  /** A logarithmic colour scale (sequential schemes only). */
  log?: boolean;
  /** A fixed domain [lo, hi]; by default the extent of the shown values (symmetric when diverging). */
  domain?: [number, number];
}

export interface ColorScale {
  kind: ScaleKind;
  scheme: Scheme;
  domain: [number, number];
  /** t ∈ [0, 1] for a value that can be shown, NaN otherwise. */
  normalize(v: number): number;
  /** The colour of a value (MISSING_COLOR for one that cannot be shown). */
  color(v: number): string;
  /** The colour at position t ∈ [0, 1]. */
  interpolate(t: number): string;
  /** Values that are NaN or ±∞. */
  nonFinite: number;
  /** Finite values ≤ 0 on a log scale. */
  nonPositive: number;
}

/** The grey for values that cannot be shown. */
export const MISSING_COLOR = "#a3a3a3";

const DIVERGING: ReadonlySet<Scheme> = new Set(["PuOr", "RdBu"]);

export function isDiverging(scheme: Scheme): boolean {
  return DIVERGING.has(scheme);
}

function interpolator(scheme: Scheme): (t: number) => string {
  switch (scheme) {
    case "cividis":
      return d3.interpolateCividis;
    case "PuOr":
      return d3.interpolatePuOr; // negative purple, positive orange
    case "RdBu":
      return (t) => d3.interpolateRdBu(1 - t); // negative blue, positive red
    default:
      return d3.interpolateViridis;
  }
}

/** Min and max of the values a scale of this kind can show, and how many it cannot. */
export function extentOf(data: ArrayLike<number>, kind: ScaleKind): {min: number; max: number; nonFinite: number; nonPositive: number} {
  let min = Infinity, max = -Infinity, nonFinite = 0, nonPositive = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v)) nonFinite++;
    else if (kind === "log" && v <= 0) nonPositive++;
    else {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return {min, max, nonFinite, nonPositive};
}

/** The domain to use when none is given; a single value gets a small interval around it. */
function autoDomain(kind: ScaleKind, min: number, max: number): [number, number] {
  if (min > max) return kind === "log" ? [1, 10] : kind === "diverging" ? [-1, 1] : [0, 1];
  if (kind === "diverging") {
    const m = Math.max(Math.abs(min), Math.abs(max)) || 1;
    return [-m, m];
  }
  if (min < max) return [min, max];
  if (kind === "log") return [min / 2, max * 2];
  const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
  return [min - pad, max + pad];
}

export function colorScale(data: ArrayLike<number>, {scheme = "viridis", log = false, domain}: ColorOptions = {}): ColorScale {
  const kind: ScaleKind = isDiverging(scheme) ? "diverging" : log ? "log" : "sequential";
  const {min, max, nonFinite, nonPositive} = extentOf(data, kind);
  const [lo, hi] = domain ?? autoDomain(kind, min, max);
  if (!(lo < hi) || (kind === "log" && lo <= 0)) throw new Error(`colorScale: bad domain [${lo}, ${hi}] for a ${kind} scale`);
  const interpolate = interpolator(scheme);
  const clip = (t: number) => (t < 0 ? 0 : t > 1 ? 1 : t);
  const llo = Math.log(lo), lhi = Math.log(hi);
  const normalize =
    kind === "log"
      ? (v: number) => (Number.isFinite(v) && v > 0 ? clip((Math.log(v) - llo) / (lhi - llo)) : NaN)
      : (v: number) => (Number.isFinite(v) ? clip((v - lo) / (hi - lo)) : NaN);
  return {
    kind,
    scheme,
    domain: [lo, hi],
    normalize,
    interpolate,
    color(v) {
      const t = normalize(v);
      return Number.isNaN(t) ? MISSING_COLOR : interpolate(t);
    },
    nonFinite,
    nonPositive: kind === "log" ? nonPositive : 0
  };
}

/** n colours sampled evenly over [0, 1] as RGBA bytes (for drawing many cells on a canvas). */
export function colorTable(scale: ColorScale, n = 256): Uint8ClampedArray {
  const out = new Uint8ClampedArray(4 * n);
  for (let i = 0; i < n; i++) {
    const c = d3.rgb(scale.interpolate(n === 1 ? 0 : i / (n - 1)));
    out.set([c.r, c.g, c.b, 255], 4 * i);
  }
  return out;
}

/** The note shown under a figure whose values could not all be coloured; null when all could. */
export function missingNote(scale: Pick<ColorScale, "nonFinite" | "nonPositive">): string | null {
  const parts: string[] = [];
  const n = scale.nonFinite, p = scale.nonPositive;
  if (n) parts.push(`${n} ${n === 1 ? "value was" : "values were"} not finite`);
  if (p) parts.push(`${p} ${p === 1 ? "value was" : "values were"} ≤ 0 on a log scale`);
  if (!parts.length) return null;
  return `${parts.join(" and ")} and ${n + p === 1 ? "is" : "are"} shown grey.`;
}
