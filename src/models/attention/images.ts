/**
 * Small built-in pictures for the image self-attention figure, and the layout every image here
 * uses: H×W pixels with C channels in [0, 1], pixel (r, c) channel k at data[(r·W + c)·C + k] —
 * which is exactly the (N, C) matrix of pixels-as-tokens that SAGAN attends over.
 */
import type {Rng} from "../../engine/rng.js";

export interface Picture {
  height: number;
  width: number;
  channels: number;
  data: Float32Array;
}

export const BUILT_IN_PICTURES = ["circle", "two-squares", "stripes", "shapes"] as const;
export type BuiltInPicture = (typeof BUILT_IN_PICTURES)[number];

type RGB = [number, number, number];
const PALETTE: RGB[] = [[0.9, 0.2, 0.2], [0.2, 0.5, 0.9], [0.95, 0.8, 0.2], [0.3, 0.8, 0.4], [0.8, 0.4, 0.9]];

function fill(size: number, bg: RGB): Picture {
  const data = new Float32Array(size * size * 3);
  for (let i = 0; i < size * size; i++) data.set(bg, i * 3);
  return {height: size, width: size, channels: 3, data};
}

function paint(p: Picture, inside: (r: number, c: number) => boolean, colour: RGB): void {
  for (let r = 0; r < p.height; r++) for (let c = 0; c < p.width; c++) if (inside(r, c)) p.data.set(colour, (r * p.width + c) * 3);
}

/** One of the built-in pictures, `size`×`size` RGB; "shapes" draws 3–5 random shapes from `rng`. */
export function builtInPicture(kind: BuiltInPicture, size: number, rng: Rng): Picture {
  const p = fill(size, [0.1, 0.1, 0.15]);
  const s = size / 16;
  if (kind === "circle") paint(p, (r, c) => (r - 7.5 * s) ** 2 + (c - 7.5 * s) ** 2 <= (5 * s) ** 2, PALETTE[0]);
  else if (kind === "two-squares") {
    paint(p, (r, c) => r >= 2 * s && r < 6 * s && c >= 2 * s && c < 6 * s, PALETTE[2]);
    paint(p, (r, c) => r >= 10 * s && r < 14 * s && c >= 10 * s && c < 14 * s, PALETTE[2]);
    paint(p, (r, c) => r >= 10 * s && r < 14 * s && c >= 2 * s && c < 6 * s, PALETTE[1]);
  } else if (kind === "stripes") paint(p, (_, c) => Math.floor(c / (2 * s)) % 2 === 0, PALETTE[1]);
  else {
    const shapes = 3 + rng.int(3);
    for (let k = 0; k < shapes; k++) {
      const colour = PALETTE[rng.int(PALETTE.length)];
      const r0 = rng.uniform() * size, c0 = rng.uniform() * size, rad = (1.5 + rng.uniform() * 3) * s;
      if (rng.uniform() < 0.5) paint(p, (r, c) => (r - r0) ** 2 + (c - c0) ** 2 <= rad * rad, colour);
      else paint(p, (r, c) => Math.abs(r - r0) <= rad && Math.abs(c - c0) <= rad, colour);
    }
  }
  return p;
}

/** A picture from the reader's drawing: H·W grey levels in [0, 1] (one channel), row by row. */
export function drawnPicture(height: number, width: number, grey: ArrayLike<number>): Picture {
  if (grey.length !== height * width) throw new Error(`drawnPicture: ${grey.length} pixels for ${height}×${width}`);
  return {height, width, channels: 1, data: Float32Array.from(grey, (v) => Math.min(1, Math.max(0, v)))};
}
