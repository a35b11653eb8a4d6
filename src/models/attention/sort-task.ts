/**
 * The task of chapter 6: sorting by pointers. Every token names its successor, the next symbol in
 * alphabetical order among the symbols of its own sentence; the largest names ⟨s⟩, and ⟨s⟩
 * names the smallest (order: space < a < … < z):
 *   input    ⟨s⟩  b   a   d   a
 *   target    a   d   b  ⟨s⟩  b          ⟨s⟩ → a → b → d → ⟨s⟩ reads the symbols sorted
 * Why this task: each answer depends on which other tokens are in the sentence, near or far, and
 * on nothing else. No window of neighbours can answer it and an RNN would have to remember every
 * symbol it has read, while one self-attention layer compares every pair directly: token x puts
 * its weight on the smallest symbol above x, and the n×n matrix shows each token's pointer. The
 * answers do not depend on the order of the sentence (shuffle it and they shuffle with it), so
 * the model needs no positions — the right place to see what positions change.
 * Training sentences draw their symbols uniformly from a random subset of 2 … maxDistinct symbols,
 * with a length uniform in minLen … maxLen.
 */
import type {Rng} from "../../engine/rng.js";
import {BOS, PAD} from "./char-vocab.js";

/** The symbols in their sorting order; with charVocab they get ids 2 … 28 in the same order. */
export const SORT_ALPHABET = " abcdefghijklmnopqrstuvwxyz";

export interface TokenBatch {
  /** B sequences of n ids (⟨s⟩ first, ⟨pad⟩ after the end), stacked: (B·n). */
  tokens: Int32Array;
  seqLen: number;
  /** Real tokens per sequence, ⟨s⟩ included (the padding mask). */
  lengths: number[];
  /** Class per position, −1 where no answer is asked (padding). */
  targets: Int32Array;
}

/**
 * The successor of every token of one sentence (ids[0] = ⟨s⟩; symbol ids sort as the symbols):
 * the smallest id present above it, ⟨s⟩ when there is none; ⟨s⟩'s own target is the smallest id.
 */
export function successorTargets(ids: ArrayLike<number>): number[] {
  const present = [...new Set(Array.from(ids).filter((x) => x !== BOS && x !== PAD))].sort((a, b) => a - b);
  return Array.from(ids, (x) => {
    if (x === PAD) return -1;
    if (x === BOS) return present.length ? present[0] : BOS;
    return present.find((y) => y > x) ?? BOS;
  });
}

/** Follows pointers from ⟨s⟩ (position 0): the symbols in the order the pointers visit them, at most n. */
export function followPointers(ids: ArrayLike<number>, pointers: ArrayLike<number>): number[] {
  const out: number[] = [];
  let at = 0;
  for (let step = 0; step < ids.length; step++) {
    const next = pointers[at];
    if (next === BOS) break;
    out.push(next);
    const j = Array.from(ids).indexOf(next);
    if (j < 0) break; // a pointer to a symbol the sentence does not have
    at = j;
  }
  return out;
}

/** Packs sentences (each starting with ⟨s⟩) into one padded batch with their successor targets. */
export function packBatch(seqs: number[][]): TokenBatch {
  const n = Math.max(...seqs.map((s) => s.length));
  const B = seqs.length;
  const tokens = new Int32Array(B * n).fill(PAD);
  const targets = new Int32Array(B * n).fill(-1);
  seqs.forEach((s, b) => {
    tokens.set(s, b * n);
    targets.set(successorTargets(s), b * n);
  });
  return {tokens, seqLen: n, lengths: seqs.map((s) => s.length), targets};
}

export interface SortTaskOptions {
  batch: number;
  minLen: number;
  maxLen: number;
  /** Most distinct symbols in a sentence. */
  maxDistinct: number;
  /** Ids of the symbols to draw from. */
  symbols: number[];
}

/** One random sentence: ⟨s⟩ then symbols from a random subset of 2 … maxDistinct of them. */
export function randomSentence(rng: Rng, {minLen, maxLen, maxDistinct, symbols}: Omit<SortTaskOptions, "batch">): number[] {
  const k = 2 + rng.int(Math.min(maxDistinct, symbols.length) - 1); // 2 … maxDistinct
  const subset = rng.shuffle(symbols.slice()).slice(0, k);
  const len = minLen + rng.int(maxLen - minLen + 1);
  return [BOS, ...Array.from({length: len}, () => subset[rng.int(k)])];
}

export function sortBatch(rng: Rng, opts: SortTaskOptions): TokenBatch {
  return packBatch(Array.from({length: opts.batch}, () => randomSentence(rng, opts)));
}
