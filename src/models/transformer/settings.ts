/**
 * Everything that defines a trained Transformer, as one plain object (the live model's config, a
 * checkpoint's header, a URL's state), and how a model and its trainer are built from it.
 */
import {Rng} from "../../engine/index.js";
import type {PositionKind} from "../attention/positions.js";
import type {Task} from "../seq2seq/task.js";
import type {TaskName} from "../seq2seq/tasks.js";
import {taskNamed} from "../seq2seq/tasks.js";
import type {NormPlacement} from "./config.js";
import {TRANSFORMER_DEFAULTS} from "./config.js";
import {Transformer} from "./model.js";
import {Trainer} from "./train.js";

export interface TransformerSettings {
  /** The toy translation of chapter 4: "dates" (27 November 2026 → 2026-11-27) or "reverse" (abc → cba). */
  task: TaskName;
  /** d_model, 8 to 128. */
  dModel: number;
  /** Heads per attention layer; must divide dModel. */
  heads: number;
  /** Layers in the encoder and in the decoder, 1 to 4. */
  layers: number;
  /** d_ff, the feed-forward hidden width. */
  ffHidden: number;
  /** "pre": x + F(LN(x)) (the default; trains without warm-up); "post": LN(x + F(x)) as in the paper. */
  norm: NormPlacement;
  positions: PositionKind;
  /** Multiply token embeddings by √d_model (§3.4). */
  scaleEmbedding: boolean;
  /** Share the target embedding with the output projection (§3.4). */
  tieOutput: boolean;
  batchSize: number;
  /** Adam's η after warm-up. */
  learningRate: number;
  /** Steps of linear learning-rate warm-up. */
  warmup: number;
  /** The step at which η has fallen linearly to 0 (0: η stays; the live page trains open-ended). */
  decay: number;
  /** Gradients are scaled down to this global norm. */
  clip: number;
  /** Seeds the weights (seed) and the training batches (seed + 1). */
  seed: number;
}

export const DEFAULT_SETTINGS: TransformerSettings = {
  task: "dates",
  dModel: TRANSFORMER_DEFAULTS.dModel,
  heads: TRANSFORMER_DEFAULTS.heads,
  layers: TRANSFORMER_DEFAULTS.layers,
  ffHidden: TRANSFORMER_DEFAULTS.ffHidden,
  norm: "pre",
  positions: "sinusoidal",
  scaleEmbedding: true,
  tieOutput: true,
  batchSize: 16,
  learningRate: 0.01,
  warmup: 30,
  decay: 0,
  clip: 1,
  seed: 1
};

const int = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;

/** What is wrong with `s`, or null. */
export function settingsError(s: TransformerSettings): string | null {
  if (s.task !== "dates" && s.task !== "reverse") return `task must be "dates" or "reverse", not "${s.task}"`;
  if (!int(s.dModel, 2, 256) || s.dModel % 2) return `dModel must be an even integer from 2 to 256, not ${s.dModel}`;
  if (!int(s.heads, 1, s.dModel) || s.dModel % s.heads) return `heads must divide dModel = ${s.dModel}; ${s.heads} does not`;
  if (!int(s.layers, 1, 6)) return `layers must be an integer from 1 to 6, not ${s.layers}`;
  if (!int(s.ffHidden, 1, 1024)) return `ffHidden must be an integer from 1 to 1024, not ${s.ffHidden}`;
  if (s.norm !== "pre" && s.norm !== "post") return `norm must be "pre" or "post"`;
  if (s.positions !== "sinusoidal" && s.positions !== "learned" && s.positions !== "none") return `positions must be "sinusoidal", "learned" or "none"`;
  if (!int(s.batchSize, 1, 1024)) return `batchSize must be an integer from 1 to 1024`;
  if (!(s.learningRate > 0 && s.learningRate < 1)) return `learningRate must be between 0 and 1`;
  if (!int(s.warmup, 0, 1e6) || !int(s.decay, 0, 1e9)) return `warmup and decay must be whole numbers of steps`;
  if (!(s.clip > 0)) return `clip must be positive`;
  if (!Number.isInteger(s.seed)) return `seed must be an integer`;
  return null;
}

export interface Built {
  task: Task;
  model: Transformer;
  trainer: Trainer;
}

/** Positions the model must cover: the longest source the task makes, with its <end>, and margin. */
export function maxLenFor(task: Task): number {
  return Math.max(task.maxLength, task.maxTargetLength(task.maxLength)) + 8;
}

export function build(s: TransformerSettings): Built {
  const error = settingsError(s);
  if (error) throw new Error(`transformer: ${error}`);
  const task = taskNamed(s.task);
  const model = new Transformer(
    {
      srcVocab: task.src.size, tgtVocab: task.tgt.size, dModel: s.dModel, heads: s.heads, layers: s.layers, ffHidden: s.ffHidden,
      maxLen: maxLenFor(task), positions: s.positions, norm: s.norm, scaleEmbedding: s.scaleEmbedding, tieOutput: s.tieOutput, dtype: "float32"
    },
    new Rng(s.seed)
  );
  const {batchSize, learningRate, warmup, decay, clip} = s;
  const trainer = new Trainer(model, task, {batchSize, learningRate, warmup, decay, clip}, new Rng(s.seed + 1));
  return {task, model, trainer};
}
