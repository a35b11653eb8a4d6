/**
 * Reversing a word of lowercase letters: "attention" → "noitnetta". Its length can be chosen freely,
 * so it measures how a model copes with inputs longer than one fixed context vector can hold.
 * Output step t reads source position n − 1 − t.
 */
import type {Rng} from "../../engine/index.js";
import type {Checked, Pair, Split, Task} from "./task.js";
import {splitOf} from "./task.js";
import {Vocab} from "./vocab.js";

const LETTERS = "abcdefghijklmnopqrstuvwxyz";

class ReverseTask implements Task {
  readonly name = "reverse";
  readonly src = new Vocab(LETTERS);
  readonly tgt = new Vocab(LETTERS);
  readonly trainLengths = [3, 12] as const;
  readonly maxLength = 24;

  maxTargetLength(n: number): number {
    return n;
  }

  lengths(): number[] {
    return Array.from({length: this.maxLength}, (_, i) => i + 1);
  }

  sample(rng: Rng, split: Split, length?: number): Pair {
    const [lo, hi] = this.trainLengths;
    const n = length ?? lo + rng.int(hi - lo + 1);
    if (n < 1 || n > this.maxLength) throw new Error(`reverse: length ${n} is outside 1…${this.maxLength}`);
    for (;;) {
      let src = "";
      for (let i = 0; i < n; i++) src += LETTERS[rng.int(LETTERS.length)];
      if (splitOf(src) === split) return {src, tgt: this.reference(src)};
    }
  }

  check(input: string): Checked {
    const text = input.trim().toLowerCase();
    if (!text) return {ok: false, message: "Type a word of lowercase letters, e.g. attention."};
    const bad = [...text].find((c) => !LETTERS.includes(c));
    if (bad !== undefined) return {ok: false, message: `Only the letters a–z can be reversed; "${bad}" cannot.`};
    if (text.length > this.maxLength) return {ok: false, message: `Words of at most ${this.maxLength} letters, please (this one has ${text.length}).`};
    return {ok: true, text};
  }

  reference(src: string): string {
    return [...src].reverse().join("");
  }

  alignment(src: string): number[][] {
    const n = src.length;
    return [...Array.from({length: n}, (_, t) => [n - 1 - t]), []];
  }
}

export const reverse: Task = new ReverseTask();
