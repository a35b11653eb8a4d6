/**
 * Shared pieces of `npm run bench`: TensorFlow.js set up on its cpu and wasm backends (dev-only,
 * the reference we measure against), a timer that repeats a function until enough time has
 * passed, and a plain table printer. Figures are printed, never asserted.
 */
import {createRequire} from "node:module";
import path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import {setWasmPaths} from "@tensorflow/tfjs-backend-wasm";

export {tf};
export type Backend = "cpu" | "wasm";

let wasmReady = false;

/** Switches TensorFlow.js to `backend` (the wasm binaries come from node_modules, no network). */
export async function useBackend(backend: Backend): Promise<void> {
  if (backend === "wasm" && !wasmReady) {
    const require = createRequire(import.meta.url);
    setWasmPaths(path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")) + "/dist/");
    wasmReady = true;
  }
  if (!(await tf.setBackend(backend))) throw new Error(`bench: TensorFlow.js backend ${backend} did not start`);
  await tf.ready();
}

export interface Timing {
  /** Mean milliseconds per call. */
  ms: number;
  calls: number;
}

/** Calls f (after a warm-up) until at least minMs have passed; returns the mean time per call. */
export function measure(f: () => void, {minMs = 300, warmup = 3}: {minMs?: number; warmup?: number} = {}): Timing {
  for (let i = 0; i < warmup; i++) f();
  let calls = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < minMs) {
    f();
    calls++;
    t = performance.now();
  }
  return {ms: (t - t0) / calls, calls};
}

/** The same for a function that returns a promise (e.g. a TensorFlow.js step that awaits data). */
export async function measureAsync(f: () => Promise<unknown>, {minMs = 300, warmup = 3}: {minMs?: number; warmup?: number} = {}): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await f();
  let calls = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < minMs) {
    await f();
    calls++;
    t = performance.now();
  }
  return {ms: (t - t0) / calls, calls};
}

/** Prints rows as an aligned text table under a title. */
export function printTable(title: string, rows: Record<string, string | number>[]): void {
  console.log(`\n## ${title}`);
  if (!rows.length) return void console.log("(no rows)");
  const cols = Object.keys(rows[0]);
  const cell = (v: string | number) => (typeof v === "number" ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3)) : v);
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(cell(r[c] ?? "")).length)));
  console.log(cols.map((c, i) => c.padStart(widths[i])).join("  "));
  for (const r of rows) console.log(cols.map((c, i) => String(cell(r[c] ?? "")).padStart(widths[i])).join("  "));
}
