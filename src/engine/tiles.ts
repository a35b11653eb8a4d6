/**
 * Register-blocked micro-kernels: each adds a small block of C = op(A)·op(B) into C,
 *   C[i + r, j + q] += Σ_p op(A)(i + r, p) · op(B)(p, j + q),
 * reading op(A)(i + r, p) at a[ai + r·ars + p·aps] and op(B)(p, j + q) at b[bj + p·bps + q·bcs]
 * (`ai`, `bj` are where the block starts, the strides say how A and B are laid out, see gemm.ts).
 *
 * Why blocks: in a plain triple loop each multiply–add costs two array reads. A 4×4 block keeps
 * its 16 sums in local variables (registers) and reads 4 numbers of A and 4 of B per step of p for
 * 16 multiply–adds: a quarter of the reads. In V8 every typed-array read also carries a bounds
 * check, an index computation and a float32→float64 conversion, so reads, not arithmetic, set the
 * speed. Measured (node 20, V8 11): 4×4, 3×4 and 4×3 blocks all reach ~5 GFLOP/s in float32 against
 * ~1.5–2 for the unblocked loops; bigger blocks (4×8, 8×8) spill their sums to the stack and gain
 * nothing, unrolling the p loop by two was slower, and copying ("packing") A and B into contiguous
 * scratch first gained under 5%, so neither is done.
 *
 * The sums are plain JS numbers (float64) whatever the array type, so float32 products are summed
 * in double precision and rounded once, when added into C.
 */
import type {Arr} from "./mat.js";

/** A 4×4 block: 16 running sums; per step of p, 4 reads of A, 4 of B, 16 multiply–adds. */
export function tile4x4(a: Arr, b: Arr, c: Arr, ai: number, ars: number, aps: number, bj: number, bps: number, bcs: number, k: number, ci: number, n: number): void {
  // Offsets of rows 1–3 of the A block and columns 1–3 of the B block, computed once.
  const a1 = ars, a2 = 2 * ars, a3 = 3 * ars, b1 = bcs, b2 = 2 * bcs, b3 = 3 * bcs;
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  // pa, pb walk down the k dimension by adding strides (no multiplication per step).
  for (let p = 0, pa = ai, pb = bj; p < k; p++, pa += aps, pb += bps) {
    const x0 = a[pa], x1 = a[pa + a1], x2 = a[pa + a2], x3 = a[pa + a3]; // column p of the A block
    // One B value at a time, used four times: fewer numbers live at once than reading all four
    // first (it measured the same, and needs fewer registers).
    let y = b[pb];
    c00 += x0 * y; c10 += x1 * y; c20 += x2 * y; c30 += x3 * y;
    y = b[pb + b1];
    c01 += x0 * y; c11 += x1 * y; c21 += x2 * y; c31 += x3 * y;
    y = b[pb + b2];
    c02 += x0 * y; c12 += x1 * y; c22 += x2 * y; c32 += x3 * y;
    y = b[pb + b3];
    c03 += x0 * y; c13 += x1 * y; c23 += x2 * y; c33 += x3 * y;
  }
  let o = ci;
  c[o] += c00; c[o + 1] += c01; c[o + 2] += c02; c[o + 3] += c03;
  o += n;
  c[o] += c10; c[o + 1] += c11; c[o + 2] += c12; c[o + 3] += c13;
  o += n;
  c[o] += c20; c[o + 1] += c21; c[o + 2] += c22; c[o + 3] += c23;
  o += n;
  c[o] += c30; c[o + 1] += c31; c[o + 2] += c32; c[o + 3] += c33;
}

/** A 4×1 block (the right edge of C, and every matrix–vector product): 4 dot products at once. */
export function tile4x1(a: Arr, b: Arr, c: Arr, ai: number, ars: number, aps: number, bj: number, bps: number, k: number, ci: number, n: number): void {
  const a1 = ars, a2 = 2 * ars, a3 = 3 * ars;
  let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
  for (let p = 0, pa = ai, pb = bj; p < k; p++, pa += aps, pb += bps) {
    const y = b[pb]; // read once, used four times
    c0 += a[pa] * y;
    c1 += a[pa + a1] * y;
    c2 += a[pa + a2] * y;
    c3 += a[pa + a3] * y;
  }
  c[ci] += c0;
  c[ci + n] += c1;
  c[ci + 2 * n] += c2;
  c[ci + 3 * n] += c3;
}

/** A 1×4 block (the bottom edge of C, and a batch of one): one row of A against four columns of B. */
export function tile1x4(a: Arr, b: Arr, c: Arr, ai: number, aps: number, bj: number, bps: number, bcs: number, k: number, ci: number): void {
  const b1 = bcs, b2 = 2 * bcs, b3 = 3 * bcs;
  let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
  for (let p = 0, pa = ai, pb = bj; p < k; p++, pa += aps, pb += bps) {
    const x = a[pa]; // read once, used four times
    c0 += x * b[pb];
    c1 += x * b[pb + b1];
    c2 += x * b[pb + b2];
    c3 += x * b[pb + b3];
  }
  c[ci] += c0;
  c[ci + 1] += c1;
  c[ci + 2] += c2;
  c[ci + 3] += c3;
}

/** A single entry (the bottom-right corner of C): a strided dot product, two partial sums to overlap the additions. */
export function tile1x1(a: Arr, b: Arr, c: Arr, ai: number, aps: number, bj: number, bps: number, k: number, ci: number): void {
  let s0 = 0, s1 = 0;
  let p = 0, pa = ai, pb = bj;
  for (; p + 1 < k; p += 2, pa += 2 * aps, pb += 2 * bps) {
    s0 += a[pa] * b[pb];
    s1 += a[pa + aps] * b[pb + bps];
  }
  if (p < k) s0 += a[pa] * b[pb];
  c[ci] += s0 + s1;
}
