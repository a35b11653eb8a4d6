/**
 * The effect of gradient clipping (Pascanu, Mikolov & Bengio, 2013, §3.2): the same model, from
 * the same initial weights, trained twice with plain SGD — once with the global gradient norm
 * clipped, g ← g · min(1, c/‖g‖), once without — recording the loss and ‖g‖ at every step.
 * SGD rather than Adam, because Adam divides each step by the gradient's own running size and
 * so hides what clipping does.
 */
import type {Activation} from "../engine/index.js";
import {buildCharRnn} from "./char-rnn.js";
import {CharTrainer} from "./char-trainer.js";

export interface ClipEffectConfig {
  text: string;
  hidden: number;
  activation: Activation;
  /** Largest singular value of W_h at the start. */
  scale: number;
  seqLen: number;
  batch: number;
  learningRate: number;
  /** The threshold c of the clipped run. */
  clip: number;
  steps: number;
  seed: number;
}

export interface ClipRun {
  /** Per step: J (nats/char), ‖g‖ before clipping, ‖g‖ after. */
  loss: number[];
  gradNorm: number[];
  clippedNorm: number[];
  /** The step at which the loss stopped being finite (NaN/∞), or null. */
  divergedAt: number | null;
}

function run(config: ClipEffectConfig, clip: number): ClipRun {
  const {lm, ids} = buildCharRnn(config);
  const trainer = new CharTrainer(lm, ids, {seqLen: config.seqLen, batch: config.batch, learningRate: config.learningRate, clip, optimizer: "sgd"});
  const out: ClipRun = {loss: [], gradNorm: [], clippedNorm: [], divergedAt: null};
  for (let i = 1; i <= config.steps; i++) {
    const m = trainer.step();
    out.loss.push(m.loss);
    out.gradNorm.push(m.gradNorm);
    out.clippedNorm.push(m.clippedNorm);
    if (!Number.isFinite(m.loss) || !Number.isFinite(m.gradNorm)) {
      out.divergedAt = i;
      break;
    }
  }
  return out;
}

export function clippingEffect(config: ClipEffectConfig): {withClip: ClipRun; withoutClip: ClipRun} {
  return {withClip: run(config, config.clip), withoutClip: run(config, Infinity)};
}
