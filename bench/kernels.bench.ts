/**
 * The engine's matmul and matvec against tf.matMul on TensorFlow.js's cpu and wasm backends, at the
 * chapters' sizes. Inputs are made once, outside the timed loop; a TensorFlow.js call is timed
 * through dataSync() of its result (so the work is really done and the result is where our kernels
 * leave theirs, in a typed array) and the result is disposed. Speed is 2·m·k·n flops over the time.
 * Columns: ours = the engine as pages run it (float32 products on the WebAssembly SIMD kernel, matrix–
 * vector products on JS blocks); ours-js = the same with useSimd(false), the JS blocks alone;
 * ÷cpu = (tfjs-cpu time) / (our time), so above 1 means ours is faster; likewise ÷wasm.
 */
import {mat, matmul, matvec, matvecT, useSimd, type Mat} from "../src/engine/index.js";
import {Rng} from "../src/engine/rng.js";
import {measure, printTable, tf, useBackend, type Backend} from "./harness.js";

type Layout = "NN" | "NT" | "TN";

interface Case {
  /** Label in the table. */
  name: string;
  /** op(A) is m×k, op(B) is k×n. */
  m: number;
  k: number;
  n: number;
  layout: Layout;
  /** "matvec" times matvec (NN, y = W·x) or matvecT (TN, y = Wᵀ·x) instead of matmul; m = 1 or n = 1. */
  kernel: "matmul" | "matvec";
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const s of [16, 32, 64, 128, 256]) {
    for (const layout of ["NN", "NT", "TN"] as Layout[]) out.push({name: `${s}³`, m: s, k: s, n: s, layout, kernel: "matmul"});
  }
  // Shapes from the chapters: a batch of 32 through a 64→256 layer (forward, dX, dW); one token through
  // a 128→512 layer, with the weights stored either way round; a recurrent step W·h for hidden 128,
  // an input projection 256×64 and its backward.
  out.push({name: "(32×64)·(64×256)", m: 32, k: 64, n: 256, layout: "NN", kernel: "matmul"});
  out.push({name: "(32×256)·(64×256)ᵀ", m: 32, k: 256, n: 64, layout: "NT", kernel: "matmul"});
  out.push({name: "(32×64)ᵀ·(32×256)", m: 64, k: 32, n: 256, layout: "TN", kernel: "matmul"});
  out.push({name: "(1×128)·(128×512)", m: 1, k: 128, n: 512, layout: "NN", kernel: "matmul"});
  out.push({name: "(1×128)·(512×128)ᵀ", m: 1, k: 128, n: 512, layout: "NT", kernel: "matmul"});
  out.push({name: "matvec 128×128", m: 128, k: 128, n: 1, layout: "NN", kernel: "matvec"});
  out.push({name: "matvec 256×64", m: 256, k: 64, n: 1, layout: "NN", kernel: "matvec"});
  out.push({name: "matvecT (256×64)ᵀ", m: 64, k: 256, n: 1, layout: "TN", kernel: "matvec"});
  return out;
}

/** The stored operands of a case: A is (m×k), or (k×m) when transposed; likewise B. */
function shapes(c: Case): {a: [number, number]; b: [number, number]} {
  return {
    a: c.layout === "TN" ? [c.k, c.m] : [c.m, c.k],
    b: c.layout === "NT" ? [c.n, c.k] : [c.k, c.n]
  };
}

function randomMat(rng: Rng, [rows, cols]: [number, number]): Mat {
  const m = mat(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = 2 * rng.uniform() - 1;
  return m;
}

/** Our kernel on a case, as a function of no arguments (inputs made here, once). */
function ours(c: Case): () => void {
  const rng = new Rng(1);
  const {a, b} = shapes(c);
  const A = randomMat(rng, a), B = randomMat(rng, b);
  const C = mat(c.m, c.n);
  const transA = c.layout === "TN", transB = c.layout === "NT";
  if (c.kernel === "matvec") {
    const x = B.data, y = C.data; // W = A: (m×k) for matvec, (k×m) for matvecT; x: k, y: m
    return transA ? () => matvecT(A, x, y) : () => matvec(A, x, y);
  }
  return () => matmul(A, B, C, {transA, transB});
}

/** tf.matMul on a case, on the backend current when this is called, reading the result back. */
function theirs(c: Case): {run: () => void; dispose: () => void} {
  const rng = new Rng(1);
  const {a, b} = shapes(c);
  const A = randomMat(rng, a).data as Float32Array, B = randomMat(rng, b).data as Float32Array; // the same numbers as ours
  const ta = tf.tensor2d(A, a), tb = tf.tensor2d(B, b);
  const transA = c.layout === "TN", transB = c.layout === "NT";
  return {
    run: () => {
      const out = tf.matMul(ta, tb, transA, transB);
      out.dataSync();
      out.dispose();
    },
    dispose: () => tf.dispose([ta, tb])
  };
}

/**
 * The machine is shared, so wall-clock time mostly measures the neighbours. A window instead counts
 * this process's CPU time (every implementation here computes on the calling thread, TensorFlow.js's
 * wasm backend included: it runs single-threaded in Node), the three implementations take turns in
 * short windows, and each keeps its best (least disturbed) window.
 */
const ROUNDS = 7, WINDOW_US = 40_000;

/** CPU microseconds this process has used. */
function cpuNow(): number {
  const {user, system} = process.cpuUsage();
  return user + system;
}

/** Mean CPU milliseconds per call of f over a window of about WINDOW_US of CPU time. */
function cpuWindow(f: () => void): number {
  // Reading the CPU clock costs ~2 µs, so calls go in batches of ≥ 0.5 ms.
  let batch = 1;
  for (let t0 = cpuNow(); cpuNow() - t0 < 500; batch *= 2) for (let i = 0; i < batch; i++) f();
  const t0 = cpuNow();
  let calls = 0, us = 0;
  while (us < WINDOW_US) {
    for (let i = 0; i < batch; i++) f();
    calls += batch;
    us = cpuNow() - t0;
  }
  return us / 1000 / calls;
}

/** Our kernels with the WebAssembly SIMD path on (the default) and off (the JS blocks alone). */
function withSimd(on: boolean, f: () => void): () => void {
  return () => {
    useSimd(on);
    f();
  };
}

async function timeCase(c: Case): Promise<{simd: number; js: number; cpu: number; wasm: number}> {
  const f = ours(c), simd = withSimd(true, f), js = withSimd(false, f);
  const tfRuns: Record<Backend, {run: () => void; dispose: () => void}> = {} as never;
  for (const backend of ["cpu", "wasm"] as Backend[]) {
    await useBackend(backend);
    tfRuns[backend] = theirs(c);
  }
  const best = {simd: Infinity, js: Infinity, cpu: Infinity, wasm: Infinity};
  for (let r = 0; r < ROUNDS; r++) {
    best.simd = Math.min(best.simd, cpuWindow(simd));
    best.js = Math.min(best.js, cpuWindow(js));
    for (const backend of ["cpu", "wasm"] as Backend[]) {
      await useBackend(backend);
      best[backend] = Math.min(best[backend], cpuWindow(tfRuns[backend].run));
    }
  }
  useSimd(true);
  for (const backend of ["cpu", "wasm"] as Backend[]) {
    await useBackend(backend);
    tfRuns[backend].dispose();
  }
  return best;
}

const gflops = (c: Case, ms: number) => (2 * c.m * c.k * c.n) / (ms * 1e6);

export default async function (): Promise<void> {
  const rows: Record<string, string | number>[] = [];
  for (const c of cases()) {
    measure(ours(c), {minMs: 50}); // warm the JIT on this shape before timing
    const t = await timeCase(c);
    rows.push({
      shape: c.name,
      layout: c.kernel === "matvec" ? (c.layout === "TN" ? "matvecT" : "matvec") : c.layout,
      "ours µs": t.simd * 1000,
      ours: gflops(c, t.simd),
      "ours-js": gflops(c, t.js),
      "tfjs-cpu": gflops(c, t.cpu),
      "tfjs-wasm": gflops(c, t.wasm),
      "÷cpu": t.cpu / t.simd,
      "÷wasm": t.wasm / t.simd
    });
  }
  printTable(
    "kernels: GFLOP/s (float32): ours (WebAssembly SIMD), ours-js (JS blocks only), TensorFlow.js cpu and wasm; " +
      "÷cpu, ÷wasm: how many times faster ours is",
    rows
  );
}
