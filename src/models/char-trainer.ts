/**
 * Truncated backpropagation through time over one long text (Williams & Peng, 1990; the usual
 * char-RNN recipe): the text is cut into B streams laid side by side,
 *   stream b = ids[b·L … b·L + L],  L = ⌊(N − 1) / B⌋,
 * and each step trains on the next chunk of T characters of every stream. The state at the end of
 * a chunk is carried into the next one (its value, not its gradient), so the model sees the text
 * as one continuous read while gradients flow back at most T steps. At the end of the streams the
 * reading starts again from zero state.
 *
 * One step: zero the gradients, forward and backward over the chunk, clip the global norm
 * (‖g‖ ≤ clip; Pascanu et al., 2013), then one optimiser update.
 */
import type {Optimizer} from "../engine/index.js";
import {adam, clipGlobalNorm, sgd, zeroGrads} from "../engine/index.js";
import type {CellState, CharLM} from "./char-lm.js";
import type {Trace} from "./recurrent.js";

export interface TrainerConfig {
  /** Characters per chunk T (cut to the stream length for short texts). */
  seqLen: number;
  /** Streams B (cut to N − 1 for very short texts). */
  batch: number;
  learningRate: number;
  /** Global-norm clip threshold; Infinity or 0 turns clipping off. */
  clip: number;
  optimizer?: "adam" | "sgd";
}

export interface StepMetrics {
  /** J over the chunk, nats per character. */
  loss: number;
  /** ‖g‖ before clipping, and after (equal when no clipping happened). */
  gradNorm: number;
  clippedNorm: number;
}

export class CharTrainer<T extends Trace = Trace> {
  readonly lm: CharLM<T>;
  readonly ids: Int32Array;
  /** The batch and chunk length actually used, and each stream's length. */
  readonly B: number;
  readonly T: number;
  readonly L: number;
  clip: number;
  private readonly optimizer: Optimizer;
  private pos = 0;
  private state: CellState = [];
  private readonly chunkIds: Int32Array;
  private readonly chunkTargets: Int32Array;

  constructor(lm: CharLM<T>, ids: Int32Array, {seqLen, batch, learningRate, clip, optimizer = "adam"}: TrainerConfig) {
    if (ids.length < 2) throw new Error("CharTrainer: the text needs at least two characters");
    this.lm = lm;
    this.ids = ids;
    this.B = Math.max(1, Math.min(Math.floor(batch), ids.length - 1));
    this.L = Math.floor((ids.length - 1) / this.B);
    this.T = Math.max(1, Math.min(Math.floor(seqLen), this.L));
    this.clip = clip;
    this.optimizer = optimizer === "sgd" ? sgd(learningRate) : adam(learningRate);
    this.chunkIds = new Int32Array(this.T * this.B);
    this.chunkTargets = new Int32Array(this.T * this.B);
  }

  get learningRate(): number {
    return this.optimizer.learningRate;
  }

  set learningRate(lr: number) {
    this.optimizer.learningRate = lr;
  }

  /** Fills the next chunk: inputs ids[b·L + pos + t], targets one character later. */
  private nextChunk(): void {
    if (this.pos + this.T > this.L) {
      this.pos = 0;
      this.state = [];
    }
    const {T, B, L, pos, ids} = this;
    for (let t = 0; t < T; t++) {
      for (let b = 0; b < B; b++) {
        const i = b * L + pos + t;
        this.chunkIds[t * B + b] = ids[i];
        this.chunkTargets[t * B + b] = ids[i + 1];
      }
    }
  }

  step(): StepMetrics {
    this.nextChunk();
    zeroGrads(this.lm.params);
    const {loss, state} = this.lm.lossAndGrad(this.chunkIds, this.chunkTargets, this.T, this.B, this.state);
    const limit = this.clip > 0 ? this.clip : Infinity;
    const gradNorm = clipGlobalNorm(this.lm.params, limit);
    this.optimizer.step(this.lm.params);
    this.state = state;
    this.pos += this.T;
    return {loss, gradNorm, clippedNorm: Math.min(gradNorm, limit)};
  }
}
