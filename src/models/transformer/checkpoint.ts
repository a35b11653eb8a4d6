/**
 * The checkpoint chapter 8 opens with, trained at build time (data/transformer-checkpoint.json.ts)
 * by the same code the page runs: a date model (the attention maps, the diagram, the stepper) with
 * its held-out exact match every `curveEvery` steps (how many steps it took), and a reversal model
 * whose held-out accuracy by source length goes beside chapter 4's RNNs on the shared chart (the
 * same held-out pairs: chapter 4's `heldOut`, lengths 1…20, 40 each, seed 4242).
 */
import type {PackedParams} from "../seq2seq/codec.js";
import {packParams} from "../seq2seq/codec.js";
import type {LengthRow} from "../seq2seq/evaluate.js";
import {heldOut} from "../seq2seq/evaluate.js";
import {accuracyByLength, scorePairs} from "./evaluate.js";
import type {TransformerSettings} from "./settings.js";
import {build, DEFAULT_SETTINGS} from "./settings.js";

export interface SavedTransformer {
  settings: TransformerSettings;
  /** Training steps taken. */
  steps: number;
  params: PackedParams;
  /** Greedy exact match and character accuracy on held-out sources of training lengths. */
  heldOut?: {exact: number; chars: number};
}

export interface CurvePoint {
  step: number;
  /** Held-out exact match after `step` steps. */
  exact: number;
}

export interface TrainedRun {
  saved: SavedTransformer;
  /** Held-out exact match during training, every curveEvery steps and at the end. */
  curve: CurvePoint[];
  /** The first step of the curve at which exact match reached plan.target (null: never). */
  stepsToTarget: number | null;
  /** Seconds spent in training steps (wall clock, scoring excluded). */
  seconds: number;
}

export interface TransformerCheckpoint {
  dates: TrainedRun;
  reverse: TrainedRun;
  /** Held-out accuracy by source length, for the chart shared with chapter 4. */
  lengths: {task: "reverse"; trainLengths: [number, number]; rows: LengthRow[]};
  datesLengths: {task: "dates"; rows: LengthRow[]};
}

export interface RunPlan {
  settings: TransformerSettings;
  steps: number;
  /** Score the curve every this many steps (0: no curve). */
  curveEvery: number;
}

export interface CheckpointPlan {
  dates: RunPlan;
  reverse: RunPlan;
  /** Held-out pairs for the final score; for each point of the curve; per length in the tables. */
  evalPairs: number;
  curvePairs: number;
  target: number;
  lengths: number[];
  perLength: number;
  evalSeed: number;
}

/**
 * Batches of 16, η = 0.01 falling linearly to 0 at the last step: 1200 steps for dates (about 12 s of
 * one core) and 2000 for reversal (about 13 s), about 28 s with the scoring.
 */
export const CHECKPOINT_PLAN: CheckpointPlan = {
  dates: {settings: {...DEFAULT_SETTINGS, task: "dates", batchSize: 16, decay: 1200}, steps: 1200, curveEvery: 100},
  reverse: {settings: {...DEFAULT_SETTINGS, task: "reverse", batchSize: 16, decay: 2000}, steps: 2000, curveEvery: 250},
  evalPairs: 200,
  curvePairs: 100,
  target: 0.95,
  lengths: Array.from({length: 20}, (_, i) => i + 1),
  perLength: 40,
  evalSeed: 4242
};

/** Trains from `settings` for `steps` batches, scoring held-out exact match along the way. */
export function trainRun({settings, steps, curveEvery}: RunPlan, plan: CheckpointPlan) {
  const {task, model, trainer} = build(settings);
  const curvePairs = heldOut(task, plan.curvePairs, plan.evalSeed + 1);
  const curve: CurvePoint[] = [];
  let trainMs = 0;
  for (let i = 1; i <= steps; i++) {
    const t0 = performance.now();
    trainer.step();
    trainMs += performance.now() - t0;
    if (curveEvery > 0 && (i % curveEvery === 0 || i === steps)) curve.push({step: i, exact: scorePairs(model, task, curvePairs).exact});
  }
  const {exact, chars} = scorePairs(model, task, heldOut(task, plan.evalPairs, plan.evalSeed));
  const saved: SavedTransformer = {settings, steps, params: packParams(model.params), heldOut: {exact, chars}};
  const reached = curve.find((c) => c.exact >= plan.target);
  const run: TrainedRun = {saved, curve, stepsToTarget: reached ? reached.step : null, seconds: trainMs / 1000};
  return {run, model, task};
}

export function trainCheckpoint(plan: CheckpointPlan = CHECKPOINT_PLAN): TransformerCheckpoint {
  const dates = trainRun(plan.dates, plan);
  const reverse = trainRun(plan.reverse, plan);
  const [lo, hi] = reverse.task.trainLengths;
  return {
    dates: dates.run,
    reverse: reverse.run,
    lengths: {task: "reverse", trainLengths: [lo, hi], rows: accuracyByLength(reverse.model, reverse.task, plan.lengths, plan.perLength, plan.evalSeed)},
    datesLengths: {task: "dates", rows: accuracyByLength(dates.model, dates.task, dates.task.lengths(), plan.perLength, plan.evalSeed)}
  };
}
