/**
 * The task of chapter 6: every character must say how many times it occurs in its sentence.
 *   input   ⟨s⟩ h e l l o        target (per character)   1 1 2 2 1      ("l" occurs twice)
 * Why this task: the answer of each token depends on every other token, near or far, and on
 * nothing else; no fixed window can count, an RNN must keep a tally of every letter, while one
 * self-attention layer compares all pairs at once, and its n×n matrix shows the pairs it found.
 * It is also blind to order (shuffling the sentence shuffles the answers the same way), so the
 * model needs no positions — which makes it the right place to see what positions change.
 * Counts from maxCount up share one class "maxCount or more". Training sentences draw their
 * characters uniformly from a random subset of 2…12 symbols, so every count up to maxCount is
 * common; their length is uniform in minLen…maxLen.
 */
import type {Rng} from "../../engine/rng.js";
import {BOS, PAD} from "./char-vocab.js";

export const COUNT_ALPHABET = "abcdefghijklmnopqrstuvwxyz ";

export interface TokenBatch {
  /** B sequences of n ids (⟨s⟩ first, ⟨pad⟩ after the end), stacked: (B·n). */
  tokens: Int32Array;
  seqLen: number;
  /** Real tokens per sequence, ⟨s⟩ included (the padding mask). */
  lengths: number[];
  /** Class per position, −1 where no answer is asked (⟨s⟩ and padding). */
  targets: Int32Array;
}

/** Target class of each id in a sequence: count − 1, capped at maxCount − 1; −1 for ⟨s⟩ and ⟨pad⟩. */
export function countTargets(ids: ArrayLike<number>, maxCount: number): number[] {
  const counts = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) counts.set(ids[i], (counts.get(ids[i]) ?? 0) + 1);
  return Array.from(ids, (x) => (x === BOS || x === PAD ? -1 : Math.min(counts.get(x)!, maxCount) - 1));
}

/** Packs id sequences (each starting with ⟨s⟩) into one padded batch with their targets. */
export function packBatch(seqs: number[][], maxCount: number): TokenBatch {
  const n = Math.max(...seqs.map((s) => s.length));
  const B = seqs.length;
  const tokens = new Int32Array(B * n).fill(PAD);
  const targets = new Int32Array(B * n).fill(-1);
  seqs.forEach((s, b) => {
    tokens.set(s, b * n);
    targets.set(countTargets(s, maxCount), b * n);
  });
  return {tokens, seqLen: n, lengths: seqs.map((s) => s.length), targets};
}

export interface CountTaskOptions {
  batch: number;
  minLen: number;
  maxLen: number;
  maxCount: number;
  /** Ids of the characters to draw from (2 … 2 + alphabet size − 1 in the chapter's vocabulary). */
  symbols: number[];
}

/** One random sentence: ⟨s⟩ then characters from a random subset of 2…12 symbols. */
export function countSentence(rng: Rng, {minLen, maxLen, symbols}: Omit<CountTaskOptions, "batch" | "maxCount">): number[] {
  const k = 2 + rng.int(Math.min(11, symbols.length - 1));
  const subset = rng.shuffle(symbols.slice()).slice(0, k);
  const len = minLen + rng.int(maxLen - minLen + 1);
  return [BOS, ...Array.from({length: len}, () => subset[rng.int(k)])];
}

export function countBatch(rng: Rng, opts: CountTaskOptions): TokenBatch {
  return packBatch(Array.from({length: opts.batch}, () => countSentence(rng, opts)), opts.maxCount);
}
