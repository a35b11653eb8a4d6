/**
 * A batch for the Transformer: B pairs laid out row-major, sequence b in rows b·n … b·n + n − 1
 * (the layout of src/models/attention/block.ts), token ids only.
 *   src   x_1 … x_k <end> <pad>…            (B·n)   srcLengths[b] = k + 1 real tokens
 *   yIn   <start> y_1 … y_j <pad>…          (B·T)   the decoder's input (teacher forcing)
 *   yOut  y_1 … y_j <end> <pad>…            (B·T)   what it must predict; <pad> carries no loss
 * Sources of different lengths are padded and masked as attention keys; when all have the same
 * length, srcLengths is omitted and nothing is masked.
 */
import type {Pair, Task} from "../seq2seq/task.js";
import {PAD, START} from "../seq2seq/vocab.js";

export interface TransformerBatch {
  size: number;
  /** Source positions per sequence (the longest source, with its <end>). */
  n: number;
  /** Target positions per sequence (the longest target, with its <end>). */
  T: number;
  src: Int32Array; // (B·n)
  srcLengths?: Int32Array; // (B)
  yIn: Int32Array; // (B·T)
  yOut: Int32Array; // (B·T)
  pairs: Pair[];
}

/** Rows of ids, each padded with <pad> to `width`, one after another. */
function padRows(rows: number[][], width: number): Int32Array {
  const out = new Int32Array(rows.length * width).fill(PAD);
  rows.forEach((r, b) => out.set(r, b * width));
  return out;
}

export function encodeBatch(task: Task, pairs: Pair[]): TransformerBatch {
  const src = pairs.map((p) => task.src.encode(p.src)); // x_1 … x_k <end>
  const out = pairs.map((p) => task.tgt.encode(p.tgt)); // y_1 … y_j <end>
  const n = Math.max(...src.map((s) => s.length));
  const T = Math.max(...out.map((o) => o.length));
  const ragged = src.some((s) => s.length !== n);
  return {
    size: pairs.length,
    n,
    T,
    src: padRows(src, n),
    srcLengths: ragged ? Int32Array.from(src, (s) => s.length) : undefined,
    yIn: padRows(out.map((o) => [START, ...o.slice(0, -1)]), T),
    yOut: padRows(out, T),
    pairs
  };
}

/** Just the sources (for decoding): ids, n and the lengths, as encodeBatch lays them out. */
export function encodeSources(task: Task, sources: string[]): Pick<TransformerBatch, "size" | "n" | "src" | "srcLengths"> {
  const src = sources.map((s) => task.src.encode(s));
  const n = Math.max(...src.map((s) => s.length));
  const ragged = src.some((s) => s.length !== n);
  return {size: sources.length, n, src: padRows(src, n), srcLengths: ragged ? Int32Array.from(src, (s) => s.length) : undefined};
}
