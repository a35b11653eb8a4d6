/**
 * Which relation each head found (chapter 7): for every head, the mean weight a token puts on
 *   previous   the token just before it (i − 1)          key   the flagged token
 *   self       itself                                     start ⟨s⟩ (position 0)
 * averaged over the real tokens of a batch (positions 1 … length − 1). A head whose "previous"
 * is near 1 has learnt to look one step back; one whose "key" is near 1 finds the key by content.
 */
import type {Mat} from "../../engine/index.js";

export interface HeadRelation {
  previous: number;
  key: number;
  self: number;
  start: number;
}

/** A: one head's weights (B·n, n); flags: 1 at each sequence's key, (B·n). */
export function headRelation(A: Mat, seqLen: number, lengths: number[], flags: ArrayLike<number>): HeadRelation {
  const n = seqLen;
  let previous = 0, key = 0, self = 0, start = 0, count = 0;
  lengths.forEach((len, b) => {
    let keyAt = -1;
    for (let j = 0; j < len; j++) if (flags[b * n + j] === 1) keyAt = j;
    for (let i = 1; i < len; i++) {
      const row = (b * n + i) * n;
      previous += A.data[row + i - 1];
      self += A.data[row + i];
      start += A.data[row];
      if (keyAt >= 0) key += A.data[row + keyAt];
      count++;
    }
  });
  return {previous: previous / count, key: key / count, self: self / count, start: start / count};
}
