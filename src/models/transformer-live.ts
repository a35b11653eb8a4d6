/**
 * Chapter 8's live model: the Transformer on chapter 4's toy translation, behind the worker
 * protocol. Queries read the model on the reader's input (translation and every attention map, the
 * live tensors of one diagram block, the stepper's numbers), measure it (held-out accuracy by
 * source length for the chart shared with chapter 4; our layers' timings for Table 1), or swap its
 * weights (load a checkpoint, save one).
 */
import type {LiveModel, Metrics, ModelInfo} from "../workers/protocol.js";
import type {TimingRow} from "./complexity.js";
import {timeLayers} from "./complexity.js";
import {packParams, unpackParams} from "./seq2seq/codec.js";
import type {TaskName} from "./seq2seq/tasks.js";
import type {BlockId} from "./transformer/blocks.js";
import {blockIds} from "./transformer/blocks.js";
import type {SavedTransformer} from "./transformer/checkpoint.js";
import {accuracyByLength} from "./transformer/evaluate.js";
import type {AttentionMaps} from "./transformer/read.js";
import {readTranslation} from "./transformer/read.js";
import type {Built, TransformerSettings} from "./transformer/settings.js";
import {build, DEFAULT_SETTINGS, settingsError} from "./transformer/settings.js";
import type {Stepper} from "./transformer/stepper.js";
import {stepperNumbers} from "./transformer/stepper.js";
import type {TensorView} from "./transformer/tensor-view.js";
import {blockTensors} from "./transformer/trace.js";

export type {AttentionMaps, BlockId, SavedTransformer, Stepper, TaskName, TensorView, TimingRow, TransformerSettings};
export type {HeadMap} from "./transformer/read.js";
export type {StepNumbers} from "./transformer/stepper.js";

export type TransformerLiveConfig = TransformerSettings;
export const DEFAULT_LIVE_CONFIG: TransformerLiveConfig = DEFAULT_SETTINGS;

export type TransformerQuery =
  /** Greedy translation of `input`, with every attention map (encoder self, decoder self, cross) by layer and head. */
  | {kind: "translate"; input: string}
  /** The live tensors of one diagram block while translating `input`. */
  | {kind: "block"; input: string; block: BlockId}
  /** The stepper's numbers of one block at one position (and head, for attention blocks; default 0). */
  | {kind: "stepper"; input: string; block: BlockId; position: number; head?: number}
  /** Held-out exact match and character accuracy by source length (defaults: every length of the task, 40 each, seed 4242). */
  | {kind: "accuracyByLength"; lengths?: number[]; perLength?: number; seed?: number}
  /** Times our attention, recurrent and convolution layers (forward, one sequence) on a grid of n and d. */
  | {kind: "timing"; ns: number[]; ds: number[]; k?: number; minMs?: number}
  /**
   * Replaces the model with a saved one and adopts its settings, except that training from there
   * goes on at a constant rate (decay 0); the step count becomes the saved one's. (This query does
   * change the model: it is the one way to install weights without retraining.)
   */
  | {kind: "load"; model: SavedTransformer}
  /** The current weights and settings. */
  | {kind: "save"};

export interface TranslateView {
  kind: "translate";
  /** The input as the task normalised it, the model's output and the right answer. */
  input: string;
  output: string;
  reference: string;
  correct: boolean;
  srcTokens: string[];
  /** The tokens written (then <end>), and the decoder's input at each position (<start>, then those tokens). */
  outTokens: string[];
  decTokens: string[];
  /** [layer][head]: encoderSelf rows and columns are srcTokens; decoderSelf rows and columns decTokens; cross rows decTokens, columns srcTokens. */
  attention: AttentionMaps;
}

export interface BlockView {
  kind: "block";
  input: string;
  block: BlockId;
  tensors: TensorView[];
}

export interface StepperView extends Stepper {
  kind: "stepper";
  input: string;
}

export interface LengthView {
  kind: "accuracyByLength";
  task: TaskName;
  lengths: number[];
  trainLengths: [number, number];
  exact: Float32Array;
  chars: Float32Array;
  /** Training steps behind these numbers (0: untrained). */
  trainedSteps: number;
}

export interface TimingView {
  kind: "timing";
  rows: TimingRow[];
}

export interface LoadedView {
  kind: "loaded";
  task: TaskName;
  steps: number;
  parameters: number;
}

export interface SavedView {
  kind: "saved";
  model: SavedTransformer;
}

/** A query the model cannot answer (an input the task cannot take, a block it does not have, …). */
export interface InvalidView {
  kind: "invalid";
  message: string;
}

export type TransformerView = TranslateView | BlockView | StepperView | LengthView | TimingView | LoadedView | SavedView | InvalidView;

/** Settings that change the model's shape or its data: changing them needs reset(). */
const STRUCTURAL = ["task", "dModel", "heads", "layers", "ffHidden", "norm", "positions", "scaleEmbedding", "tieOutput", "seed"] as const;

export class TransformerLive implements LiveModel<TransformerLiveConfig, TransformerQuery, TransformerView> {
  private config: TransformerLiveConfig = DEFAULT_LIVE_CONFIG;
  private built: Built | null = null;
  private steps = 0;

  reset(config: TransformerLiveConfig): ModelInfo {
    const error = settingsError(config);
    if (error) throw new Error(`transformer: ${error}`);
    this.config = {...config};
    this.built = build(this.config);
    this.steps = 0;
    return this.info();
  }

  private model(): Built {
    if (!this.built) throw new Error("transformer: call reset(config) first");
    return this.built;
  }

  private info(): ModelInfo {
    const {task, model} = this.model();
    return {
      parameters: model.params.reduce((n, p) => n + p.value.data.length, 0),
      task: task.name,
      blocks: blockIds(this.config.layers, this.config.norm),
      srcTokens: [...task.src.tokens],
      tgtTokens: [...task.tgt.tokens],
      trainLengths: [...task.trainLengths],
      maxLength: task.maxLength
    };
  }

  trainStep(): Metrics {
    const {loss, accuracy, gradNorm, learningRate} = this.model().trainer.step();
    this.steps++;
    return {loss, accuracy, gradNorm, learningRate};
  }

  configure(patch: Partial<TransformerLiveConfig>): void {
    const structural = STRUCTURAL.filter((k) => k in patch && patch[k] !== this.config[k]);
    if (structural.length) throw new Error(`transformer: changing ${structural.join(", ")} needs reset(config)`);
    const next = {...this.config, ...patch};
    const error = settingsError(next);
    if (error) throw new Error(`transformer: ${error}`);
    this.config = next;
    const {trainer} = this.model();
    const {batchSize, learningRate, warmup, decay, clip} = next;
    trainer.settings = {batchSize, learningRate, warmup, decay, clip};
  }

  query(q: TransformerQuery): TransformerView {
    try {
      switch (q.kind) {
        case "translate":
          return this.translate(q.input);
        case "block":
          return this.withReading(q.input, (text, r) => ({kind: "block", input: text, block: q.block, tensors: blockTensors(this.model().model, r.pass, q.block).tensors}));
        case "stepper":
          return this.withReading(q.input, (text, r) => ({kind: "stepper", input: text, ...stepperNumbers(this.model().model, r.pass, q.block, q.position, q.head ?? 0)}));
        case "accuracyByLength":
          return this.byLength(q.lengths, q.perLength ?? 40, q.seed ?? 4242);
        case "timing":
          return this.timing(q.ns, q.ds, q.k ?? 3, q.minMs ?? 20);
        case "load":
          return this.load(q.model);
        case "save":
          return {kind: "saved", model: {settings: {...this.config}, steps: this.steps, params: packParams(this.model().model.params)}};
      }
    } catch (e) {
      return {kind: "invalid", message: e instanceof Error ? e.message : String(e)};
    }
  }

  /** Checks the reader's input and reads the model on it. */
  private withReading<V extends TransformerView>(input: string, f: (text: string, r: ReturnType<typeof readTranslation>) => V): V | InvalidView {
    const {task, model} = this.model();
    const checked = task.check(input);
    if (!checked.ok) return {kind: "invalid", message: checked.message};
    return f(checked.text, readTranslation(model, task, checked.text));
  }

  private translate(input: string): TranslateView | InvalidView {
    const {task} = this.model();
    return this.withReading(input, (text, r) => {
      const reference = task.reference(text);
      return {
        kind: "translate", input: text, output: r.output, reference, correct: r.output === reference,
        srcTokens: r.srcTokens, outTokens: r.outTokens, decTokens: r.decTokens, attention: r.attention
      };
    });
  }

  private byLength(lengths: number[] | undefined, perLength: number, seed: number): LengthView | InvalidView {
    const {task, model} = this.model();
    const possible = task.lengths();
    const ls = lengths ?? possible;
    const bad = ls.find((n) => !possible.includes(n));
    if (bad !== undefined) return {kind: "invalid", message: `The ${task.name} task has no sources of length ${bad} (it has ${possible[0]}…${possible[possible.length - 1]}).`};
    if (!Number.isInteger(perLength) || perLength < 1 || perLength > 1000) return {kind: "invalid", message: "perLength must be an integer from 1 to 1000."};
    const rows = accuracyByLength(model, task, ls, perLength, seed);
    const [lo, hi] = task.trainLengths;
    return {
      kind: "accuracyByLength", task: this.config.task, lengths: ls, trainLengths: [lo, hi],
      exact: Float32Array.from(rows, (r) => r.exact), chars: Float32Array.from(rows, (r) => r.chars), trainedSteps: this.steps
    };
  }

  private timing(ns: number[], ds: number[], k: number, minMs: number): TimingView | InvalidView {
    const ok = (xs: number[], hi: number) => xs.length > 0 && xs.length <= 16 && xs.every((x) => Number.isInteger(x) && x >= 1 && x <= hi);
    if (!ok(ns, 1024) || !ok(ds, 512)) return {kind: "invalid", message: "ns (≤ 1024) and ds (≤ 512): up to 16 positive integers each."};
    if (!Number.isInteger(k) || k < 1 || k % 2 === 0) return {kind: "invalid", message: "k must be an odd positive integer."};
    return {kind: "timing", rows: timeLayers(ns, ds, {k, minMs: Math.min(Math.max(minMs, 1), 200)})};
  }

  private load(saved: SavedTransformer): LoadedView {
    const error = settingsError(saved.settings);
    if (error) throw new Error(`transformer: the saved model's settings are wrong: ${error}`);
    const settings = {...saved.settings, decay: 0};
    const built = build(settings);
    unpackParams(built.model.params, saved.params);
    this.config = settings;
    this.built = built;
    this.steps = saved.steps;
    return {kind: "loaded", task: this.config.task, steps: saved.steps, parameters: built.model.params.reduce((n, p) => n + p.value.data.length, 0)};
  }
}
