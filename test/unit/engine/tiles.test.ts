import {describe, expect, it} from "vitest";
import {tile1x1, tile1x4, tile4x1, tile4x4} from "../../../src/engine/tiles.js";
import {Rng} from "../../../src/engine/rng.js";
import {DTYPES, maxAbsDiff, randomVec} from "./helpers.js";

/**
 * Each tile adds an R×C block Σ_p a[ai + r·ars + p·aps] · b[bj + p·bps + q·bcs] into c[ci + r·n + q].
 * The operands sit inside bigger buffers at odd offsets and strides, and C starts non-zero, so a tile
 * that reads or writes one element too far, or overwrites instead of adding, is caught.
 */
const layouts = [
  {name: "A rows, B rows", ars: 11, aps: 1, bps: 9, bcs: 1},
  {name: "A columns, B columns", ars: 1, aps: 7, bps: 1, bcs: 13},
  {name: "A columns, B rows", ars: 1, aps: 5, bps: 6, bcs: 1}
];

function check(R: number, C: number, run: (s: {a: Float64Array | Float32Array; b: Float64Array | Float32Array; c: Float64Array | Float32Array; ai: number; bj: number; ci: number; n: number; k: number; ars: number; aps: number; bps: number; bcs: number}) => void): void {
  const rng = new Rng(R * 10 + C);
  for (const dtype of DTYPES) for (const L of layouts) for (const k of [0, 1, 2, 5, 16]) {
    const ai = 3, bj = 2, ci = 4, n = 9;
    const a = randomVec(rng, ai + 4 * L.ars + (k + 1) * L.aps + 20, dtype);
    const b = randomVec(rng, bj + (k + 1) * L.bps + 4 * L.bcs + 20, dtype);
    const c = randomVec(rng, ci + 4 * n + 8, dtype);
    const expected = Float64Array.from(c);
    for (let r = 0; r < R; r++) for (let q = 0; q < C; q++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[ai + r * L.ars + p * L.aps] * b[bj + p * L.bps + q * L.bcs];
      expected[ci + r * n + q] += s;
    }
    run({a, b, c, ai, bj, ci, n, k, ...L});
    const tol = dtype === "float32" ? 1e-5 : 1e-14;
    if (!(maxAbsDiff(c, expected) <= tol)) throw new Error(`${R}×${C} ${dtype} ${L.name} k=${k}: error ${maxAbsDiff(c, expected)}`);
  }
}

describe("micro-kernels add their block into C and touch nothing else", () => {
  it("tile4x4", () => check(4, 4, (s) => tile4x4(s.a, s.b, s.c, s.ai, s.ars, s.aps, s.bj, s.bps, s.bcs, s.k, s.ci, s.n)));
  it("tile4x1", () => check(4, 1, (s) => tile4x1(s.a, s.b, s.c, s.ai, s.ars, s.aps, s.bj, s.bps, s.k, s.ci, s.n)));
  it("tile1x4", () => check(1, 4, (s) => tile1x4(s.a, s.b, s.c, s.ai, s.aps, s.bj, s.bps, s.bcs, s.k, s.ci)));
  it("tile1x1", () => check(1, 1, (s) => tile1x1(s.a, s.b, s.c, s.ai, s.aps, s.bj, s.bps, s.k, s.ci)));
  it("exact: a 4×4 block of [1..16]·I adds the matrix itself", () => {
    const a = Float32Array.from({length: 16}, (_, i) => i + 1); // (4, 4) row-major
    const eye = Float32Array.from({length: 16}, (_, i) => (i % 5 === 0 ? 1 : 0));
    const c = new Float32Array(16).fill(1);
    tile4x4(a, eye, c, 0, 4, 1, 0, 4, 1, 4, 0, 4);
    expect(Array.from(c)).toEqual(Array.from(a, (v) => v + 1));
  });
});
