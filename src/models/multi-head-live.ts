/**
 * The live model of chapter 7 (multi-head attention): the two-questions model
 * (attention/two-questions-model.ts) — embeddings, positions, one multi-head layer, two read-outs —
 * trained live on "which symbol came before me, and which is the key?" (attention/two-questions-task.ts).
 * Change `heads` (with dModel fixed) by resetting; head masks need no retraining.
 *
 * Queries (each View carries the same `kind`):
 *   attend     a sentence (the reader's, key in capitals; or a seeded random one): each head's n×n
 *              weights, both answers per token, the shapes of every tensor
 *   steps      the numbers of split → attend → concat → project on that sentence, stage by stage
 *   shapes     the labelled shapes for n tokens (and a batch)
 *   ablate     the losses with some heads switched off, next to the losses with all heads on
 *   relations  per head: mean weight on the previous token, the key, itself and ⟨s⟩
 *   evaluate   losses and accuracies on a fixed set of 256 seeded sentences
 */
import {adam, clipGlobalNorm, countParams} from "../engine/index.js";
import type {Optimizer} from "../engine/index.js";
import {Rng} from "../engine/rng.js";
import type {LiveModel, Metrics, ModelInfo} from "../workers/protocol.js";
import {argmaxRows} from "./attention/argmax.js";
import {charVocab, type CharVocab} from "./attention/char-vocab.js";
import {gridRows, toGrid, type Grid} from "./attention/grid.js";
import {splitHeads} from "./attention/heads.js";
import {headRelation, type HeadRelation} from "./attention/head-relations.js";
import type {PositionKind} from "./attention/positions.js";
import {multiHeadShapes, type LabelledShape} from "./attention/shapes.js";
import {SORT_ALPHABET} from "./attention/sort-task.js";
import {TwoQuestionsModel, type TwoQuestionsLoss} from "./attention/two-questions-model.js";
import {encodeWithKey, packTwoQuestions, randomTwoQuestions, twoQuestionsBatch, type TwoQuestionsBatch, type TwoQuestionsOptions, type TwoQuestionsSequence} from "./attention/two-questions-task.js";

export interface MultiHeadLiveConfig {
  seed: number;
  /** Width d_model, fixed while the number of heads changes; heads must divide it. */
  dModel: number;
  heads: number;
  positions: PositionKind;
  /** Longest sentence in characters (⟨s⟩ comes on top). */
  maxLen: number;
  batch: number;
  learningRate: number;
  clip: number;
}

export const defaultMultiHeadConfig: MultiHeadLiveConfig = {
  seed: 1, dModel: 32, heads: 2, positions: "sinusoidal", maxLen: 16, batch: 16, learningRate: 0.01, clip: 1
};

/** A sentence: the reader's text (the first capital letter is the key), or a seeded random one. */
export type SentenceInput = {text: string} | {sample: number};

export type MultiHeadQuery =
  | ({kind: "attend"; headMask?: number[]} & SentenceInput)
  | ({kind: "steps"} & SentenceInput)
  | {kind: "shapes"; n: number; batch?: number}
  | {kind: "ablate"; /** Heads to switch off (0-based). */ off: number[]}
  | {kind: "relations"}
  | {kind: "evaluate"};

export interface MultiHeadAttendView {
  kind: "attend";
  tokens: string[];
  /** Index of the key in tokens, or −1. */
  keyAt: number;
  message: string | null;
  /** One (n, n) matrix per head: row i is where token i looks. */
  heads: Grid[];
  /** Per token: the model's answer to each question and the right one ("" where none is asked). */
  previous: string[];
  previousTarget: string[];
  key: string[];
  keyTarget: string[];
  shapes: LabelledShape[];
}

export interface Stage {
  /** The tensor's name, as in shapes.ts, with the head number for per-head tensors. */
  name: string;
  stage: LabelledShape["stage"];
  head: number | null;
  value: Grid;
}

export interface MultiHeadStepsView {
  kind: "steps";
  tokens: string[];
  keyAt: number;
  message: string | null;
  /** X, Q, K, V, then per head Q_k, K_k, V_k, S_k, A_k, head_k, then C and Y. */
  stages: Stage[];
}

export type MultiHeadShapesView = {kind: "shapes"; shapes: LabelledShape[]};
export type MultiHeadAblateView = {kind: "ablate"; off: number[]; ablated: TwoQuestionsLoss; baseline: TwoQuestionsLoss};
export type MultiHeadRelationsView = {kind: "relations"; heads: HeadRelation[]};
export type MultiHeadEvaluateView = {kind: "evaluate"; step: number} & TwoQuestionsLoss;

export type MultiHeadView = MultiHeadAttendView | MultiHeadStepsView | MultiHeadShapesView | MultiHeadAblateView | MultiHeadRelationsView | MultiHeadEvaluateView;

export class MultiHeadLive implements LiveModel<MultiHeadLiveConfig, MultiHeadQuery, MultiHeadView> {
  readonly vocab: CharVocab = charVocab(SORT_ALPHABET);
  private config = defaultMultiHeadConfig;
  private model!: TwoQuestionsModel;
  private optimizer!: Optimizer;
  private rng!: Rng;
  private task!: TwoQuestionsOptions;
  private evalBatch!: TwoQuestionsBatch;
  private step = 0;

  constructor() {
    this.reset(defaultMultiHeadConfig);
  }

  reset(config: MultiHeadLiveConfig): ModelInfo {
    this.config = {...defaultMultiHeadConfig, ...config};
    const {seed, dModel, heads, positions, maxLen, batch, learningRate} = this.config;
    this.rng = new Rng(seed);
    this.model = new TwoQuestionsModel({vocab: this.vocab.symbols.length, dModel, heads, maxLen: maxLen + 1, positions}, this.rng);
    this.optimizer = adam(learningRate);
    this.task = {batch, minLen: 6, maxLen, symbols: Array.from({length: SORT_ALPHABET.length}, (_, i) => i + 2)};
    this.evalBatch = twoQuestionsBatch(new Rng(seed + 1000), {...this.task, batch: 256});
    this.step = 0;
    return {parameters: countParams(this.model.params), heads, dK: dModel / heads, task: "two-questions"};
  }

  trainStep(): Metrics {
    const r = this.model.lossAndGrads(twoQuestionsBatch(this.rng, this.task));
    const gradNorm = clipGlobalNorm(this.model.params, this.config.clip);
    this.optimizer.step(this.model.params);
    this.step++;
    return {...r, gradNorm};
  }

  configure(patch: Partial<MultiHeadLiveConfig>): void {
    if (patch.learningRate !== undefined) this.optimizer.learningRate = patch.learningRate;
    if (patch.clip !== undefined) this.config.clip = patch.clip;
    if (patch.batch !== undefined) this.task.batch = this.config.batch = patch.batch;
  }

  query(q: MultiHeadQuery): MultiHeadView {
    switch (q.kind) {
      case "attend":
        return this.attend(q, q.headMask);
      case "steps":
        return this.steps(q);
      case "shapes":
        return {kind: "shapes", shapes: multiHeadShapes(this.config.dModel, this.config.heads, q.n, q.n, q.batch ?? 1)};
      case "ablate": {
        const mask = Array.from({length: this.config.heads}, (_, k) => (q.off.includes(k) ? 0 : 1));
        return {kind: "ablate", off: q.off.slice(), ablated: this.model.evaluate(this.evalBatch, mask), baseline: this.model.evaluate(this.evalBatch)};
      }
      case "relations": {
        const b = this.evalBatch;
        const f = this.model.forward(b.tokens, b.flags, b.seqLen, b.lengths);
        return {kind: "relations", heads: f.mha.heads.map((h) => headRelation(h.A, b.seqLen, b.lengths, b.flags))};
      }
      case "evaluate":
        return {kind: "evaluate", step: this.step, ...this.model.evaluate(this.evalBatch)};
    }
  }

  private sentence(input: SentenceInput): TwoQuestionsSequence & {tokens: string[]; message: string | null} {
    if ("text" in input) return encodeWithKey(this.vocab, input.text, this.config.maxLen);
    const s = randomTwoQuestions(new Rng(input.sample), {minLen: 6, maxLen: this.config.maxLen, symbols: this.task.symbols});
    return {...s, tokens: s.ids.map((i) => this.vocab.symbols[i]), message: null};
  }

  private names(ids: ArrayLike<number>): string[] {
    return Array.from(ids, (i) => (i < 0 ? "" : this.vocab.symbols[i]));
  }

  private attend(input: SentenceInput, headMask?: number[]): MultiHeadAttendView {
    const s = this.sentence(input);
    const b = packTwoQuestions([s]);
    const n = b.seqLen;
    const f = this.model.forward(b.tokens, b.flags, n, undefined, headMask);
    return {
      kind: "attend", tokens: s.tokens, keyAt: s.keyAt, message: s.message,
      heads: f.mha.heads.map((h) => toGrid(h.A)),
      previous: this.names(argmaxRows(f.Zprev).ids).map((p, i) => (b.previous[i] < 0 ? "" : p)),
      previousTarget: this.names(b.previous),
      key: this.names(argmaxRows(f.Zkey).ids).map((k, i) => (b.key[i] < 0 ? "" : k)),
      keyTarget: this.names(b.key),
      shapes: multiHeadShapes(this.config.dModel, this.config.heads, n)
    };
  }

  private steps(input: SentenceInput): MultiHeadStepsView {
    const s = this.sentence(input);
    const b = packTwoQuestions([s]);
    const n = b.seqLen, h = this.config.heads;
    const {mha} = this.model.forward(b.tokens, b.flags, n);
    const stages: Stage[] = [
      {name: "X", stage: "input", head: null, value: toGrid(mha.X)},
      {name: "Q = X W_Q", stage: "project", head: null, value: toGrid(mha.Q)},
      {name: "K = X W_K", stage: "project", head: null, value: toGrid(mha.K)},
      {name: "V = X W_V", stage: "project", head: null, value: toGrid(mha.V)}
    ];
    const [Qs, Ks, Vs] = [splitHeads(mha.Q, h), splitHeads(mha.K, h), splitHeads(mha.V, h)];
    for (let k = 0; k < h; k++) {
      const a = mha.heads[k];
      stages.push(
        {name: "Q_k", stage: "split", head: k, value: toGrid(Qs[k])},
        {name: "K_k", stage: "split", head: k, value: toGrid(Ks[k])},
        {name: "V_k", stage: "split", head: k, value: toGrid(Vs[k])},
        {name: "S_k = Q_k K_kᵀ / √d_k", stage: "attend", head: k, value: toGrid(a.S)},
        {name: "A_k = softmax(S_k)", stage: "attend", head: k, value: toGrid(a.A)},
        {name: "head_k = A_k V_k", stage: "attend", head: k, value: gridRows(a.O, 0, n)}
      );
    }
    stages.push(
      {name: "C = concat(head_1 … head_h)", stage: "concat", head: null, value: toGrid(mha.C)},
      {name: "Y = C W_O", stage: "output", head: null, value: toGrid(mha.Y)}
    );
    return {kind: "steps", tokens: s.tokens, keyAt: s.keyAt, message: s.message, stages};
  }
}
