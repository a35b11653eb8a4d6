import {describe, expect, it} from "vitest";
import {simdKernelBytes} from "../../../src/engine/simd-kernel.js";
import {Rng} from "../../../src/engine/rng.js";

type Gemm = (a: number, b: number, c: number, m: number, k: number, n: number, aRow: number, aCol: number) => void;

function kernel(): {gemm: Gemm; mem: () => Float32Array} {
  const bytes = simdKernelBytes();
  expect(WebAssembly.validate(bytes)).toBe(true);
  expect(bytes.length).toBeLessThan(4096); // small enough to compile synchronously on a page's main thread
  const {gemm, memory} = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as {gemm: Gemm; memory: WebAssembly.Memory};
  return {gemm, mem: () => new Float32Array(memory.buffer)};
}

describe("SIMD kernel", () => {
  it("C = op(A)·B for A stored either way round, m ∈ 4ℕ, n ∈ 8ℕ, and it overwrites C", () => {
    const {gemm, mem} = kernel();
    const rng = new Rng(1);
    for (const [m, k, n] of [[4, 1, 8], [4, 3, 16], [12, 17, 8], [8, 40, 24]]) {
      for (const transposed of [false, true]) {
        const h = mem();
        const aAt = 0, bAt = m * k + 4, cAt = bAt + k * n;
        for (let i = 0; i < cAt; i++) h[i] = 2 * rng.uniform() - 1;
        h.fill(NaN, cAt, cAt + m * n); // stale C must not leak into the result
        const opA = (i: number, p: number) => (transposed ? h[aAt + p * m + i] : h[aAt + i * k + p]);
        gemm(4 * aAt, 4 * bAt, 4 * cAt, m, k, n, transposed ? 4 : 4 * k, transposed ? 4 * m : 4);
        let err = 0;
        for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
          let s = 0;
          for (let p = 0; p < k; p++) s += opA(i, p) * h[bAt + p * n + j];
          err = Math.max(err, Math.abs(s - h[cAt + i * n + j]));
        }
        expect(err, `${m}×${k}×${n} transposed=${transposed}`).toBeLessThan(1e-5);
      }
    }
  });
  it("exact: a 4×8 block with integer entries", () => {
    const {gemm, mem} = kernel();
    const h = mem();
    // A (4, 2) = [[1, 2], [3, 4], [5, 6], [7, 8]];  B (2, 8): row 0 all 1, row 1 = 0 … 7
    h.set([1, 2, 3, 4, 5, 6, 7, 8], 0);
    h.set([1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 2, 3, 4, 5, 6, 7], 8);
    gemm(0, 32, 96, 4, 2, 8, 8, 4);
    expect(Array.from(h.subarray(24, 56))).toEqual([0, 1, 2, 3].flatMap((r) => Array.from({length: 8}, (_, j) => 2 * r + 1 + (2 * r + 2) * j)));
  });
  it("does nothing when m or n is 0, and gives zeros when k is 0", () => {
    const {gemm, mem} = kernel();
    const h = mem();
    h.fill(7, 0, 64);
    gemm(0, 0, 0, 0, 3, 8, 12, 4);
    gemm(0, 0, 0, 4, 3, 0, 12, 4);
    expect(h[0]).toBe(7);
    gemm(0, 0, 0, 4, 0, 8, 0, 4);
    expect(Array.from(h.subarray(0, 32))).toEqual(new Array(32).fill(0));
    expect(h[32]).toBe(7);
  });
});
