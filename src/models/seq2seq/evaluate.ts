/**
 * Reading a trained model on held-out data: exact-match and character accuracy of greedy
 * translations, by source length, and how often attention puts its largest weight where the task
 * says the output step's information is.
 */
import {Rng} from "../../engine/index.js";
import {makeBatch} from "./batch.js";
import {greedy, written} from "./decode.js";
import type {Seq2seq} from "./model.js";
import type {Pair, Task} from "./task.js";
import {END} from "./vocab.js";

export interface Score {
  /** Sources translated exactly right (every character and the <end>). */
  exact: number;
  /** Target characters right at their position, over all target characters. */
  chars: number;
  count: number;
}

/** Greedy translations of `pairs` (grouped by source length so each group is one batch). */
export function translateAll(model: Seq2seq, task: Task, pairs: Pair[]): string[] {
  const out = new Array<string>(pairs.length);
  const groups = new Map<number, number[]>();
  pairs.forEach((p, k) => groups.set(p.src.length, [...(groups.get(p.src.length) ?? []), k]));
  for (const [n, ks] of groups) {
    const batch = makeBatch(task, ks.map((k) => pairs[k]));
    const {ys} = greedy(model, batch.src, task.maxTargetLength(n) + 2);
    ks.forEach((k, b) => {
      const ids = written(ys, b);
      out[k] = ids[ids.length - 1] === END ? task.tgt.decode(ids) : task.tgt.decode(ids) + "…";
    });
  }
  return out;
}

export function scorePairs(model: Seq2seq, task: Task, pairs: Pair[]): Score {
  const got = translateAll(model, task, pairs);
  let exact = 0, right = 0, total = 0;
  pairs.forEach((p, k) => {
    if (got[k] === p.tgt) exact++;
    for (let i = 0; i < p.tgt.length; i++) if (got[k][i] === p.tgt[i]) right++;
    total += p.tgt.length;
  });
  return {exact: exact / pairs.length, chars: right / total, count: pairs.length};
}

/** `count` held-out pairs drawn with a fixed seed (of one source length when given). */
export function heldOut(task: Task, count: number, seed: number, length?: number): Pair[] {
  const rng = new Rng(seed);
  return Array.from({length: count}, () => task.sample(rng, "heldout", length));
}

export interface LengthRow {
  length: number;
  exact: number;
  chars: number;
}

/** Held-out accuracy for each source length in `lengths`, `perLength` pairs each. */
export function accuracyByLength(model: Seq2seq, task: Task, lengths: number[], perLength: number, seed: number): LengthRow[] {
  return lengths.map((length) => ({length, ...scorePairs(model, task, heldOut(task, perLength, seed + length, length))}));
}

/**
 * Of the output steps the task aligns to source positions, the fraction at which argmax_i α_{t,i}
 * is one of them. Steps are read under teacher forcing, so a wrong earlier character does not
 * shift the comparison.
 */
export function alignmentHits(model: Seq2seq, task: Task, pairs: Pair[]): {hits: number; scored: number} {
  let hits = 0, scored = 0;
  for (const p of pairs) {
    const batch = makeBatch(task, [p]);
    const encoded = model.encode(batch.src);
    let s = encoded.s0;
    const want = task.alignment(p.src);
    batch.yIn.forEach((y, t) => {
      const st = model.step(encoded, s, y);
      s = st.s;
      if (!st.alpha || !want[t]?.length) return;
      const a = st.alpha.data;
      let best = 0;
      for (let i = 1; i < a.length; i++) if (a[i] > a[best]) best = i;
      scored++;
      if (want[t].includes(best)) hits++;
    });
  }
  return {hits, scored};
}
