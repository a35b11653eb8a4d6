/**
 * The checkpoint chapter 6 opens with, trained at build time (data/self-attention-checkpoint.json.ts)
 * by the page's own model: SelfAttentionLive, reset from the default config with each choice of
 * positions and trained `steps` steps, just as a press of Start trains a fresh model in the
 * worker. With each model, its held-out evaluation (accuracy, and the shuffled sentences with
 * positions), which the page quotes. About 3 s of one core.
 */
import {SelfAttentionLive, defaultSelfAttentionConfig, type SavedSelfAttention, type SelfAttentionEvaluateView} from "./self-attention-live.js";
import type {PositionKind} from "./attention/positions.js";

export type SavedSortModel = SavedSelfAttention & {evaluation: SelfAttentionEvaluateView};
export type SelfAttentionCheckpoint = Record<PositionKind, SavedSortModel>;

/** Steps per model: one press of Start on the page. */
export const CHECKPOINT_STEPS = 300;

export function trainSortModel(positions: PositionKind, steps = CHECKPOINT_STEPS): SavedSortModel {
  const live = new SelfAttentionLive();
  live.reset({...defaultSelfAttentionConfig, positions});
  for (let i = 0; i < steps; i++) live.trainStep();
  const evaluation = live.query({kind: "evaluate"});
  if (evaluation.kind !== "evaluate") throw new Error(`trainSortModel: got a ${evaluation.kind} view`);
  return {...live.save(), evaluation};
}

export function trainSelfAttentionCheckpoint(steps = CHECKPOINT_STEPS): SelfAttentionCheckpoint {
  return {none: trainSortModel("none", steps), sinusoidal: trainSortModel("sinusoidal", steps), learned: trainSortModel("learned", steps)};
}
