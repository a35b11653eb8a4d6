/**
 * The arithmetic of the chapter-5 look-up figure (no DOM): points in the plane, moved by the
 * pointer or the arrow keys and kept inside the drawn square, and the vectors sent to the model.
 * When the reader sets a dimension d > 2, the query and every key carry d − 2 more components
 * that are not drawn: fixed numbers drawn from N(0, 1) with a seed, so that q · k has the
 * variance d that Vaswani et al. (2017, footnote 4) describe, while the reader still drags the
 * first two.
 */
import {Rng} from "../src/engine/rng.js";

export interface Point2 {
  x: number;
  y: number;
}

export interface QkvPoints {
  query: Point2;
  keys: Point2[];
  values: Point2[];
}

/** The plane shows [−extent, extent]² (the same for keys and values). */
export const EXTENT = 2.5;

export function clampPoint(p: Point2, extent = EXTENT): Point2 {
  const c = (v: number) => (Number.isFinite(v) ? Math.max(-extent, Math.min(extent, v)) : 0);
  return {x: c(p.x), y: c(p.y)};
}

/** The point moved by an arrow key (0.1, or 0.5 with Shift), or null for any other key. */
export function nudge(p: Point2, key: string, shift: boolean, extent = EXTENT): Point2 | null {
  const step = shift ? 0.5 : 0.1;
  const moves: Record<string, [number, number]> = {ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step]};
  const m = moves[key];
  if (!m) return null;
  const round = (v: number) => Math.round(v * 100) / 100;
  return clampPoint({x: round(p.x + m[0]), y: round(p.y + m[1])}, extent);
}

/** Side of each square panel and whether the two panels sit side by side, for a figure `width` wide. */
export function panelSize(width: number): {size: number; sideBySide: boolean} {
  const sideBySide = width >= 560;
  const size = Math.max(200, Math.min(360, sideBySide ? Math.floor((width - 16) / 2) : width));
  return {size, sideBySide};
}

/** `count` rows of `length` N(0, 1) numbers from `seed`: the undrawn components. */
export function hiddenComponents(count: number, length: number, seed: number): number[][] {
  const rng = new Rng(seed);
  return Array.from({length: count}, () => Array.from({length}, () => rng.normal()));
}

/** (x, y, then the first d − 2 hidden components): a d-vector, d ≥ 2. */
export function fullVector(p: Point2, hidden: readonly number[], d: number): number[] {
  if (!(Number.isInteger(d) && d >= 2)) throw new Error(`fullVector: d must be a whole number ≥ 2, got ${d}`);
  if (hidden.length < d - 2) throw new Error(`fullVector: ${hidden.length} hidden components for d = ${d}`);
  return [p.x, p.y, ...hidden.slice(0, d - 2)];
}

/** The default layout: a query near the first key, four keys, four values spread out. */
export function defaultPoints(): QkvPoints {
  return {
    query: {x: 1.2, y: 0.6},
    keys: [{x: 1.5, y: 0.4}, {x: -0.4, y: 1.6}, {x: -1.3, y: -0.7}, {x: 0.5, y: -1.5}],
    values: [{x: -1.6, y: 1.3}, {x: 1.4, y: 1.6}, {x: -1.1, y: -1.6}, {x: 1.5, y: -1.0}]
  };
}
