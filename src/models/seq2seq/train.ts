/**
 * One optimisation step: a batch from the training split, the teacher-forced loss and its
 * gradient, clipping to a global norm (Pascanu et al. 2013), and Adam (Kingma & Ba 2015).
 */
import type {Optimizer} from "../../engine/index.js";
import {adam, clipGlobalNorm, Rng, zeroGrads} from "../../engine/index.js";
import {sampleBatch} from "./batch.js";
import {lossOn} from "./loss.js";
import type {Seq2seq} from "./model.js";
import type {Task} from "./task.js";

export interface TrainSettings {
  batchSize: number;
  learningRate: number;
  /** Largest global gradient norm; larger gradients are scaled down to it. */
  clip: number;
}

export interface StepMetrics {
  loss: number;
  /** Target tokens predicted right under teacher forcing. */
  accuracy: number;
  gradNorm: number;
}

export class Trainer {
  readonly optimizer: Optimizer;
  steps = 0;

  constructor(readonly model: Seq2seq, readonly task: Task, public settings: TrainSettings, readonly rng: Rng) {
    this.optimizer = adam(settings.learningRate);
  }

  step(): StepMetrics {
    const {model, task, settings} = this;
    const batch = sampleBatch(task, this.rng, settings.batchSize, "train");
    zeroGrads(model.params);
    const {loss, correct, tokens} = lossOn(model, batch);
    const gradNorm = clipGlobalNorm(model.params, settings.clip);
    this.optimizer.step(model.params);
    this.steps++;
    return {loss, accuracy: correct / tokens, gradNorm};
  }
}
