/**
 * The live model of chapter 6 (self-attention): the one-layer model (attention/one-layer-model.ts)
 * trained on sorting by pointers (attention/sort-task.ts), plus the chapter's other figures.
 *
 * Queries (each View carries the same `kind`):
 *   attend     the reader's sentence → its n×n attention matrix, each token's predicted successor,
 *              and the sentence read in the order the predicted pointers give
 *   permute    the sentence and a shuffle of it, run without positions and with positions: the
 *              attention matrices, the largest |f(P X) − P f(X)| and whether the answers moved along
 *   positions  the sinusoidal codes for n positions (and the learned table, if the model has one)
 *   image      where one pixel of a picture looks (SAGAN attention, attention/pixel-attention.ts)
 *   memory     bytes of (H·W)² attention weights against a 3×3 convolution, and of n² for text
 *   evaluate   loss and accuracy on a fixed set of 256 seeded sentences, and the same sentences
 *              shuffled with positions added (attention/shuffle-held-out.ts)
 *   load       weights saved by save() (the build-time checkpoint, self-attention-checkpoint.ts)
 */
import {adam, clipGlobalNorm, countParams, mat, matmul} from "../engine/index.js";
import type {Optimizer} from "../engine/index.js";
import {Rng} from "../engine/rng.js";
import type {LiveModel, Metrics, ModelInfo} from "../workers/protocol.js";
import {charVocab, encodeChars, type CharVocab} from "./attention/char-vocab.js";
import {toGrid, type Grid} from "./attention/grid.js";
import {builtInPicture, drawnPicture, type BuiltInPicture, type Picture} from "./attention/images.js";
import {imageAttentionMemory, textAttentionBytes, type ImageMemory} from "./attention/memory.js";
import {OneLayerModel} from "./attention/one-layer-model.js";
import {randomPermutation} from "./attention/permutation.js";
import {shuffleRun} from "./attention/shuffle-run.js";
import {argmaxRows} from "./attention/argmax.js";
import {pixelAttention, type PixelAttention} from "./attention/pixel-attention.js";
import {makePositions, type PositionKind, type Positions} from "./attention/positions.js";
import {sinusoidalPositions} from "./attention/sinusoidal.js";
import {shuffleHeldOut, type ShuffleHeldOut} from "./attention/shuffle-held-out.js";
import {packParams, unpackParams, type PackedParams} from "./seq2seq/codec.js";
import {followPointers, SORT_ALPHABET, sortBatch, successorTargets, type SortTaskOptions, type TokenBatch} from "./attention/sort-task.js";

export interface SelfAttentionLiveConfig {
  seed: number;
  /** Width d of embeddings, queries, keys and values. */
  dModel: number;
  positions: PositionKind;
  /** Divide scores by √d. */
  scaled: boolean;
  /** Longest sentence in characters (⟨s⟩ comes on top). */
  maxLen: number;
  /** Most distinct symbols in a training sentence. */
  maxDistinct: number;
  batch: number;
  learningRate: number;
  /** Gradient clipping by global norm. */
  clip: number;
}

export const defaultSelfAttentionConfig: SelfAttentionLiveConfig = {
  seed: 1, dModel: 32, positions: "none", scaled: true, maxLen: 24, maxDistinct: 14, batch: 16, learningRate: 0.01, clip: 1
};

export type SelfAttentionQuery =
  | {kind: "attend"; text: string}
  | {kind: "permute"; text: string; /** Shuffle seed (⟨s⟩ stays first). */ seed?: number; /** Or the permutation itself, of 0 … n−1 with 0 first. */ perm?: number[]}
  | {kind: "positions"; n: number}
  | {kind: "image"; picture: BuiltInPicture | {height: number; width: number; grey: number[]}; row: number; col: number; weights: "similarity" | "random"; sharpness?: number; size?: number}
  | {kind: "memory"; height: number; width: number; channels: number; heads?: number; batch?: number; textLength?: number}
  | {kind: "evaluate"}
  | {kind: "load"; model: SavedSelfAttention};

/** A trained model as save() writes it and the "load" query reads it. */
export interface SavedSelfAttention {
  config: SelfAttentionLiveConfig;
  /** Training steps taken. */
  steps: number;
  params: PackedParams;
}

export interface SelfAttentionAttendView {
  kind: "attend";
  /** Tokens as read (⟨s⟩ first), and what was left out. */
  tokens: string[];
  message: string | null;
  /** A = softmax(QKᵀ/√d), (n, n): row i is where token i looks. */
  weights: Grid;
  /** The scores before the softmax, (n, n). */
  scores: Grid;
  /** Per token: the successor the model names, its probability, and the right answer. */
  predicted: string[];
  confidence: number[];
  target: string[];
  accuracy: number;
  /** The symbols in the order the predicted pointers visit them from ⟨s⟩, and the true sorted order. */
  sorted: string[];
  trueSorted: string[];
}

export interface PermuteRun {
  positions: PositionKind;
  /** Attention of the sentence and of its shuffle, each (n, n). */
  weights: Grid;
  weightsShuffled: Grid;
  /** max |f(P X) − P f(X)| over the attention layer's outputs: 0 to rounding when order is ignored. */
  outputDiff: number;
  predicted: string[];
  predictedShuffled: string[];
  /** Did the shuffled sentence's answers equal the original answers, shuffled? */
  answersMoveAlong: boolean;
}

export interface SelfAttentionPermuteView {
  kind: "permute";
  tokens: string[];
  message: string | null;
  /** Shuffled position i holds original token perm[i]. */
  perm: number[];
  shuffledTokens: string[];
  /** [without positions, with positions (the model's own, or sinusoidal when it has none)]. */
  runs: [PermuteRun, PermuteRun];
}

export interface SelfAttentionPositionsView {
  kind: "positions";
  /** PE (n, d) and PE PEᵀ (n, n): similar codes for nearby positions. */
  sinusoidal: Grid;
  sinusoidalDots: Grid;
  /** The model's learned table (n, d), when it has one. */
  learned: Grid | null;
}

export type SelfAttentionImageView = {kind: "image"; picture: Picture} & PixelAttention;
export type SelfAttentionMemoryView = {kind: "memory"; image: ImageMemory; textBytes: number | null};
export interface SelfAttentionEvaluateView {
  kind: "evaluate";
  loss: number;
  accuracy: number;
  step: number;
  /** The positions the model was built with. */
  positions: PositionKind;
  /** The sentences shuffled, with the model's positions added (sinusoidal codes when it has none). */
  shuffled: ShuffleHeldOut;
}

export interface SelfAttentionLoadedView {
  kind: "loaded";
  positions: PositionKind;
  steps: number;
  parameters: number;
}

export type SelfAttentionView = SelfAttentionAttendView | SelfAttentionPermuteView | SelfAttentionPositionsView | SelfAttentionImageView | SelfAttentionMemoryView | SelfAttentionEvaluateView | SelfAttentionLoadedView;

/** The settings that give the model its shape: weights saved under one cannot load into another. */
const STRUCTURAL = ["dModel", "positions", "scaled", "maxLen"] as const;

export class SelfAttentionLive implements LiveModel<SelfAttentionLiveConfig, SelfAttentionQuery, SelfAttentionView> {
  readonly vocab: CharVocab = charVocab(SORT_ALPHABET);
  private config = defaultSelfAttentionConfig;
  private model!: OneLayerModel;
  private optimizer!: Optimizer;
  private rng!: Rng;
  private task!: SortTaskOptions;
  private evalBatch!: TokenBatch;
  private step = 0;

  constructor() {
    this.reset(defaultSelfAttentionConfig);
  }

  reset(config: SelfAttentionLiveConfig): ModelInfo {
    this.config = {...defaultSelfAttentionConfig, ...config};
    const {seed, dModel, positions, scaled, maxLen, maxDistinct, batch, learningRate} = this.config;
    this.rng = new Rng(seed);
    const V = this.vocab.symbols.length;
    this.model = new OneLayerModel({vocab: V, dModel, maxLen: maxLen + 1, classes: V, positions, scaled}, this.rng);
    this.optimizer = adam(learningRate);
    const symbols = Array.from({length: SORT_ALPHABET.length}, (_, i) => i + 2);
    this.task = {batch, minLen: 4, maxLen, maxDistinct, symbols};
    this.evalBatch = sortBatch(new Rng(seed + 1000), {...this.task, batch: 256});
    this.step = 0;
    return {parameters: countParams(this.model.params), vocab: this.vocab.symbols, task: "sort-by-pointers"};
  }

  trainStep(): Metrics {
    const r = this.model.lossAndGrads(sortBatch(this.rng, this.task));
    const gradNorm = clipGlobalNorm(this.model.params, this.config.clip);
    this.optimizer.step(this.model.params);
    this.step++;
    return {loss: r.loss, accuracy: r.correct / r.count, gradNorm};
  }

  configure(patch: Partial<SelfAttentionLiveConfig>): void {
    if (patch.learningRate !== undefined) this.optimizer.learningRate = patch.learningRate;
    if (patch.clip !== undefined) this.config.clip = patch.clip;
    if (patch.batch !== undefined) this.task.batch = this.config.batch = patch.batch;
  }

  query(q: SelfAttentionQuery): SelfAttentionView {
    switch (q.kind) {
      case "attend":
        return this.attend(q.text);
      case "permute":
        return this.permute(q.text, q.perm, q.seed ?? 1);
      case "positions":
        return this.positionsView(q.n);
      case "image": {
        const pic = typeof q.picture === "string" ? builtInPicture(q.picture, q.size ?? 16, new Rng(this.config.seed)) : drawnPicture(q.picture.height, q.picture.width, q.picture.grey);
        return {kind: "image", picture: pic, ...pixelAttention(pic, q.row, q.col, {weights: q.weights, sharpness: q.sharpness, seed: this.config.seed})};
      }
      case "memory":
        return {kind: "memory", image: imageAttentionMemory(q), textBytes: q.textLength ? textAttentionBytes(q.textLength, q.heads, q.batch) : null};
      case "evaluate":
        return this.evaluate();
      case "load":
        return this.load(q.model);
    }
  }

  /** The weights and how they were made, for a checkpoint (Adam's moments are not kept). */
  save(): SavedSelfAttention {
    return {config: {...this.config}, steps: this.step, params: packParams(this.model.params)};
  }

  private load(saved: SavedSelfAttention): SelfAttentionLoadedView {
    if (STRUCTURAL.some((k) => saved.config[k] !== this.config[k])) this.reset({...this.config, ...saved.config});
    unpackParams(this.model.params, saved.params);
    this.optimizer = adam(this.config.learningRate);
    this.step = saved.steps;
    return {kind: "loaded", positions: this.config.positions, steps: saved.steps, parameters: countParams(this.model.params)};
  }

  private evaluate(): SelfAttentionEvaluateView {
    const r = this.model.evaluate(this.evalBatch);
    const positions = this.model.positions.kind === "none" ? makePositions("sinusoidal", this.config.maxLen + 1, this.config.dModel, new Rng(0)) : this.model.positions;
    const shuffled = shuffleHeldOut(this.model, this.evalBatch, positions, this.config.seed);
    return {kind: "evaluate", loss: r.loss, accuracy: r.correct / r.count, step: this.step, positions: this.config.positions, shuffled};
  }

  private symbols(ids: ArrayLike<number>): string[] {
    return Array.from(ids, (i) => this.vocab.symbols[i]);
  }

  private attend(text: string): SelfAttentionAttendView {
    const e = encodeChars(this.vocab, text, {maxLen: this.config.maxLen});
    const n = e.ids.length;
    const f = this.model.forward(e.ids, n);
    const {ids, p} = argmaxRows(f.Z);
    const target = successorTargets(e.ids);
    const right = ids.filter((x, i) => x === target[i]).length;
    return {
      kind: "attend", tokens: e.tokens, message: e.message, weights: toGrid(f.att.att.A), scores: toGrid(f.att.att.S),
      predicted: this.symbols(ids), confidence: p, target: this.symbols(target), accuracy: right / n,
      sorted: this.symbols(followPointers(e.ids, ids)), trueSorted: this.symbols(followPointers(e.ids, target))
    };
  }

  private permute(text: string, given: number[] | undefined, seed: number): SelfAttentionPermuteView {
    const e = encodeChars(this.vocab, text, {maxLen: this.config.maxLen});
    const n = e.ids.length;
    const perm = given ?? randomPermutation(n, new Rng(seed), 1);
    if (perm.length !== n || [...perm].sort((a, b) => a - b).some((v, i) => v !== i)) throw new Error(`permute: not a permutation of 0…${n - 1}`);
    const own = this.model.positions.kind === "none" ? makePositions("sinusoidal", n, this.config.dModel, new Rng(0)) : this.model.positions;
    const run = (positions: Positions | null): PermuteRun => {
      const r = shuffleRun(this.model, e.ids, perm, positions);
      return {
        positions: positions ? positions.kind : "none", weights: toGrid(r.A), weightsShuffled: toGrid(r.Ashuffled), outputDiff: r.outputDiff,
        predicted: this.symbols(r.answers), predictedShuffled: this.symbols(r.answersShuffled), answersMoveAlong: r.answersMoveAlong
      };
    };
    return {kind: "permute", tokens: e.tokens, message: e.message, perm, shuffledTokens: this.symbols(perm.map((i) => e.ids[i])), runs: [run(null), run(own)]};
  }

  private positionsView(n: number): SelfAttentionPositionsView {
    const d = this.config.dModel;
    const PE = sinusoidalPositions(n, d); // (n, d)
    const dots = matmul(PE, PE, mat(n, n), {transB: true}); // PE PEᵀ: (n, n)
    const learned = this.model.positions.kind === "learned" ? toGrid(this.model.positions.table(Math.min(n, this.config.maxLen + 1))) : null;
    return {kind: "positions", sinusoidal: toGrid(PE), sinusoidalDots: toGrid(dots), learned};
  }
}
