/**
 * Forward + backward of one self-attention layer and one multi-head attention layer (chapters 6
 * and 7), ours against the same layer built from TensorFlow.js ops (test/unit/attention/tf-attention.ts)
 * differentiated by tf.grads, on its cpu and wasm backends. A batch of B = 4 sequences of n tokens,
 * width d; the loss is Σ R ⊙ Y for a fixed random R, so dY = R. Ours: forward, then backward
 * (parameter gradients and dX). Theirs: tf.grads of the same loss with respect to X and every
 * weight, read back with dataSync. The machine is shared, so each implementation is timed in CPU
 * time over short windows taken in turn, and keeps its best window.
 * ÷cpu = tfjs-cpu time / our time (above 1: ours is faster); likewise ÷wasm.
 */
import {mat, zeroGrads, type Mat} from "../src/engine/index.js";
import {Rng} from "../src/engine/rng.js";
import {MultiHeadAttention} from "../src/models/attention/multi-head.js";
import {SelfAttention} from "../src/models/attention/self-attention.js";
import "@tensorflow/tfjs-layers"; // registers tfjs-core's gradients (tfjs-core alone registers none)
import {printTable, tf, useBackend, type Backend} from "./harness.js";
import {tensor, tfMultiHead, tfSelfAttention} from "../test/unit/attention/tf-attention.js";

const B = 4, ROUNDS = 5, WINDOW_US = 60_000;

interface Case {
  layer: "self-attention" | "multi-head";
  n: number;
  d: number;
  heads: number;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const d of [32, 64]) for (const n of [16, 32, 64]) out.push({layer: "self-attention", n, d, heads: 1});
  for (const d of [32, 64]) for (const n of [16, 32, 64]) for (const heads of [2, 4]) out.push({layer: "multi-head", n, d, heads});
  return out;
}

function randomMat(rng: Rng, rows: number, cols: number): Mat {
  const m = mat(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = 2 * rng.uniform() - 1;
  return m;
}

interface Impl {
  ours: () => void;
  /** Builds the TensorFlow.js version on the current backend. */
  theirs: () => {run: () => void; dispose: () => void};
}

function build(c: Case): Impl {
  const rng = new Rng(1);
  const X = randomMat(rng, B * c.n, c.d), R = randomMat(rng, B * c.n, c.d);
  const layer = c.layer === "self-attention" ? new SelfAttention({dModel: c.d}, rng) : new MultiHeadAttention({dModel: c.d, heads: c.heads}, rng);
  const scale = 1 / Math.sqrt(c.d / c.heads);
  const ours =
    layer instanceof SelfAttention
      ? () => {
          zeroGrads(layer.params);
          layer.backward(layer.forward(X, c.n), R);
        }
      : () => {
          zeroGrads(layer.params);
          layer.backward(layer.forward(X, c.n), R);
        };
  const theirs = () => {
    const x = tensor(X, [B, c.n, c.d]), r = tensor(R, [B, c.n, c.d]);
    const w = layer.params.map((p) => tensor(p.value));
    const loss =
      c.layer === "self-attention"
        ? (xx: tf.Tensor, q: tf.Tensor, k: tf.Tensor, v: tf.Tensor) => tf.sum(tf.mul(tfSelfAttention(xx, q, k, v, scale).Y, r))
        : (xx: tf.Tensor, q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, o: tf.Tensor) => tf.sum(tf.mul(tfMultiHead(xx, q, k, v, o, c.heads, scale).Y, r));
    const grads = tf.grads(loss as (...args: tf.Tensor[]) => tf.Tensor);
    return {
      run: () => {
        const gs = tf.tidy(() => grads([x, ...w]));
        for (const g of gs) g.dataSync();
        tf.dispose(gs);
      },
      dispose: () => tf.dispose([x, r, ...w])
    };
  };
  return {ours, theirs};
}

function cpuNow(): number {
  const {user, system} = process.cpuUsage();
  return user + system;
}

/** Mean CPU milliseconds per call over a window of about WINDOW_US of CPU time. */
function cpuWindow(f: () => void): number {
  let batch = 1;
  for (let t0 = cpuNow(); cpuNow() - t0 < 1000; batch *= 2) for (let i = 0; i < batch; i++) f();
  const t0 = cpuNow();
  let calls = 0, us = 0;
  while (us < WINDOW_US) {
    for (let i = 0; i < batch; i++) f();
    calls += batch;
    us = cpuNow() - t0;
  }
  return us / 1000 / calls;
}

export default async function (): Promise<void> {
  const rows: Record<string, string | number>[] = [];
  for (const c of cases()) {
    const impl = build(c);
    const tfRuns = {} as Record<Backend, {run: () => void; dispose: () => void}>;
    for (const backend of ["cpu", "wasm"] as Backend[]) {
      await useBackend(backend);
      tfRuns[backend] = impl.theirs();
    }
    const best = {ours: Infinity, cpu: Infinity, wasm: Infinity};
    for (let r = 0; r < ROUNDS; r++) {
      best.ours = Math.min(best.ours, cpuWindow(impl.ours));
      for (const backend of ["cpu", "wasm"] as Backend[]) {
        await useBackend(backend);
        best[backend] = Math.min(best[backend], cpuWindow(tfRuns[backend].run));
      }
    }
    for (const backend of ["cpu", "wasm"] as Backend[]) {
      await useBackend(backend);
      tfRuns[backend].dispose();
    }
    rows.push({layer: c.layer, B, n: c.n, d: c.d, heads: c.heads, "ours ms": best.ours, "tfjs-cpu ms": best.cpu, "tfjs-wasm ms": best.wasm, "÷cpu": best.cpu / best.ours, "÷wasm": best.wasm / best.ours});
  }
  printTable("attention layers: forward + backward (ours) vs tf.grads (TensorFlow.js)", rows);
}
