/**
 * Everything that defines a trained seq2seq model, as one plain object (the live model's config,
 * a checkpoint's header, a URL's state), and how a model and its trainer are built from it.
 */
import {Rng} from "../../engine/index.js";
import type {CellKind} from "./cell.js";
import type {Variant} from "./model.js";
import {Seq2seq} from "./model.js";
import type {ScoreKind} from "./scores.js";
import type {Task} from "./task.js";
import type {TaskName} from "./tasks.js";
import {taskNamed} from "./tasks.js";
import {Trainer} from "./train.js";

export interface Seq2seqSettings {
  /** Which toy translation: "dates" (27 November 2026 → 2026-11-27) or "reverse" (abc → cba). */
  task: TaskName;
  /** "fixed": the decoder reads h_last at every step; "attention": c_t = Σ_i α_{t,i} h_i. */
  variant: Variant;
  /** align(s, h): "additive" (Bahdanau), "dot" or "general" (Luong). Unused by "fixed". */
  score: ScoreKind;
  /** The recurrent cell of the encoder and the decoder. */
  cell: CellKind;
  /** H: decoder state size = annotation size (each direction of a bidirectional encoder has H/2). */
  hidden: number;
  /** A: the additive score's hidden layer size. */
  attentionSize: number;
  bidirectional: boolean;
  batchSize: number;
  learningRate: number;
  /** Gradients are scaled down to this global norm. */
  clip: number;
  /** Seeds the weights (seed) and the training batches (seed + 1). */
  seed: number;
}

export const DEFAULT_SETTINGS: Seq2seqSettings = {
  task: "dates",
  variant: "attention",
  score: "additive",
  cell: "gru",
  hidden: 32,
  attentionSize: 32,
  bidirectional: true,
  batchSize: 16,
  learningRate: 0.01,
  clip: 5,
  seed: 1
};

/** What is wrong with `s`, or null. */
export function settingsError(s: Seq2seqSettings): string | null {
  if (!["dates", "reverse"].includes(s.task)) return `task must be "dates" or "reverse", not "${s.task}"`;
  if (!["fixed", "attention"].includes(s.variant)) return `variant must be "fixed" or "attention", not "${s.variant}"`;
  if (!["additive", "dot", "general"].includes(s.score)) return `score must be "additive", "dot" or "general", not "${s.score}"`;
  if (!["gru", "rnn"].includes(s.cell)) return `cell must be "gru" or "rnn", not "${s.cell}"`;
  if (!Number.isInteger(s.hidden) || s.hidden < 2 || s.hidden > 256) return `hidden must be an integer from 2 to 256, not ${s.hidden}`;
  if (s.bidirectional && s.hidden % 2) return `a bidirectional encoder needs an even hidden size, not ${s.hidden}`;
  if (!Number.isInteger(s.attentionSize) || s.attentionSize < 1) return `attentionSize must be a positive integer`;
  if (!Number.isInteger(s.batchSize) || s.batchSize < 1) return `batchSize must be a positive integer`;
  if (!(s.learningRate > 0)) return `learningRate must be positive`;
  if (!(s.clip > 0)) return `clip must be positive`;
  return null;
}

export interface Built {
  task: Task;
  model: Seq2seq;
  trainer: Trainer;
}

export function build(s: Seq2seqSettings): Built {
  const error = settingsError(s);
  if (error) throw new Error(`seq2seq: ${error}`);
  const task = taskNamed(s.task);
  const model = new Seq2seq(
    {
      variant: s.variant, score: s.score, cell: s.cell, srcVocab: task.src.size, tgtVocab: task.tgt.size,
      hidden: s.hidden, attentionSize: s.attentionSize, bidirectional: s.bidirectional, dtype: "float32"
    },
    new Rng(s.seed)
  );
  const trainer = new Trainer(model, task, {batchSize: s.batchSize, learningRate: s.learningRate, clip: s.clip}, new Rng(s.seed + 1));
  return {task, model, trainer};
}
