/**
 * The task of chapter 7: every token answers two questions at once,
 *   "which symbol came just before me?"   and   "which symbol is the key?"
 * where the key is the one token written in capitals. A token is its symbol plus a flag saying
 * whether it is the key (the symbol is stored lower-case; the flag is a second embedding added to
 * the symbol's, as BERT adds a segment embedding), so
 *   input   ⟨s⟩ c a B d          previous   –  ⟨s⟩ c  a  b          key   b b b b b
 * Why this task: the two answers need two different look-ups — one by position (the token at
 * i − 1), one by content (the flagged token) — and the symbols they return come from the same set.
 * A single head that splits its weight between the two hands the read-out ½(v_prev + v_key), a sum
 * that does not say which symbol was which; two heads can each do one look-up, into separate
 * columns of the concatenation. So with one head the loss stays high, with two it falls, and
 * switching either head off brings back the error of its own question only.
 */
import type {Rng} from "../../engine/rng.js";
import {BOS, PAD, encodeChars, type CharVocab, type Encoded} from "./char-vocab.js";

export interface TwoQuestionsBatch {
  /** Symbol ids (⟨s⟩ first, ⟨pad⟩ after the end), (B·n). */
  tokens: Int32Array;
  /** 1 at the key, else 0, (B·n). */
  flags: Int32Array;
  seqLen: number;
  /** Real tokens per sequence, ⟨s⟩ included. */
  lengths: number[];
  /** The previous symbol per position (−1 for ⟨s⟩ and padding), and the key's symbol (−1 for padding, or when there is no key). */
  previous: Int32Array;
  key: Int32Array;
}

export interface TwoQuestionsSequence {
  ids: number[];
  /** Index of the key in ids, or −1. */
  keyAt: number;
}

/** The two targets of one sequence. */
export function twoQuestionsTargets({ids, keyAt}: TwoQuestionsSequence): {previous: number[]; key: number[]} {
  return {
    previous: ids.map((x, i) => (i === 0 || x === PAD ? -1 : ids[i - 1])),
    key: ids.map((x) => (x === PAD || keyAt < 0 ? -1 : ids[keyAt]))
  };
}

export function packTwoQuestions(seqs: TwoQuestionsSequence[]): TwoQuestionsBatch {
  const n = Math.max(...seqs.map((s) => s.ids.length)), B = seqs.length;
  const tokens = new Int32Array(B * n).fill(PAD), flags = new Int32Array(B * n);
  const previous = new Int32Array(B * n).fill(-1), key = new Int32Array(B * n).fill(-1);
  seqs.forEach((s, b) => {
    tokens.set(s.ids, b * n);
    if (s.keyAt >= 0) flags[b * n + s.keyAt] = 1;
    const t = twoQuestionsTargets(s);
    previous.set(t.previous, b * n);
    key.set(t.key, b * n);
  });
  return {tokens, flags, seqLen: n, lengths: seqs.map((s) => s.ids.length), previous, key};
}

export interface TwoQuestionsOptions {
  batch: number;
  minLen: number;
  maxLen: number;
  /** Ids of the symbols to draw from. */
  symbols: number[];
}

/** ⟨s⟩ then minLen … maxLen random symbols, one of them (not ⟨s⟩) the key. */
export function randomTwoQuestions(rng: Rng, {minLen, maxLen, symbols}: Omit<TwoQuestionsOptions, "batch">): TwoQuestionsSequence {
  const len = minLen + rng.int(maxLen - minLen + 1);
  const ids = [BOS, ...Array.from({length: len}, () => symbols[rng.int(symbols.length)])];
  return {ids, keyAt: 1 + rng.int(len)};
}

export function twoQuestionsBatch(rng: Rng, opts: TwoQuestionsOptions): TwoQuestionsBatch {
  return packTwoQuestions(Array.from({length: opts.batch}, () => randomTwoQuestions(rng, opts)));
}

/**
 * Reads the reader's text: symbols lower-cased (char-vocab.ts), and the first capital letter that
 * is kept becomes the key (later capitals are read as plain letters).
 */
export function encodeWithKey(vocab: CharVocab, text: string, maxLen: number): TwoQuestionsSequence & Encoded {
  const e = encodeChars(vocab, text, {maxLen});
  let kept = 0, keyAt = -1;
  for (const ch of Array.from(text)) {
    const low = ch.toLowerCase();
    if (!vocab.ids.has(low) || kept >= maxLen) continue;
    kept++;
    if (keyAt < 0 && ch !== low) keyAt = kept; // ⟨s⟩ is position 0
  }
  const message = keyAt < 0 ? [e.message, "No capital letter, so no key: write one letter in capitals."].filter(Boolean).join(" ") : e.message;
  return {...e, keyAt, message};
}
