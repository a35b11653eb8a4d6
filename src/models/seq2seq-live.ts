/**
 * Chapter 4's live model: an encoder–decoder for a toy translation, in its two variants (fixed
 * context and attention), behind the worker protocol. The worker keeps one model of each variant,
 * built from the same seed so they share their initial weights; `trainStep` trains the one named
 * by `config.variant`, the readings take either, and the accuracy-by-length query reads both.
 */
import type {LiveModel, Metrics, ModelInfo} from "../workers/protocol.js";
import type {SavedModel} from "./seq2seq/checkpoint.js";
import {packParams, unpackParams} from "./seq2seq/codec.js";
import {accuracyByLength} from "./seq2seq/evaluate.js";
import type {Variant} from "./seq2seq/model.js";
import type {StepNumbers} from "./seq2seq/read.js";
import {readStep, readTranslation} from "./seq2seq/read.js";
import type {Built, Seq2seqSettings} from "./seq2seq/settings.js";
import {build, DEFAULT_SETTINGS, settingsError} from "./seq2seq/settings.js";
import type {TaskName} from "./seq2seq/tasks.js";
import {taskNamed} from "./seq2seq/tasks.js";

export type {SavedModel, Seq2seqSettings, StepNumbers, TaskName, Variant};
export type Seq2seqLiveConfig = Seq2seqSettings;
export const DEFAULT_LIVE_CONFIG: Seq2seqLiveConfig = DEFAULT_SETTINGS;

export type Seq2seqQuery =
  /** Greedy translation of `input` with its alignment matrix. */
  | {kind: "translate"; input: string; variant?: Variant}
  /** The numbers of decoding step t (0-based) while translating `input`. */
  | {kind: "step"; input: string; t: number; variant?: Variant}
  /** Held-out accuracy of both variants by source length (defaults: 1…maxLength, 40 each, seed 4242). */
  | {kind: "accuracyByLength"; lengths?: number[]; perLength?: number; seed?: number}
  /** Replaces one variant's weights with a saved model (and adopts its task and sizes). */
  | {kind: "load"; model: SavedModel}
  /** The current weights of one variant, as a SavedModel. */
  | {kind: "save"; variant?: Variant};

export interface TranslateView {
  kind: "translate";
  variant: Variant;
  /** The input as the task normalised it, the model's output and the right answer. */
  input: string;
  output: string;
  reference: string;
  correct: boolean;
  srcTokens: string[];
  outTokens: string[];
  /** α_{t,i}, row-major, rows = outTokens.length, cols = srcTokens.length; null for "fixed". */
  alignment: Float32Array | null;
  rows: number;
  cols: number;
}

export interface StepView extends StepNumbers {
  kind: "step";
  variant: Variant;
  input: string;
  output: string;
  srcTokens: string[];
  /** The target vocabulary, indexing `probs`. */
  vocab: string[];
  /** How many steps the translation took (t < steps). */
  steps: number;
}

export interface LengthAccuracy {
  /** Exact-match and character accuracy of greedy translations, one entry per length. */
  exact: Float32Array;
  chars: Float32Array;
  /** Training steps behind these numbers (0: untrained). */
  trainedSteps: number;
}

export interface LengthView {
  kind: "accuracyByLength";
  task: TaskName;
  lengths: number[];
  trainLengths: [number, number];
  fixed: LengthAccuracy;
  attention: LengthAccuracy;
}

export interface LoadedView {
  kind: "loaded";
  task: TaskName;
  variant: Variant;
  steps: number;
  parameters: number;
}

export interface SavedView {
  kind: "saved";
  model: SavedModel;
}

/** A query the model cannot answer (an input the task cannot take, a step past the end, …). */
export interface InvalidView {
  kind: "invalid";
  message: string;
}

export type Seq2seqView = TranslateView | StepView | LengthView | LoadedView | SavedView | InvalidView;

/** Settings that change the model's shape: changing them needs reset(). */
const STRUCTURAL = ["task", "score", "cell", "hidden", "attentionSize", "bidirectional", "seed"] as const;

interface Slot {
  built: Built;
  steps: number;
}

export class Seq2seqLive implements LiveModel<Seq2seqLiveConfig, Seq2seqQuery, Seq2seqView> {
  private config: Seq2seqLiveConfig = DEFAULT_LIVE_CONFIG;
  private slots: Record<Variant, Slot> | null = null;

  reset(config: Seq2seqLiveConfig): ModelInfo {
    const error = settingsError(config);
    if (error) throw new Error(`seq2seq: ${error}`);
    taskNamed(config.task);
    this.config = {...config};
    this.slots = {
      fixed: {built: build({...config, variant: "fixed"}), steps: 0},
      attention: {built: build({...config, variant: "attention"}), steps: 0}
    };
    return this.info();
  }

  private info(): ModelInfo {
    const {built} = this.slot(this.config.variant);
    const {task, model} = built;
    return {
      parameters: model.params.reduce((n, p) => n + p.value.data.length, 0),
      task: task.name,
      variant: this.config.variant,
      srcTokens: [...task.src.tokens],
      tgtTokens: [...task.tgt.tokens],
      trainLengths: [...task.trainLengths],
      maxLength: task.maxLength
    };
  }

  private slot(variant: Variant): Slot {
    if (!this.slots) throw new Error("seq2seq: call reset(config) first");
    return this.slots[variant];
  }

  trainStep(): Metrics {
    const s = this.slot(this.config.variant);
    const {loss, accuracy, gradNorm} = s.built.trainer.step();
    s.steps++;
    return {loss, accuracy, gradNorm};
  }

  configure(patch: Partial<Seq2seqLiveConfig>): void {
    const structural = STRUCTURAL.filter((k) => k in patch && patch[k] !== this.config[k]);
    if (structural.length) throw new Error(`seq2seq: changing ${structural.join(", ")} needs reset(config)`);
    const next = {...this.config, ...patch};
    const error = settingsError(next);
    if (error) throw new Error(`seq2seq: ${error}`);
    this.config = next;
    for (const {built} of Object.values(this.slots ?? {})) {
      built.trainer.settings.batchSize = next.batchSize;
      built.trainer.settings.clip = next.clip;
      built.trainer.settings.learningRate = next.learningRate;
      built.trainer.optimizer.learningRate = next.learningRate;
    }
  }

  query(q: Seq2seqQuery): Seq2seqView {
    try {
      switch (q.kind) {
        case "translate":
          return this.translate(q.input, q.variant ?? this.config.variant);
        case "step":
          return this.step(q.input, q.t, q.variant ?? this.config.variant);
        case "accuracyByLength":
          return this.byLength(q.lengths, q.perLength ?? 40, q.seed ?? 4242);
        case "load":
          return this.load(q.model);
        case "save":
          return this.save(q.variant ?? this.config.variant);
      }
    } catch (e) {
      return {kind: "invalid", message: e instanceof Error ? e.message : String(e)};
    }
  }

  private translate(input: string, variant: Variant): TranslateView | InvalidView {
    const {task, model} = this.slot(variant).built;
    const checked = task.check(input);
    if (!checked.ok) return {kind: "invalid", message: checked.message};
    const r = readTranslation(model, task, checked.text);
    const reference = task.reference(checked.text);
    return {
      kind: "translate", variant, input: checked.text, output: r.output, reference, correct: r.output === reference,
      srcTokens: r.srcTokens, outTokens: r.outTokens, alignment: r.alignment, rows: r.outTokens.length, cols: r.srcTokens.length
    };
  }

  private step(input: string, t: number, variant: Variant): StepView | InvalidView {
    const {task, model} = this.slot(variant).built;
    const checked = task.check(input);
    if (!checked.ok) return {kind: "invalid", message: checked.message};
    const r = readTranslation(model, task, checked.text);
    const numbers = readStep(model, task, checked.text, t);
    if (!numbers) return {kind: "invalid", message: `Step ${t} does not exist: this translation has steps 0 to ${r.outTokens.length - 1}.`};
    return {kind: "step", variant, input: checked.text, output: r.output, srcTokens: r.srcTokens, vocab: [...task.tgt.tokens], steps: r.outTokens.length, ...numbers};
  }

  private byLength(lengths: number[] | undefined, perLength: number, seed: number): LengthView | InvalidView {
    const {task} = this.slot("attention").built;
    const possible = task.lengths();
    const ls = lengths ?? possible;
    const bad = ls.find((n) => !possible.includes(n));
    if (bad !== undefined) return {kind: "invalid", message: `The ${task.name} task has no sources of length ${bad} (it has ${possible[0]}…${possible[possible.length - 1]}).`};
    if (!Number.isInteger(perLength) || perLength < 1 || perLength > 1000) return {kind: "invalid", message: "perLength must be an integer from 1 to 1000."};
    const read = (v: Variant): LengthAccuracy => {
      const {built, steps} = this.slot(v);
      const rows = accuracyByLength(built.model, task, ls, perLength, seed);
      return {exact: Float32Array.from(rows, (r) => r.exact), chars: Float32Array.from(rows, (r) => r.chars), trainedSteps: steps};
    };
    const [lo, hi] = task.trainLengths;
    return {kind: "accuracyByLength", task: task.name as TaskName, lengths: ls, trainLengths: [lo, hi], fixed: read("fixed"), attention: read("attention")};
  }

  private load(saved: SavedModel): LoadedView {
    const s = saved.settings;
    const shape = {task: s.task, cell: s.cell, hidden: s.hidden, bidirectional: s.bidirectional};
    // A fixed-context model has no score, so it leaves the attention settings as they are.
    const next: Seq2seqLiveConfig = {...this.config, ...shape, ...(s.variant === "attention" ? {score: s.score, attentionSize: s.attentionSize} : {})};
    if (!this.slots || STRUCTURAL.some((k) => next[k] !== this.config[k])) this.reset(next);
    const slot = this.slot(s.variant);
    const built = build({...this.config, variant: s.variant});
    unpackParams(built.model.params, saved.params);
    slot.built = built;
    slot.steps = saved.steps;
    const parameters = built.model.params.reduce((n, p) => n + p.value.data.length, 0);
    return {kind: "loaded", task: s.task, variant: s.variant, steps: saved.steps, parameters};
  }

  private save(variant: Variant): SavedView {
    const {built, steps} = this.slot(variant);
    return {kind: "saved", model: {settings: {...this.config, variant}, steps, params: packParams(built.model.params)}};
  }
}
