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
  /** The training text (DEFAULT_TEXT when empty). */
  text: string;
  /** Hidden size H (of both h and c). */
  hidden: number;
  /** Embedding size; 0 for one-hot inputs. */
  embed: number;
  /** Characters per chunk of truncated BPTT, and streams per batch. */
  seqLen: number;
  batch: number;
  /** Adam's step size and the global gradient-norm clip (both can change through configure). */
  learningRate: number;
  clip: number;
  /** Initial b_f (1: the forget-bias trick of Gers et al., 2000; Jozefowicz et al., 2015). */
  forgetBias: number;
  seed: number;
}

export const defaultLstmLiveConfig: LstmLiveConfig = {
  text: "",
  hidden: 64,
  embed: 0,
  seqLen: 32,
  batch: 16,
  learningRate: 0.005,
  clip: 5,
  forgetBias: 1,
  seed: 1
};

export type LstmQuery =
  | {kind: "gates"; text: string; top?: number}
  | {kind: "compare"; texts: [string, string]; top?: number}
  | {kind: "step"; text: string; t: number}
  | {kind: "gradient-flow"; text: string; t?: number; forgetBias?: number}
  | {kind: "sample"; prompt?: string; length: number; temperature: number; seed: number};

export type LstmGatesView = {kind: "gates"} & GateReading;
export interface LstmCompareView {
  kind: "compare";
  readings: [GateReading, GateReading];
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
}
export type LstmView = LstmGatesView | LstmCompareView | LstmStepView | LstmFlowView | LstmSampleView;

export interface LstmInfo extends ModelInfo {
  /** The vocabulary, id → character (id 0 is the unknown character). */
  vocab: string[];
  hidden: number;
  /** Characters in the training text. */
  length: number;
}

/** [h(T), c(T)]: what the LSTM carries from one chunk into the next. */
const carryHc = (tr: LstmTrace) => (tr.hs.length ? [tr.hs[tr.hs.length - 1], tr.c[tr.c.length - 1]] : []);

/** The model a config and vocabulary describe (seeded: the same arguments give the same weights). */
export function buildLstmLM(config: LstmLiveConfig, vocab: Vocab, forgetBias = config.forgetBias): CharLM<LstmTrace> {
  const rng = new Rng(config.seed);
  const input = config.embed > 0 ? config.embed : vocab.size;
  const cell = new LstmCell({inputSize: input, hiddenSize: config.hidden, forgetBias}, rng);
  return new CharLM<LstmTrace>(cell, vocab, {embed: config.embed, carry: carryHc}, rng);
}

export class LstmLive implements LiveModel<LstmLiveConfig, LstmQuery, LstmView> {
  private config: LstmLiveConfig = defaultLstmLiveConfig;
  private lm!: CharLM<LstmTrace>;
  private trainer!: CharTrainer<LstmTrace>;

  reset(config: LstmLiveConfig): LstmInfo {
    this.config = {...defaultLstmLiveConfig, ...config};
    const text = this.config.text || DEFAULT_TEXT;
    const vocab = Vocab.fromText(text);
    this.lm = buildLstmLM(this.config, vocab);
    const {seqLen, batch, learningRate, clip} = this.config;
    this.trainer = new CharTrainer(this.lm, vocab.encode(text), {seqLen, batch, learningRate, clip});
    return {parameters: countParams(this.lm.params), vocab: [...vocab.chars], hidden: this.config.hidden, length: Array.from(text).length};
  }

  trainStep(): Metrics {
    const {loss, gradNorm} = this.trainer.step();
    return {loss, gradNorm};
  }

  configure(patch: Partial<LstmLiveConfig>): void {
    if (patch.learningRate !== undefined) this.trainer.learningRate = patch.learningRate;
    if (patch.clip !== undefined) this.trainer.clip = patch.clip;
    this.config = {...this.config, ...patch};
  }

  query(q: LstmQuery): LstmView {
    switch (q.kind) {
      case "gates":
        return {kind: "gates", ...readGates(this.lm, q.text, q.top)};
      case "compare":
        return {kind: "compare", readings: [readGates(this.lm, q.texts[0], q.top), readGates(this.lm, q.texts[1], q.top)]};
      case "step":
        return {kind: "step", ...stepNumbers(this.lm, q.text, q.t)};
      case "gradient-flow":
        return this.flow(q.text, q.t, q.forgetBias);
      case "sample":
        return {kind: "sample", ...sample(this.lm, {prompt: q.prompt, length: q.length, temperature: q.temperature, rng: new Rng(q.seed)})};
    }
  }

  /** J(t) = −log ŷ(t) of character t + 1; its gradient ∂J/∂h(t) = W_yᵀ (ŷ − onehot) seeds the flow. */
  private flow(text: string, t: number | undefined, forgetBias: number | undefined): LstmFlowView {
    const lm = forgetBias === undefined ? this.lm : buildLstmLM(this.config, this.lm.vocab, forgetBias);
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
