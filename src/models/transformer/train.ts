/**
 * One optimisation step of the Transformer: a batch from the training split (drawn exactly as
 * chapter 4 draws its batches, one source length per batch), the teacher-forced loss and its
 * gradient, clipping to a global norm, and Adam (Kingma & Ba, 2015; β₂ = 0.98 as in the paper, §5.3).
 * The learning rate rises linearly over `warmup` steps (pre-LN needs little warm-up; Xiong et al.,
 * 2020), then stays, or falls linearly to zero at step `decay` when a fixed budget is known.
 */
import type {Optimizer} from "../../engine/index.js";
import {adam, clipGlobalNorm, Rng, zeroGrads} from "../../engine/index.js";
import {sampleBatch} from "../seq2seq/batch.js";
import type {Task} from "../seq2seq/task.js";
import {encodeBatch} from "./batch.js";
import {lossOn} from "./loss.js";
import type {Transformer} from "./model.js";

export interface TrainSettings {
  batchSize: number;
  learningRate: number;
  /** Steps of linear warm-up (0: none). */
  warmup: number;
  /** The step at which the learning rate reaches zero, falling linearly from the end of warm-up (0: never). */
  decay: number;
  /** Largest global gradient norm; larger gradients are scaled down to it. */
  clip: number;
}

export const TRAIN_DEFAULTS: TrainSettings = {batchSize: 32, learningRate: 3e-3, warmup: 50, decay: 0, clip: 1};

export interface StepMetrics {
  loss: number;
  /** Target tokens predicted right under teacher forcing. */
  accuracy: number;
  gradNorm: number;
  learningRate: number;
}

export class Trainer {
  readonly optimizer: Optimizer;
  steps = 0;

  constructor(readonly model: Transformer, readonly task: Task, public settings: TrainSettings, readonly rng: Rng) {
    this.optimizer = adam(settings.learningRate, {beta2: 0.98, eps: 1e-9});
  }

  step(): StepMetrics {
    const {model, task, settings} = this;
    const batch = encodeBatch(task, sampleBatch(task, this.rng, settings.batchSize, "train").pairs);
    zeroGrads(model.params);
    const {loss, correct, tokens} = lossOn(model, batch);
    const gradNorm = clipGlobalNorm(model.params, settings.clip);
    this.steps++;
    const lr = settings.learningRate * schedule(this.steps, settings);
    this.optimizer.learningRate = lr;
    this.optimizer.step(model.params);
    return {loss, accuracy: correct / tokens, gradNorm, learningRate: lr};
  }
}

/** η_t / η: a linear ramp over the warm-up, then 1, or a linear fall to 0 at step `decay`. */
export function schedule(step: number, {warmup, decay}: Pick<TrainSettings, "warmup" | "decay">): number {
  if (warmup > 0 && step < warmup) return step / warmup;
  if (decay > warmup) return Math.max(0, (decay - step) / (decay - warmup));
  return 1;
}
