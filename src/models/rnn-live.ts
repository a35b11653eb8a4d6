/**
 * Chapter 1's live model: a character RNN language model trained in the page's worker.
 *   reset(config)  builds vocabulary, cell and head from the seed (throws with the reader-facing
 *                  message when the text cannot be used; warnings go to info.messages)
 *   trainStep()    one truncated-BPTT step with Adam: {loss (nats/char), gradNorm (before clipping)}
 *   query(q)       "read" | "sample" | "step" | "params" | "gradient-flow" (see RnnQuery)
 *   configure()    learningRate and clip, without a rebuild
 */
import type {Activation} from "../engine/index.js";
import {Rng, countParams} from "../engine/index.js";
import {checkText} from "../text/check.js";
import {DEFAULT_TEXT} from "../text/default-text.js";
import type {LiveModel, Metrics, ModelInfo} from "../workers/protocol.js";
import {readText, topK} from "./char-read.js";
import type {CharRnn} from "./char-rnn.js";
import {buildCharRnn} from "./char-rnn.js";
import {sample} from "./char-sample.js";
import {CharTrainer} from "./char-trainer.js";
import {mlpParameters, rnnParameters} from "./param-counts.js";
import type {RnnGradientFlow} from "./rnn-flow.js";
import {rnnGradientFlow} from "./rnn-flow.js";
import type {RnnTrace} from "./rnn-cell.js";
import type {StepNumbers} from "./rnn-stepper.js";
import {stepNumbers} from "./rnn-stepper.js";

export interface RnnConfig {
  /** The training text (checked with checkText: cut to 200 000 characters). */
  text: string;
  hidden: number;
  /** Characters per truncated-BPTT chunk T. */
  seqLen: number;
  /** Streams trained side by side B. */
  batch: number;
  /** Adam's step size. */
  learningRate: number;
  /** Global gradient-norm threshold; 0 turns clipping off. */
  clip: number;
  seed: number;
  activation: Activation;
  /** Embedding size D; 0 or omitted: one-hot inputs. */
  embed?: number;
}

export const defaultRnnConfig: RnnConfig = {
  text: DEFAULT_TEXT,
  hidden: 64,
  seqLen: 32,
  batch: 16,
  learningRate: 0.01,
  clip: 5,
  seed: 1,
  activation: "tanh"
};

export interface RnnInfo extends ModelInfo {
  /** id → character; vocab[0] is the unknown sign "\uFFFD". */
  vocab: string[];
  vocabSize: number;
  /** ln V: the loss of a model that guesses uniformly, in nats/char. */
  lnV: number;
  /** Characters of the text used, and the batch and chunk actually used (cut for tiny texts). */
  textLength: number;
  batch: number;
  seqLen: number;
  /** Warnings about the text for the reader (cut, very short, many distinct characters …). */
  messages: string[];
}

export type RnnQuery =
  /** Read a text: h(t), the next-character distribution and the surprise at every step. */
  | {kind: "read"; text: string; topK?: number}
  /** Generate `length` characters at temperature τ (0: always the most likely), after `prompt`. */
  | {kind: "sample"; length: number; temperature: number; seed: number; prompt?: string}
  /** The numbers of the equations at step t (1-based) of `text`. */
  | {kind: "step"; text: string; t: number}
  /** Parameter counts: an MLP over a window of 1…window one-hot characters vs this RNN. */
  | {kind: "params"; window: number}
  /** ‖∂J(t)/∂h(k)‖ against t − k, J(t) the loss at step t (default: the last step with a next
   *  character). fresh omitted or false: the trained model; true: a fresh one from the same seed. */
  | {kind: "gradient-flow"; text: string; t?: number; fresh?: boolean};

export interface RnnReadView {
  kind: "read";
  /** The characters read (cut to the first 4 000; then truncated is true). */
  chars: string[];
  truncated: boolean;
  /** Their ids (0 for characters the model has not seen; those are listed in `unseen`). */
  ids: Int32Array;
  unseen: string[];
  vocab: string[];
  hidden: number;
  /** Row t−1 is h(t): (n, hidden) row-major. */
  states: Float32Array;
  /** The k most likely next characters after each step: ids and probabilities, (n, k) row-major. */
  k: number;
  topIds: Int32Array;
  topProbs: Float32Array;
  /** ŷ(t) of the character that does come next, and J(t) = −log of it (NaN at the last step). */
  nextProb: Float32Array;
  losses: Float32Array;
  /** Mean J(t) over the text, nats/char. */
  meanLoss: number;
}

export interface RnnSampleView {
  kind: "sample";
  prompt: string;
  text: string;
  temperature: number;
}

export interface RnnStepView extends StepNumbers {
  kind: "step";
  vocab: string[];
}

export interface RnnParamsView {
  kind: "params";
  vocab: number;
  hidden: number;
  /** The RNN's count (the same for every length). */
  rnn: number;
  /** w = 1…window and the MLP's count for each. */
  windows: number[];
  mlp: number[];
}

export type RnnFlowView = {
  kind: "gradient-flow";
  /** The loss's step t (1-based) and the character it predicts. */
  t: number;
  target: string;
  /** "trained": the current model; "fresh": untrained, built from the same seed. */
  model: "trained" | "fresh";
} & RnnGradientFlow;

export type RnnView = RnnReadView | RnnSampleView | RnnStepView | RnnParamsView | RnnFlowView;
/** The view a query of kind K answers with. */
export type RnnViewOf<K extends RnnQuery["kind"]> = Extract<RnnView, {kind: K}>;

export const MAX_READ = 4000;

function wholeNumber(name: string, value: number, min: number, max: number): void {
  if (!(Number.isInteger(value) && value >= min && value <= max)) throw new Error(`${name} must be a whole number from ${min} to ${max}, not ${value}.`);
}

export class RnnLive implements LiveModel<RnnConfig, RnnQuery, RnnView> {
  private config: RnnConfig = defaultRnnConfig;
  private model: CharRnn | null = null;
  private trainer: CharTrainer<RnnTrace> | null = null;

  reset(config: RnnConfig): RnnInfo {
    const checked = checkText(config.text);
    if (!checked.ok) throw new Error(checked.messages[0]);
    wholeNumber("hidden", config.hidden, 1, 1024);
    wholeNumber("seqLen", config.seqLen, 1, 1000);
    wholeNumber("batch", config.batch, 1, 1024);
    wholeNumber("embed", config.embed ?? 0, 0, 1024);
    this.config = {...config, text: checked.text};
    const model = buildCharRnn({...this.config, embed: config.embed ?? 0});
    const trainer = new CharTrainer(model.lm, model.ids, config);
    this.model = model;
    this.trainer = trainer;
    return {
      parameters: countParams(model.lm.params),
      vocab: [...model.vocab.chars],
      vocabSize: model.vocab.size,
      lnV: Math.log(model.vocab.size),
      textLength: checked.length,
      batch: trainer.B,
      seqLen: trainer.T,
      messages: checked.messages
    };
  }

  private built(): {model: CharRnn; trainer: CharTrainer<RnnTrace>} {
    if (!this.model || !this.trainer) throw new Error("RnnLive: call reset(config) first");
    return {model: this.model, trainer: this.trainer};
  }

  trainStep(): Metrics {
    const {loss, gradNorm} = this.built().trainer.step();
    return {loss, gradNorm};
  }

  /** Only learningRate and clip change without a rebuild; other fields are ignored (use reset). */
  configure(patch: Partial<RnnConfig>): void {
    const {trainer} = this.built();
    if (patch.learningRate !== undefined) trainer.learningRate = this.config.learningRate = patch.learningRate;
    if (patch.clip !== undefined) trainer.clip = this.config.clip = patch.clip;
  }

  query(q: RnnQuery): RnnView {
    const {model} = this.built();
    const vocab = [...model.vocab.chars];
    switch (q.kind) {
      case "read":
        return this.read(q.text, q.topK ?? 5);
      case "sample": {
        const s = sample(model.lm, {prompt: q.prompt, length: Math.min(q.length, 5000), temperature: q.temperature, rng: new Rng(q.seed)});
        return {kind: "sample", prompt: s.prompt, text: s.text, temperature: q.temperature};
      }
      case "step":
        return {kind: "step", vocab, ...stepNumbers(model.lm, model.cell, Array.from(q.text).slice(0, MAX_READ).join(""), q.t)};
      case "params": {
        const V = model.vocab.size, H = model.cell.hiddenSize;
        const windows = Array.from({length: Math.max(1, Math.floor(q.window))}, (_, i) => i + 1);
        return {kind: "params", vocab: V, hidden: H, rnn: rnnParameters(V, H, this.config.embed ?? 0), windows, mlp: windows.map((w) => mlpParameters(w, V, H))};
      }
      case "gradient-flow":
        return this.flow(Array.from(q.text).slice(0, MAX_READ).join(""), q.t, q.fresh ?? false);
    }
  }

  /** J(t) = −log ŷ(t) of character t + 1, traced back from ∂J/∂h(t) = W_yᵀ (ŷ − onehot) (rnn-flow.ts). */
  private flow(text: string, t: number | undefined, fresh: boolean): RnnFlowView {
    const model = fresh ? buildCharRnn({...this.config, embed: this.config.embed ?? 0}) : this.built().model;
    const ids = model.vocab.encode(text), n = ids.length;
    const step = t ?? n - 1;
    if (!(Number.isInteger(step) && step >= 1 && step < n)) throw new Error(`gradient-flow: step ${step} needs 1 ≤ t < ${n} (a next character)`);
    return {
      kind: "gradient-flow",
      t: step,
      target: model.vocab.chars[ids[step]],
      model: fresh ? "fresh" : "trained",
      ...rnnGradientFlow(model.lm, model.cell, ids.subarray(0, step + 1))
    };
  }

  private read(text: string, k: number): RnnReadView {
    const {model} = this.built();
    const all = Array.from(text);
    const used = all.slice(0, MAX_READ).join("");
    const r = readText(model.lm, used);
    const n = r.chars.length, V = model.vocab.size;
    const top = topK(r.probs, V, k);
    const nextProb = new Float32Array(n).fill(NaN);
    for (let t = 0; t + 1 < n; t++) nextProb[t] = r.probs[t * V + r.ids[t + 1]];
    return {
      kind: "read",
      chars: r.chars,
      truncated: all.length > MAX_READ,
      ids: r.ids,
      unseen: model.vocab.unseen(used),
      vocab: [...model.vocab.chars],
      hidden: model.cell.hiddenSize,
      states: r.states,
      k: Math.min(k, V),
      topIds: top.ids,
      topProbs: top.probs,
      nextProb,
      losses: Float32Array.from(r.losses),
      meanLoss: r.meanLoss
    };
  }
}
