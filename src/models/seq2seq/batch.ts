/**
 * Batches of pairs, stored by position: src[i] holds token i of every source (B ids), yIn[t] the
 * decoder's input y(t−1) = <start>, y(1), …, and yOut[t] its target y(t), …, <end>, then <pad>.
 * All sources in one batch have the same length, so the encoder needs no padding; a target shorter
 * than the longest is padded and its <pad> steps carry no loss.
 */
import type {Rng} from "../../engine/index.js";
import type {Pair, Split, Task} from "./task.js";
import {PAD, START} from "./vocab.js";

export interface Batch {
  size: number;
  /** n + 1 positions (the last is <end>), each (B). */
  src: Int32Array[];
  /** T steps, each (B). */
  yIn: Int32Array[];
  yOut: Int32Array[];
  pairs: Pair[];
}

/** Token ids by position from the encoded rows (all the same length). */
function byPosition(rows: number[][], length: number, fill: number): Int32Array[] {
  return Array.from({length}, (_, i) => Int32Array.from(rows, (r) => (i < r.length ? r[i] : fill)));
}

export function makeBatch(task: Task, pairs: Pair[]): Batch {
  const src = pairs.map((p) => task.src.encode(p.src));
  const n = src[0].length;
  if (src.some((s) => s.length !== n)) throw new Error("makeBatch: every source in a batch must have the same length");
  const out = pairs.map((p) => task.tgt.encode(p.tgt)); // y(1)…y(m), <end>
  const T = Math.max(...out.map((o) => o.length));
  const inp = out.map((o) => [START, ...o.slice(0, -1)]); // <start>, y(1)…y(m)
  return {size: pairs.length, src: byPosition(src, n, PAD), yIn: byPosition(inp, T, PAD), yOut: byPosition(out, T, PAD), pairs};
}

/** `size` pairs from `split` whose sources have `length` characters (one of the task's training lengths when omitted). */
export function sampleBatch(task: Task, rng: Rng, size: number, split: Split, length?: number): Batch {
  const [lo, hi] = task.trainLengths;
  const n = length ?? lo + rng.int(hi - lo + 1);
  return makeBatch(task, Array.from({length: size}, () => task.sample(rng, split, n)));
}
