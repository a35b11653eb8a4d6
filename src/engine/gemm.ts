/**
 * The one product routine behind matmul, matvec and matvecT:
 *   C (m, n) += op(A) (m, k) · op(B) (k, n),   C row-major,
 * where op(A)(i, p) = a[i·ars + p·aps] and op(B)(p, j) = b[p·bps + j·bcs]. Strides express every
 * layout backprop needs without copying a transpose:
 *   A stored (m, k):           ars = k, aps = 1      B stored (k, n):           bps = n, bcs = 1
 *   A stored (k, m), used Aᵀ:  ars = 1, aps = m      B stored (n, k), used Bᵀ:  bps = 1, bcs = k
 *
 * Three routes, first match wins:
 *   1. op(A) mostly zeros (one-hot inputs): visit only its nonzeros.
 *   2. Float32Array operands, WebAssembly SIMD available, and a shape where copying into the kernel's
 *      memory pays (see below): the SIMD kernel (simd-gemm.ts), ~10× the JS blocks from 64³ up.
 *   3. JS blocks: C is covered by 4×4 blocks, its right edge by 4×1 blocks, its bottom edge by 1×4
 *      blocks and the corner by single entries (tiles.ts says why blocks). This is the route for
 *      Float64Array (gradient checks), matrix–vector products and A·Bᵀ with 1–3 rows. There is no
 *      cache blocking: a block reads 4 rows of op(A) and a 4-column strip of op(B), a few kB that
 *      stay in cache, and speed measured flat from 64³ to 512³ (V8's per-read overhead, not
 *      memory, limits it).
 */
import type {Arr} from "./mat.js";
import {simdGemm} from "./simd-gemm.js";
import {tile1x1, tile1x4, tile4x1, tile4x4} from "./tiles.js";

export interface Strides {
  /** op(A)(i, p) is a[i·ars + p·aps]. */
  ars: number;
  aps: number;
  /** op(B)(p, j) is b[p·bps + j·bcs]. */
  bps: number;
  bcs: number;
}

/** c += op(A)·op(B); c must already hold zeros (or what to add to). */
export function gemm(a: Arr, b: Arr, c: Arr, m: number, k: number, n: number, strides: Strides): void {
  const {ars, aps, bps, bcs} = strides;
  if (mostlyZeros(a)) return gemmSparseA(a, b, c, m, k, n, strides);
  // SIMD unless C has under 4 columns (the 8-column blocks would be mostly padding), or op(B) = Bᵀ
  // with under 4 rows of A (transposing B into the kernel's memory would cost more than the product).
  if (n >= 4 && (bcs === 1 || m >= 4) && simdGemm(a, b, c, m, k, n, strides)) return;
  const m4 = m - (m % 4), n4 = n - (n % 4);
  // Row blocks outside, column blocks inside: the block's 4 rows of op(A) are reused across all of C's columns.
  for (let i = 0; i < m4; i += 4) {
    const ai = i * ars, ci = i * n;
    for (let j = 0; j < n4; j += 4) tile4x4(a, b, c, ai, ars, aps, j * bcs, bps, bcs, k, ci + j, n);
    for (let j = n4; j < n; j++) tile4x1(a, b, c, ai, ars, aps, j * bcs, bps, k, ci + j, n);
  }
  for (let i = m4; i < m; i++) {
    const ai = i * ars, ci = i * n;
    for (let j = 0; j < n4; j += 4) tile1x4(a, b, c, ai, aps, j * bcs, bps, bcs, k, ci + j);
    for (let j = n4; j < n; j++) tile1x1(a, b, c, ai, aps, j * bcs, bps, k, ci + j);
  }
}

/**
 * True when at most 1/8 of a's entries are nonzero. Gives up as soon as the nonzeros seen so far
 * are clearly more than that, so a dense matrix costs a handful of reads.
 */
export function mostlyZeros(a: Arr): boolean {
  let nnz = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== 0 && 8 * ++nnz > i + 64) return false;
  }
  return 8 * nnz <= a.length;
}

/** c += op(A)·op(B) visiting only op(A)'s nonzeros: row i of C gains a_ip · (row p of op(B)). */
function gemmSparseA(a: Arr, b: Arr, c: Arr, m: number, k: number, n: number, {ars, aps, bps, bcs}: Strides): void {
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    for (let p = 0; p < k; p++) {
      const v = a[i * ars + p * aps];
      if (v === 0) continue;
      const bp = p * bps;
      for (let j = 0; j < n; j++) c[ci + j] += v * b[bp + j * bcs];
    }
  }
}
