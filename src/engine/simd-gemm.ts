/**
 * Float32 products on the WebAssembly SIMD kernel (simd-kernel.ts). The kernel reads A either way
 * round (by strides) but wants B row-major (k, n), and works in whole 4-row, 8-column blocks of C,
 * all in its own memory. So each call
 *   1. copies A in as it is, and op(B) row-major, transposing only for A·Bᵀ, with its rows padded
 *      to a multiple of 8 columns. Padding is never cleared: it only reaches rows and columns of the
 *      result that are not read back;
 *   2. runs the kernel;
 *   3. adds the m×n result into C.
 * The copies cost O(mk + kn + mn) against O(mkn) for the product. With fewer than 4 columns, most
 * of a block would be padding, so gemm keeps such products (matvec, matvecT) on its JS blocks.
 *
 * Where WebAssembly SIMD is missing (or for Float64Array, which gradient checks use) gemm falls
 * back to its JS blocks. useSimd(false) forces that fallback everywhere, e.g. to compare the two.
 */
import type {Arr} from "./mat.js";
import type {Strides} from "./gemm.js";
import {simdKernelBytes} from "./simd-kernel.js";

interface Kernel {
  gemm(a: number, b: number, c: number, m: number, k: number, n: number, aRow: number, aCol: number): void;
  memory: WebAssembly.Memory;
}

/** undefined until first needed; null where WebAssembly SIMD is unavailable. */
let kernel: Kernel | null | undefined;
let heap = new Float32Array(0);
let enabled = true;

function load(): Kernel | null {
  if (kernel === undefined) {
    try {
      const bytes = simdKernelBytes();
      // Synchronous compilation is allowed everywhere for a module this small (well under 4 kB).
      kernel = typeof WebAssembly === "object" && WebAssembly.validate(bytes) ? (new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as Kernel) : null;
    } catch {
      kernel = null;
    }
  }
  return kernel;
}

/** Turns the SIMD kernel on or off (when `on` is given); true when float32 products use it. */
export function useSimd(on?: boolean): boolean {
  if (on !== undefined) enabled = on;
  return enabled && load() !== null;
}

/** The kernel's memory as float32, grown to at least `floats` numbers. */
function memory(kernel: Kernel, floats: number): Float32Array {
  const bytes = 4 * floats, have = kernel.memory.buffer.byteLength;
  if (have < bytes) kernel.memory.grow(Math.ceil((bytes - have) / 65536));
  if (heap.buffer !== kernel.memory.buffer) heap = new Float32Array(kernel.memory.buffer); // growing replaces the buffer
  return heap;
}

/**
 * c += op(A)·op(B) (strides as in gemm.ts) when a, b and c are all Float32Array and SIMD is on;
 * returns false, having done nothing, otherwise.
 */
export function simdGemm(a: Arr, b: Arr, c: Arr, m: number, k: number, n: number, {ars, aps, bps, bcs}: Strides): boolean {
  if (!(a instanceof Float32Array && b instanceof Float32Array && c instanceof Float32Array) || !useSimd()) return false;
  const K = kernel!;
  const mp = Math.ceil(m / 4) * 4, np = Math.ceil(n / 8) * 8; // padded sizes
  // Float offsets, rounded up to multiples of 4 so vector reads are 16-byte aligned. The padding
  // rows of op(A) (m ≤ i < mp) read a little past A, into B: harmless, those rows are discarded.
  const aAt = 0, bAt = Math.ceil((m * k) / 4) * 4, cAt = bAt + k * np;
  const h = memory(K, cAt + mp * np);

  h.set(a.subarray(0, m * k), aAt);
  if (bcs !== 1) transposeInto(h, bAt, np, b, k, n); // B stored (n, k)
  else if (np === n) h.set(b.subarray(0, k * n), bAt); // already row-major (k, n)
  else for (let p = 0; p < k; p++) h.set(b.subarray(p * bps, p * bps + n), bAt + p * np); // pad each row

  K.gemm(4 * aAt, 4 * bAt, 4 * cAt, mp, k, np, 4 * ars, 4 * aps);

  for (let i = 0; i < m; i++) {
    const ci = i * n, hi = cAt + i * np;
    for (let j = 0; j < n; j++) c[ci + j] += h[hi + j];
  }
  return true;
}

/** h[at + p·stride + j] = b[j·k + p]: B (n, k) as Bᵀ (k, n), rows `stride` apart. */
function transposeInto(h: Float32Array, at: number, stride: number, b: Float32Array, k: number, n: number): void {
  // Four rows of B at a time, so each row of Bᵀ gets four neighbouring writes.
  let j = 0;
  for (; j + 3 < n; j += 4) {
    const s0 = j * k, s1 = s0 + k, s2 = s1 + k, s3 = s2 + k;
    for (let p = 0, d = at + j; p < k; p++, d += stride) {
      h[d] = b[s0 + p];
      h[d + 1] = b[s1 + p];
      h[d + 2] = b[s2 + p];
      h[d + 3] = b[s3 + p];
    }
  }
  for (; j < n; j++) for (let p = 0, d = at + j, s = j * k; p < k; p++, d += stride) h[d] = b[s + p];
}
