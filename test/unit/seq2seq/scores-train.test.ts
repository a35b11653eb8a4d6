/** Every score function learns the date task with the checkpoint's budget (250 batches of 16). */
import {describe, expect, it} from "vitest";
import {CHECKPOINT_PLAN, trainOne} from "../../../src/models/seq2seq/checkpoint.js";
import {alignmentHits, heldOut, scorePairs} from "../../../src/models/seq2seq/evaluate.js";

describe("the dot and general scores on dates", () => {
  for (const score of ["dot", "general"] as const) {
    it(`${score}: ≥ 95% exact on unseen dates and ≥ 90% of steps aligned`, () => {
      const {model, task} = trainOne({...CHECKPOINT_PLAN.dates.settings, score}, CHECKPOINT_PLAN.dates.steps, CHECKPOINT_PLAN);
      expect(scorePairs(model, task, heldOut(task, 300, 777)).exact).toBeGreaterThanOrEqual(0.95);
      const {hits, scored} = alignmentHits(model, task, heldOut(task, 100, 778));
      expect(hits / scored).toBeGreaterThanOrEqual(0.9);
    }, 120_000);
  }
});
