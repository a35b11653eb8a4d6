/**
 * The shuffle test of chapter 6 (shuffle-run.ts) over many sentences instead of the reader's one:
 * every sentence of a held-out batch is shuffled (⟨s⟩ kept first) and both orders go through the
 * model with `positions` added. Over all their tokens we count
 *   moved   answers that moved along with their tokens: answer(P x)[i] = answer(x)[perm[i]]
 *   right   answers of the unshuffled sentence, with the positions, equal to the true successor
 * Without positions every answer moves along (permutation.ts); with them the model can tell the
 * orders apart, and these say how far it does.
 */
import {Rng} from "../../engine/rng.js";
import type {OneLayerModel} from "./one-layer-model.js";
import {randomPermutation} from "./permutation.js";
import type {Positions} from "./positions.js";
import {shuffleRun} from "./shuffle-run.js";
import type {TokenBatch} from "./sort-task.js";

export interface ShuffleHeldOut {
  positions: Positions["kind"];
  /** Fractions of all tokens (⟨s⟩ included) of the batch's sentences. */
  movedAlong: number;
  accuracy: number;
  tokens: number;
}

/** The sentences of a padded batch, each cut to its own length (⟨s⟩ first). */
function sentences(batch: TokenBatch): {ids: number[]; targets: number[]}[] {
  return batch.lengths.map((len, b) => {
    const at = b * batch.seqLen;
    return {ids: Array.from(batch.tokens.subarray(at, at + len)), targets: Array.from(batch.targets.subarray(at, at + len))};
  });
}

export function shuffleHeldOut(model: OneLayerModel, batch: TokenBatch, positions: Positions, seed: number): ShuffleHeldOut {
  const rng = new Rng(seed);
  let moved = 0, right = 0, tokens = 0;
  for (const {ids, targets} of sentences(batch)) {
    const perm = randomPermutation(ids.length, rng, 1);
    const r = shuffleRun(model, ids, perm, positions);
    moved += r.answersShuffled.filter((a, i) => a === r.answers[perm[i]]).length;
    right += r.answers.filter((a, i) => a === targets[i]).length;
    tokens += ids.length;
  }
  return {positions: positions.kind, movedAlong: moved / tokens, accuracy: right / tokens, tokens};
}
