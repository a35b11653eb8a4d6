/**
 * Reading the trained Transformer on held-out data the way chapter 4 reads its RNN: greedy
 * translations, exact match and character accuracy, by source length. The held-out pairs come from
 * the seq2seq chapter's own `heldOut` with the same seeds, so both models answer the same questions.
 */
import type {LengthRow, Score} from "../seq2seq/evaluate.js";
import {heldOut} from "../seq2seq/evaluate.js";
import type {Pair, Task} from "../seq2seq/task.js";
import {END} from "../seq2seq/vocab.js";
import {encodeSources} from "./batch.js";
import {greedyDecode, writtenIds} from "./greedy.js";
import type {Transformer} from "./model.js";

/** Greedy translations of `sources`, in batches of at most `chunk`; an unfinished one ends in "…". */
export function translateAll(model: Transformer, task: Task, sources: string[], chunk = 64): string[] {
  const out: string[] = [];
  for (let k = 0; k < sources.length; k += chunk) {
    const part = sources.slice(k, k + chunk);
    const {size, n, src, srcLengths} = encodeSources(task, part);
    const maxSteps = Math.max(...part.map((s) => task.maxTargetLength(s.length))) + 2;
    const g = greedyDecode(model, src, n, size, maxSteps, srcLengths);
    for (let b = 0; b < size; b++) {
      const ids = writtenIds(g, b);
      out.push(task.tgt.decode(ids) + (ids[ids.length - 1] === END ? "" : "…"));
    }
  }
  return out;
}

export function scorePairs(model: Transformer, task: Task, pairs: Pair[]): Score {
  const got = translateAll(model, task, pairs.map((p) => p.src));
  let exact = 0, right = 0, total = 0;
  pairs.forEach((p, k) => {
    if (got[k] === p.tgt) exact++;
    for (let i = 0; i < p.tgt.length; i++) if (got[k][i] === p.tgt[i]) right++;
    total += p.tgt.length;
  });
  return {exact: exact / pairs.length, chars: right / total, count: pairs.length};
}

/** Held-out accuracy for each source length, `perLength` pairs each (the chapter-4 chart's rows). */
export function accuracyByLength(model: Transformer, task: Task, lengths: number[], perLength: number, seed: number): LengthRow[] {
  return lengths.map((length) => ({length, ...scorePairs(model, task, heldOut(task, perLength, seed + length, length))}));
}
