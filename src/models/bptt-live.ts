/**
 * Chapter 2's live model: a character RNN whose W_h starts at a chosen largest singular value s,
 * and what its gradients do on one sequence of `length` characters.
 *   reset(config)  builds the model (W_h rescaled to s) and the sequence (the text's first
 *                  length + 1 characters, the text repeated if shorter)
 *   trainStep()    one truncated-BPTT step over `length` characters with plain SGD and optional
 *                  clipping: {loss, gradNorm (before clipping), clippedNorm (after)}
 *   query(q)       "flow" | "jacobian" | "clipping" (see BpttQuery)
 *   configure()    learningRate and clip, without a rebuild
 * (Pascanu, Mikolov & Bengio, 2013, "On the difficulty of training recurrent neural networks".)
 */
import type {Activation} from "../engine/index.js";
import {countParams, derivBound} from "../engine/index.js";
import {checkText} from "../text/check.js";
import {DEFAULT_TEXT} from "../text/default-text.js";
import type {LiveModel, Metrics, ModelInfo} from "../workers/protocol.js";
import type {JacobianStep} from "./bptt.js";
import {byDistance, gradientNorms, jacobianSteps} from "./bptt.js";
import {sequenceFlow} from "./bptt-lm.js";
import type {CharRnn} from "./char-rnn.js";
import {buildCharRnn} from "./char-rnn.js";
import {CharTrainer} from "./char-trainer.js";
import type {ClipRun} from "./clip-effect.js";
import {clippingEffect} from "./clip-effect.js";
import type {RnnTrace} from "./rnn-cell.js";
import {largestSingularValue, spectralRadius} from "./spectral.js";

export interface BpttConfig {
  hidden: number;
  /** T: the steps analysed, and the length of each training chunk (1…MAX_LENGTH = 200). */
  length: number;
  /** σ_max(W_h) at reset. */
  scale: number;
  activation: Activation;
  seed: number;
  /** Default: the built-in DEFAULT_TEXT. */
  text?: string;
  /** SGD step size (default 0.1). */
  learningRate?: number;
  /** Global gradient-norm threshold; 0 or omitted: no clipping. */
  clip?: number;
  /** Sequences per training step (default 8). */
  batch?: number;
}

export const defaultBpttConfig: BpttConfig = {hidden: 32, length: 40, scale: 1, activation: "tanh", seed: 1};

/** σ_max(W_h), its spectral radius ρ, γ = sup|σ′| and γs, the bound's base. */
export interface Spectrum {
  s: number;
  spectralRadius: number;
  gamma: number;
  gammaS: number;
}

export interface BpttInfo extends ModelInfo, Spectrum {
  vocabSize: number;
  length: number;
  messages: string[];
}

export type BpttQuery =
  /** The (t, k) matrix of ‖∂J(t)/∂h(k)‖ on the sequence, with the current weights. */
  | {kind: "flow"}
  /**
   * The factors of ∂h(t)/∂h(k), 0 ≤ k ≤ t ≤ length, one by one from j = t down to k + 1; with
   * `matrices` (for t − k ≤ MAX_WALK), each factor D(j)W_h and the product as H × H matrices too.
   */
  | {kind: "jacobian"; t: number; k: number; matrices?: boolean}
  /** A fresh model from this config trained `steps` SGD steps with and without clipping at `clip`. */
  | {kind: "clipping"; steps: number; clip: number; learningRate?: number};

export interface BpttFlowView extends Spectrum {
  kind: "flow";
  T: number;
  /** The sequence's T + 1 characters: inputs c(1)…c(T), and c(T+1), the last target. */
  chars: string[];
  /** ‖∂J(t)/∂h(k)‖ at (t−1)·T + (k−1), 1 ≤ k ≤ t ≤ T; NaN where k > t. */
  norms: Float64Array;
  /** The same divided by ‖∂J(t)/∂h(t)‖ (≤ (γs)^(t−k)). */
  gains: Float64Array;
  /** Against distance d = t − k = 0…T−1: mean norm, geometric-mean gain, and the bound (γs)^d. */
  meanNorm: Float64Array;
  meanGain: Float64Array;
  bound: Float64Array;
  /** J(t) at every step, nats. */
  losses: Float64Array;
}

export interface BpttJacobianView extends Spectrum {
  kind: "jacobian";
  t: number;
  k: number;
  steps: JacobianStep[];
  /** (γs)^(t−k), the bound on ‖∂h(t)/∂h(k)‖. */
  bound: number;
  /** ‖∂J(t)/∂h(t)‖, where the gradient starts. */
  gradNormAtT: number;
}

export interface BpttClippingView {
  kind: "clipping";
  clip: number;
  withClip: ClipRun;
  withoutClip: ClipRun;
}

export type BpttView = BpttFlowView | BpttJacobianView | BpttClippingView;
export type BpttViewOf<K extends BpttQuery["kind"]> = Extract<BpttView, {kind: K}>;

/**
 * Limits on the sizes: "flow" costs T²·H²/2 and "jacobian" (t − k)·H³ multiply-adds, so at the
 * limits (T = 200, H = 128) a flow takes about a second and a full-length jacobian a few; the
 * defaults (T = 40, H = 32) answer in milliseconds.
 */
export const MAX_LENGTH = 200;
export const MAX_HIDDEN = 128;
/**
 * The most factors a jacobian query returns as matrices (the page's stepper walks this many): at
 * H = 128 that is 24 float32 factors and one float64 product, about 1.7 MB.
 */
export const MAX_WALK = 24;

export class BpttLive implements LiveModel<BpttConfig, BpttQuery, BpttView> {
  private config: Required<BpttConfig> = {...defaultBpttConfig, text: DEFAULT_TEXT, learningRate: 0.1, clip: 0, batch: 8};
  private model: CharRnn | null = null;
  private trainer: CharTrainer<RnnTrace> | null = null;
  private sequence = new Int32Array(0);
  /** s and ρ of the current W_h (cleared whenever W_h changes). */
  private cached: Spectrum | null = null;

  reset(config: BpttConfig): BpttInfo {
    const checked = checkText(config.text ?? DEFAULT_TEXT);
    if (!checked.ok) throw new Error(checked.messages[0]);
    const length = config.length;
    if (!(Number.isInteger(length) && length >= 1 && length <= MAX_LENGTH)) throw new Error(`The length must be a whole number from 1 to ${MAX_LENGTH}.`);
    if (!(Number.isInteger(config.hidden) && config.hidden >= 1 && config.hidden <= MAX_HIDDEN)) {
      throw new Error(`hidden must be a whole number from 1 to ${MAX_HIDDEN}.`);
    }
    if (!(config.scale > 0)) throw new Error("The scale s must be a positive number.");
    this.config = {...config, text: checked.text, length, learningRate: config.learningRate ?? 0.1, clip: config.clip ?? 0, batch: config.batch ?? 8};
    const model = buildCharRnn(this.config);
    const c = this.config;
    this.trainer = new CharTrainer(model.lm, model.ids, {seqLen: length, batch: c.batch, learningRate: c.learningRate, clip: c.clip, optimizer: "sgd"});
    this.model = model;
    this.cached = null;
    const ids = model.ids;
    this.sequence = Int32Array.from({length: length + 1}, (_, i) => ids[i % ids.length]);
    return {parameters: countParams(model.lm.params), vocabSize: model.vocab.size, length, messages: checked.messages, ...this.spectrum()};
  }

  private built(): {model: CharRnn; trainer: CharTrainer<RnnTrace>} {
    if (!this.model || !this.trainer) throw new Error("BpttLive: call reset(config) first");
    return {model: this.model, trainer: this.trainer};
  }

  private spectrum(): Spectrum {
    if (this.cached) return this.cached;
    const W = this.built().model.cell.Wh.value;
    const s = largestSingularValue(W).value, gamma = derivBound(this.config.activation);
    return (this.cached = {s, spectralRadius: spectralRadius(W), gamma, gammaS: gamma * s});
  }

  trainStep(): Metrics {
    this.cached = null;
    const {loss, gradNorm, clippedNorm} = this.built().trainer.step();
    return {loss, gradNorm, clippedNorm};
  }

  /** Only learningRate and clip change without a rebuild; other fields are ignored (use reset). */
  configure(patch: Partial<BpttConfig>): void {
    const {trainer} = this.built();
    if (patch.learningRate !== undefined) trainer.learningRate = this.config.learningRate = patch.learningRate;
    if (patch.clip !== undefined) trainer.clip = this.config.clip = patch.clip;
  }

  query(q: BpttQuery): BpttView {
    const {model} = this.built();
    if (q.kind === "clipping") {
      const c = this.config;
      const runs = clippingEffect({...c, seqLen: c.length, learningRate: q.learningRate ?? c.learningRate, clip: q.clip, steps: Math.min(Math.floor(q.steps), 1000)});
      return {kind: "clipping", clip: q.clip, ...runs};
    }
    const flow = sequenceFlow(model.lm, model.cell, this.sequence);
    const spectrum = this.spectrum();
    const T = flow.T;
    if (q.kind === "flow") {
      const {norms, gains} = gradientNorms(flow.Wh, flow.derivs, flow.dJdh);
      return {
        kind: "flow",
        T,
        chars: Array.from(model.vocab.decode(this.sequence)),
        norms,
        gains,
        meanNorm: byDistance(norms, T),
        meanGain: byDistance(gains, T, "geometric"),
        bound: Float64Array.from({length: T}, (_, d) => spectrum.gammaS ** d),
        losses: flow.losses,
        ...spectrum
      };
    }
    const {t, k, matrices = false} = q;
    if (!(Number.isInteger(t) && Number.isInteger(k) && 0 <= k && k <= t && t <= T)) {
      throw new Error(`jacobian: need whole numbers 0 ≤ k ≤ t ≤ ${T}, not t = ${t}, k = ${k}`);
    }
    if (matrices && t - k > MAX_WALK) throw new Error(`jacobian: the matrices come for at most ${MAX_WALK} factors, not t − k = ${t - k}`);
    const g = flow.dJdh[t - 1] ?? new Float64Array(model.cell.hiddenSize);
    return {
      kind: "jacobian",
      t,
      k,
      steps: jacobianSteps(flow.Wh, flow.derivs, t, k, g, {matrices}),
      bound: spectrum.gammaS ** (t - k),
      gradNormAtT: Math.sqrt(g.reduce((s, x) => s + x * x, 0)),
      ...spectrum
    };
  }
}
