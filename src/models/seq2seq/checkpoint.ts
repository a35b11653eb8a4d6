/**
 * The checkpoint the chapter opens with, trained at build time (data/seq2seq-checkpoint.json.ts)
 * by the same code the page runs: an attention model for dates (the alignment figures) and both
 * variants for reversal, with held-out accuracy by source length (the bottleneck chart).
 */
import type {Seq2seqSettings} from "./settings.js";
import {build, DEFAULT_SETTINGS} from "./settings.js";
import type {PackedParams} from "./codec.js";
import {packParams} from "./codec.js";
import {accuracyByLength, alignmentHits, heldOut, scorePairs} from "./evaluate.js";

export interface SavedModel {
  settings: Seq2seqSettings;
  /** Training steps taken. */
  steps: number;
  params: PackedParams;
  /** Greedy exact match and character accuracy on `count` held-out sources of training lengths, when measured. */
  heldOut?: {exact: number; chars: number; count: number};
  /**
   * Attention models: of the `scored` output steps the task aligns to source positions (in `count`
   * held-out pairs, the same as heldOut's, read with teacher forcing), the `hits` at which the largest
   * weight α_{t,i} falls on one of them (see evaluate.ts, alignmentHits).
   */
  alignment?: {hits: number; scored: number; count: number};
}

export interface LengthTable {
  task: "reverse";
  trainLengths: [number, number];
  /** Held-out words per length. */
  perLength: number;
  rows: {length: number; fixed: {exact: number; chars: number}; attention: {exact: number; chars: number}}[];
}

export interface Checkpoint {
  dates: SavedModel;
  reverse: {fixed: SavedModel; attention: SavedModel};
  lengths: LengthTable;
}

export interface CheckpointPlan {
  dates: {settings: Seq2seqSettings; steps: number};
  reverse: {settings: Seq2seqSettings; steps: number};
  /** Held-out pairs per score, and per length in the table; and the seed they are drawn with. */
  evalPairs: number;
  lengths: number[];
  perLength: number;
  evalSeed: number;
}

/** About 16 s of one core: 250 date batches, and 1000 reversal batches for each variant. */
export const CHECKPOINT_PLAN: CheckpointPlan = {
  dates: {settings: {...DEFAULT_SETTINGS, task: "dates", variant: "attention"}, steps: 250},
  reverse: {settings: {...DEFAULT_SETTINGS, task: "reverse"}, steps: 1000},
  evalPairs: 200,
  lengths: Array.from({length: 20}, (_, i) => i + 1),
  perLength: 40,
  evalSeed: 4242
};

/**
 * Trains from `settings` for `steps` batches: the first half at the learning rate η, the second
 * with η falling linearly to η/10, so the saved weights are not caught mid-oscillation.
 */
export function trainOne(settings: Seq2seqSettings, steps: number, plan: CheckpointPlan) {
  const {task, model, trainer} = build(settings);
  for (let i = 0; i < steps; i++) {
    trainer.optimizer.learningRate = settings.learningRate * Math.min(1, 1 - (1.8 * (i - steps / 2)) / steps);
    trainer.step();
  }
  const pairs = heldOut(task, plan.evalPairs, plan.evalSeed);
  const {exact, chars, count} = scorePairs(model, task, pairs);
  const saved: SavedModel = {settings, steps, params: packParams(model.params), heldOut: {exact, chars, count}};
  if (settings.variant === "attention") saved.alignment = {...alignmentHits(model, task, pairs), count};
  return {saved, model, task};
}

export function trainCheckpoint(plan: CheckpointPlan = CHECKPOINT_PLAN): Checkpoint {
  const dates = trainOne(plan.dates.settings, plan.dates.steps, plan).saved;
  const fixed = trainOne({...plan.reverse.settings, variant: "fixed"}, plan.reverse.steps, plan);
  const attention = trainOne({...plan.reverse.settings, variant: "attention"}, plan.reverse.steps, plan);
  const byLength = (m: typeof fixed) => accuracyByLength(m.model, m.task, plan.lengths, plan.perLength, plan.evalSeed);
  const f = byLength(fixed), a = byLength(attention);
  const [lo, hi] = fixed.task.trainLengths;
  return {
    dates,
    reverse: {fixed: fixed.saved, attention: attention.saved},
    lengths: {
      task: "reverse",
      trainLengths: [lo, hi],
      perLength: plan.perLength,
      rows: plan.lengths.map((length, k) => ({
        length,
        fixed: {exact: f[k].exact, chars: f[k].chars},
        attention: {exact: a[k].exact, chars: a[k].chars}
      }))
    }
  };
}
