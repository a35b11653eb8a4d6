/**
 * Where one pixel looks: β_j = row j of SAGAN's attention over a picture (sagan.ts), as an H×W map.
 * The pixels enter centred, x = pixel − ½, so a dot product is large for alike colours. Two
 * choices of weights:
 *   "similarity"  W_f = W_g = √k·I, W_h = W_v = I:  s_ij = k·x_iᵀx_j, so a pixel looks at pixels of
 *                 its own colour wherever they are (k is the sharpness)
 *   "random"      seeded Glorot weights, multiplied by √k (what an untrained layer does)
 * Either way the map covers the whole picture: unlike a 3×3 convolution, nothing limits how far a
 * pixel can look.
 */
import {mat} from "../../engine/index.js";
import {Rng} from "../../engine/rng.js";
import type {Picture} from "./images.js";
import {SaganAttention} from "./sagan.js";

export interface PixelAttentionOptions {
  weights: "similarity" | "random";
  /** k (default 8). */
  sharpness?: number;
  /** Seed of the random weights. */
  seed?: number;
}

export interface PixelAttention {
  height: number;
  width: number;
  /** β_j for the chosen pixel j, H·W weights summing to 1, row by row. */
  map: Float32Array;
  /** The pixel's own weight and the largest weight anywhere. */
  self: number;
  max: number;
}

/** The SAGAN layer with the chosen weights, for a picture with `channels` channels. */
export function pixelAttentionLayer(channels: number, {weights, sharpness = 8, seed = 1}: PixelAttentionOptions): SaganAttention {
  const layer = new SaganAttention({channels, inner: channels, gamma: 1}, new Rng(seed));
  const k = Math.sqrt(sharpness);
  for (const p of [layer.Wf, layer.Wg, layer.Wh, layer.Wv]) {
    const w = p.value.data;
    if (weights === "similarity") for (let i = 0; i < w.length; i++) w[i] = i % (channels + 1) === 0 ? 1 : 0;
    if (p === layer.Wf || p === layer.Wg) for (let i = 0; i < w.length; i++) w[i] *= k;
  }
  return layer;
}

/** β for pixel (row, col) of the picture. */
export function pixelAttention(pic: Picture, row: number, col: number, opts: PixelAttentionOptions): PixelAttention {
  const {height: H, width: W, channels: C} = pic;
  if (!(row >= 0 && row < H && col >= 0 && col < W)) throw new Error(`pixelAttention: pixel (${row}, ${col}) outside ${H}×${W}`);
  const X = mat(H * W, C); // pixels as tokens: (N, C)
  for (let i = 0; i < X.data.length; i++) X.data[i] = pic.data[i] - 0.5;
  const j = row * W + col;
  const beta = pixelAttentionLayer(C, opts).forward(X, H * W).att.A; // (N, N)
  const map = Float32Array.from(beta.data.subarray(j * H * W, (j + 1) * H * W));
  return {height: H, width: W, map, self: map[j], max: Math.max(...map)};
}
