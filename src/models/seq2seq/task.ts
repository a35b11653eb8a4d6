/**
 * A toy translation task: pairs (source text, target text) drawn with an Rng from a training or a
 * held-out split that never share a source, the source→target rule itself (the reference), input
 * validation, and the known alignment used to score the attention weights.
 */
import type {Rng} from "../../engine/index.js";
import type {Vocab} from "./vocab.js";

export type Split = "train" | "heldout";

export interface Pair {
  src: string;
  tgt: string;
}

/** An input the task accepts, in its normal form, or why it cannot take it. */
export type Checked = {ok: true; text: string} | {ok: false; message: string};

export interface Task {
  readonly name: string;
  readonly src: Vocab;
  readonly tgt: Vocab;
  /** The source lengths (characters, without <end>) that training draws from. */
  readonly trainLengths: readonly [number, number];
  /** The longest source `sample` can make when asked for a length. */
  readonly maxLength: number;
  /** Target characters (without <end>) for a source of n characters, at most. */
  maxTargetLength(n: number): number;
  /** A pair from `split`; with `length`, its source has exactly that many characters. */
  sample(rng: Rng, split: Split, length?: number): Pair;
  /** Lengths that `sample` can honour (for dates only a few are possible). */
  lengths(): number[];
  /** Validates and normalises a reader's input. */
  check(input: string): Checked;
  /** The right target for a valid source. */
  reference(src: string): string;
  /**
   * For output step t (0-based, the character tgt[t]; the step that writes <end> is t = tgt.length),
   * the source positions whose characters determine it, or [] where no single place does.
   */
  alignment(src: string): number[][];
}

/** A 32-bit integer hash of a string (FNV-1a), used to split sources into train and held-out. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** One source in ten goes to the held-out split, fixed by its hash. */
export function splitOf(src: string): Split {
  return hashString(src) % 10 === 0 ? "heldout" : "train";
}
