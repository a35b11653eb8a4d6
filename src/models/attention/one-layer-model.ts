/**
 * The small model of chapter 6: one self-attention layer between an embedding and a read-out.
 *   X = E[tokens]                 (B·n, d)        token embeddings
 *   H = X + PE                    (B·n, d)        positions: none, sinusoidal or learned
 *   Y = SelfAttention(H)          (B·n, d)        one head: W_Q, W_K, W_V; padding masked
 *   Z = (H + Y) W_r + b_r         (B·n, classes)  logits
 * On the sorting task (sort-task.ts) the classes are the vocabulary: token x must name the
 * smallest symbol above x. It can: the scores q_x·k_y can be made to fall as y climbs above x and
 * to be low for y ≤ x, with ⟨s⟩ in between so a token with nothing above it lands there; the
 * value it gathers says which symbol it found, and the read-out names it.
 * Backward runs the same lines in reverse; dX is ∂L/∂X.
 */
import type {DType, Mat, Param, Rng} from "../../engine/index.js";
import {mat, zeroGrads} from "../../engine/index.js";
import {Embedding} from "./embedding.js";
import {Linear} from "./linear.js";
import {maskedCrossEntropy, type MaskedCE} from "./masked-cross-entropy.js";
import {makePositions, type PositionKind, type Positions} from "./positions.js";
import {SelfAttention, type SelfAttentionCache} from "./self-attention.js";
import type {TokenBatch} from "./sort-task.js";

export interface OneLayerConfig {
  vocab: number;
  dModel: number;
  /** Longest sequence, ⟨s⟩ included. */
  maxLen: number;
  /** Number of output classes. */
  classes: number;
  positions: PositionKind;
  scaled: boolean;
  dtype?: DType;
}

export interface OneLayerForward {
  tokens: ArrayLike<number>;
  seqLen: number;
  H: Mat; // (B·n, d)
  att: SelfAttentionCache; // Y = att.Y: (B·n, d); weights att.att.A: (B·n, n)
  R: Mat; // H + Y: (B·n, d)
  Z: Mat; // (B·n, classes)
}

export class OneLayerModel {
  readonly embedding: Embedding;
  readonly positions: Positions;
  readonly attention: SelfAttention;
  readonly readout: Linear;
  readonly params: Param[];
  readonly dtype: DType;

  constructor(readonly config: OneLayerConfig, rng: Rng) {
    const {vocab, dModel, maxLen, classes, positions, scaled, dtype = "float32"} = config;
    this.dtype = dtype;
    this.embedding = new Embedding(vocab, dModel, rng, {dtype});
    this.positions = makePositions(positions, maxLen, dModel, rng, dtype);
    this.attention = new SelfAttention({dModel, scaled, dtype}, rng);
    this.readout = new Linear(dModel, classes, rng, {name: "_r", dtype});
    this.params = [...this.embedding.params, ...this.positions.params, ...this.attention.params, ...this.readout.params];
  }

  /** `lengths` masks padding keys; omit it for unpadded sequences. */
  forward(tokens: ArrayLike<number>, seqLen: number, lengths?: number[]): OneLayerForward {
    const X = this.embedding.forward(tokens); // (B·n, d)
    const H = this.positions.forward(X, seqLen); // (B·n, d)
    const att = this.attention.forward(H, seqLen, {lengths});
    const R = mat(H.rows, H.cols, this.dtype); // (B·n, d)
    for (let i = 0; i < R.data.length; i++) R.data[i] = H.data[i] + att.Y.data[i];
    const Z = this.readout.forward(R); // (B·n, classes)
    return {tokens, seqLen, H, att, R, Z};
  }

  backward(f: OneLayerForward, dZ: Mat): void {
    const dR = this.readout.backward(f.R, dZ); // (B·n, d)
    const dH = this.attention.backward(f.att, dR); // through Y: (B·n, d)
    for (let i = 0; i < dH.data.length; i++) dH.data[i] += dR.data[i]; // + the residual path
    this.embedding.backward(f.tokens, this.positions.backward(dH, f.seqLen));
  }

  /** Zeroes the grads, runs forward and backward on a batch; returns its loss and accuracy. */
  lossAndGrads(batch: TokenBatch): MaskedCE {
    zeroGrads(this.params);
    const f = this.forward(batch.tokens, batch.seqLen, batch.lengths);
    const dZ = mat(f.Z.rows, f.Z.cols, this.dtype);
    const r = maskedCrossEntropy(f.Z, batch.targets, dZ);
    this.backward(f, dZ);
    return r;
  }

  /** Loss and accuracy without gradients. */
  evaluate(batch: TokenBatch): MaskedCE {
    return maskedCrossEntropy(this.forward(batch.tokens, batch.seqLen, batch.lengths).Z, batch.targets);
  }
}
