/**
 * Training with teacher forcing: the decoder reads the true y_<t at every position at once (the
 * causal mask keeps position t from seeing y_t and later), and the loss is the mean cross-entropy
 * over target tokens that are not <pad>:
 *   L = −(1/|M|) Σ_{b,t: y_t ≠ <pad>} log p(y_t | y_<t, x)
 */
import {mat} from "../../engine/index.js";
import {PAD} from "../seq2seq/vocab.js";
import type {TransformerBatch} from "./batch.js";
import {maskedCrossEntropy} from "./masked-cross-entropy.js";
import type {DecoderCache, EncoderCache, Transformer} from "./model.js";

export interface LossResult {
  loss: number;
  /** Target tokens predicted right (argmax) under teacher forcing, and how many were scored. */
  correct: number;
  tokens: number;
  enc: EncoderCache;
  dec: DecoderCache;
}

/** L on `batch`; with `backward`, also adds ∂L/∂θ into every parameter's grad (the caller zeroes them). */
export function lossOn(model: Transformer, batch: TransformerBatch, backward = true): LossResult {
  const enc = model.encode(batch.src, batch.n, batch.srcLengths); // M: (B·n, d)
  const dec = model.decode(enc, batch.yIn, batch.T); // Z: (B·T, V)
  const Z = dec.out.logits;
  const dZ = backward ? mat(Z.rows, Z.cols, model.config.dtype) : undefined; // (B·T, V)
  const {loss, count, correct} = maskedCrossEntropy(Z, batch.yOut, PAD, dZ);
  if (dZ) model.backward(enc, dec, dZ);
  return {loss, correct, tokens: count, enc, dec};
}
