/**
 * Chapter 3's live model: the character language model of chapter 1 (char-lm.ts, trained by
 * truncated BPTT in char-trainer.ts) with the LSTM cell in place of the vanilla one. The LSTM
 * carries two states between chunks, [h, c].
 *
 * Queries (each View carries the same `kind`):
 *   "gates"          f, i, c̃, o, c, h over a text, (n, H) each, and the top next characters per step
 *   "compare"        the same for two texts side by side
 *   "step"           one time step taken apart: forget → input → candidate → cell update → output
 *   "gradient-flow"  ‖∂J(t)/∂c(k)‖ and ‖∂J(t)/∂h(k)‖ against t − k, J(t) the loss at step t; for the
 *                    trained model, or for a fresh one initialised with a chosen forget bias
 *   "sample"         text generated at a temperature
 */
import {countParams, crossEntropyLogits, matvecT, row} from "../engine/index.js";
import {Rng} from "../engine/rng.js";
import {DEFAULT_TEXT} from "../text/default-text.js";
import {checkText} from "../text/check.js";
import {Vocab} from "../text/vocab.js";
import type {LiveModel, Metrics, ModelInfo} from "../workers/protocol.js";
import {CharLM} from "./char-lm.js";
import {sample} from "./char-sample.js";
import {CharTrainer} from "./char-trainer.js";
import type {LstmGradientFlow} from "./lstm-bptt.js";
import {lstmGradientFlow} from "./lstm-bptt.js";
import type {LstmTrace} from "./lstm-cell.js";
import {LstmCell} from "./lstm-cell.js";
import type {GateReading, LstmStep} from "./lstm-read.js";
import {readGates, stepNumbers} from "./lstm-read.js";

export interface LstmLiveConfig {
  /** The training text (checked with checkText: cut to 200 000 characters). */
  text: string;
  /** Hidden size H (of both h and c). */
  hidden: number;
  /** Embedding size D; 0: one-hot inputs. */
  embed: number;
  /** Characters per truncated-BPTT chunk T, and streams trained side by side B. */
  seqLen: number;
  batch: number;
  /** Adam's step size and the global gradient-norm threshold (0: no clipping); both can change through configure. */
  learningRate: number;
  clip: number;
  /** Initial b_f (1: the forget-bias trick of Gers et al., 2000; Jozefowicz et al., 2015). */
  forgetBias: number;
  seed: number;
}

export const defaultLstmLiveConfig: LstmLiveConfig = {
  text: DEFAULT_TEXT,
  hidden: 64,
  embed: 0,
  seqLen: 32,
  batch: 16,
  learningRate: 0.01,
  clip: 5,
  forgetBias: 1,
  seed: 1
};

/** Texts longer than this are read only up to here (the views carry `truncated`). */
export const MAX_READ = 2000;

export type LstmQuery =
  /** f, i, c̃, o, c, h over a text and the k most likely next characters at every step. */
  | {kind: "gates"; text: string; topK?: number}
  /** The same for two texts side by side. */
  | {kind: "compare"; texts: [string, string]; topK?: number}
  /** Step t (1-based) of reading `text`, stage by stage. */
  | {kind: "step"; text: string; t: number}
  /** ‖∂J(t)/∂c(k)‖, ‖∂J(t)/∂h(k)‖ against t − k; t defaults to the last step with a next character.
   *  forgetBias omitted: the trained model; given: a fresh model (same seed) with b_f = forgetBias. */
  | {kind: "gradient-flow"; text: string; t?: number; forgetBias?: number}
  /** Generate `length` characters at temperature τ (0: always the most likely), after `prompt`. */
  | {kind: "sample"; length: number; temperature: number; seed: number; prompt?: string};

export type LstmGatesView = {kind: "gates"; truncated: boolean} & GateReading;
export interface LstmCompareView {
  kind: "compare";
  readings: [GateReading & {truncated: boolean}, GateReading & {truncated: boolean}];
}
export type LstmStepView = {kind: "step"} & LstmStep;
export type LstmFlowView = {
  kind: "gradient-flow";
  /** The loss's step t (1-based) and the character it predicts. */
  t: number;
  target: string;
  /** "trained": the current model; "fresh": untrained, same seed, b_f set to forgetBias. */
  model: "trained" | "fresh";
  /** b_f's mean over the hidden units of the model used. */
  forgetBias: number;
} & LstmGradientFlow;
export interface LstmSampleView {
  kind: "sample";
  prompt: string;
  text: string;
  temperature: number;
}
export type LstmView = LstmGatesView | LstmCompareView | LstmStepView | LstmFlowView | LstmSampleView;
/** The view a query of kind K answers with. */
export type LstmViewOf<K extends LstmQuery["kind"]> = Extract<LstmView, {kind: K}>;

export interface LstmInfo extends ModelInfo {
  /** id → character; vocab[0] is the unknown sign "\uFFFD". */
  vocab: string[];
  vocabSize: number;
  /** ln V: the loss of a model that guesses uniformly, in nats/char. */
  lnV: number;
  hidden: number;
  /** Characters of the text used, and the batch and chunk actually used (cut for tiny texts). */
  textLength: number;
  batch: number;
  seqLen: number;
  /** Warnings about the text for the reader. */
  messages: string[];
}

/** [h(T), c(T)]: what the LSTM carries from one chunk into the next. */
export const carryHc = (tr: LstmTrace) => (tr.hs.length ? [tr.hs[tr.hs.length - 1], tr.c[tr.c.length - 1]] : []);

/** The model a config and vocabulary describe (seeded: the same arguments give the same weights). */
export function buildLstmLM(config: LstmLiveConfig, vocab: Vocab, forgetBias = config.forgetBias): CharLM<LstmTrace> {
  const rng = new Rng(config.seed);
  const input = config.embed > 0 ? config.embed : vocab.size;
  const cell = new LstmCell({inputSize: input, hiddenSize: config.hidden, forgetBias}, rng);
  return new CharLM<LstmTrace>(cell, vocab, {embed: config.embed, carry: carryHc}, rng);
}

/** The first MAX_READ characters of a text, and whether it was longer. */
function cut(text: string): {text: string; truncated: boolean} {
  const all = Array.from(text);
  return {text: all.slice(0, MAX_READ).join(""), truncated: all.length > MAX_READ};
}

export class LstmLive implements LiveModel<LstmLiveConfig, LstmQuery, LstmView> {
  private config: LstmLiveConfig = defaultLstmLiveConfig;
  private lm: CharLM<LstmTrace> | null = null;
  private trainer: CharTrainer<LstmTrace> | null = null;

  reset(config: LstmLiveConfig): LstmInfo {
    const checked = checkText(config.text);
    if (!checked.ok) throw new Error(checked.messages[0]);
    this.config = {...defaultLstmLiveConfig, ...config, text: checked.text};
    const vocab = Vocab.fromText(checked.text);
    const lm = buildLstmLM(this.config, vocab);
    const {seqLen, batch, learningRate, clip} = this.config;
    const trainer = new CharTrainer(lm, vocab.encode(checked.text), {seqLen, batch, learningRate, clip});
    this.lm = lm;
    this.trainer = trainer;
    return {
      parameters: countParams(lm.params),
      vocab: [...vocab.chars],
      vocabSize: vocab.size,
      lnV: Math.log(vocab.size),
      hidden: this.config.hidden,
      textLength: checked.length,
      batch: trainer.B,
      seqLen: trainer.T,
      messages: checked.messages
    };
  }

  private built(): {lm: CharLM<LstmTrace>; trainer: CharTrainer<LstmTrace>} {
    if (!this.lm || !this.trainer) throw new Error("LstmLive: call reset(config) first");
    return {lm: this.lm, trainer: this.trainer};
  }

  trainStep(): Metrics {
    const {loss, gradNorm} = this.built().trainer.step();
    return {loss, gradNorm};
  }

  configure(patch: Partial<LstmLiveConfig>): void {
    const {trainer} = this.built();
    if (patch.learningRate !== undefined) trainer.learningRate = patch.learningRate;
    if (patch.clip !== undefined) trainer.clip = patch.clip;
    this.config = {...this.config, ...patch};
  }

  query(q: LstmQuery): LstmView {
    const {lm} = this.built();
    const gates = (text: string, k = 5) => {
      const c = cut(text);
      return {truncated: c.truncated, ...readGates(lm, c.text, k)};
    };
    switch (q.kind) {
      case "gates":
        return {kind: "gates", ...gates(q.text, q.topK)};
      case "compare":
        return {kind: "compare", readings: [gates(q.texts[0], q.topK), gates(q.texts[1], q.topK)]};
      case "step":
        return {kind: "step", ...stepNumbers(lm, cut(q.text).text, q.t)};
      case "gradient-flow":
        return this.flow(cut(q.text).text, q.t, q.forgetBias);
      case "sample": {
        const s = sample(lm, {prompt: q.prompt, length: Math.min(q.length, 5000), temperature: q.temperature, rng: new Rng(q.seed)});
        return {kind: "sample", prompt: s.prompt, text: s.text, temperature: q.temperature};
      }
    }
  }

  /** J(t) = −log ŷ(t) of character t + 1; its gradient ∂J/∂h(t) = W_yᵀ (ŷ − onehot) seeds the flow. */
  private flow(text: string, t: number | undefined, forgetBias: number | undefined): LstmFlowView {
    const trained = this.built().lm;
    const lm = forgetBias === undefined ? trained : buildLstmLM(this.config, trained.vocab, forgetBias);
    const ids = lm.vocab.encode(text), n = ids.length;
    const step = t ?? n - 1;
    if (!(step >= 1 && step < n)) throw new Error(`gradient-flow: step ${step} needs 1 ≤ t < ${n} (a next character)`);
    const trace = lm.forward(ids.subarray(0, step), step, 1); // reads characters 1…t
    const dz = new Float32Array(lm.V); // ∂J/∂logits: (V)
    crossEntropyLogits(row(trace.logits, step - 1), ids[step], undefined, dz);
    const dh = matvecT(lm.Wy.value, dz, new Float32Array(lm.cell.hiddenSize)); // ∂J/∂h(t) = W_yᵀ dz: (H)
    const cell = lm.cell as LstmCell;
    const bf = cell.get("b_f").value.data;
    let bfSum = 0;
    for (const v of bf) bfSum += v;
    return {
      kind: "gradient-flow",
      t: step,
      target: lm.vocab.chars[ids[step]],
      model: forgetBias === undefined ? "trained" : "fresh",
      forgetBias: bfSum / bf.length,
      ...lstmGradientFlow(cell, trace.cell, step, dh)
    };
  }
}
