/**
 * The one config of chapter 8's Transformer (Vaswani et al., 2017), at toy size.
 *
 * Encoder–decoder, not decoder-only: the task is translation from one vocabulary to another
 * with the whole source visible from the start, exactly the setting of chapter 4's RNN
 * encoder–decoder, so cross-attention here plays the part Bahdanau attention plays there and the
 * two can be compared on one chart. (A decoder-only model would read source and target as one
 * sequence under a causal mask; it would work too, but the comparison would mix two changes.)
 *
 * Pre-LN by default, x + Sublayer(LN(x)), with a final LN after each stack (Xiong et al., 2020;
 * also GPT-2): the residual path from the embedding to the output carries no normalisation, so
 * gradients reach every layer at their full size and Adam needs no learning-rate warm-up. The
 * paper's post-LN, LN(x + Sublayer(x)), is kept as an option for the page's comparison; at this
 * size it trains too, but wants a smaller learning rate early on.
 */
import type {DType} from "../../engine/index.js";
import type {PositionKind} from "../attention/positions.js";

export type NormPlacement = "pre" | "post";

export interface TransformerConfig {
  srcVocab: number;
  tgtVocab: number;
  /** d_model: the width of every token vector. */
  dModel: number;
  /** h: attention heads per attention layer; must divide dModel. */
  heads: number;
  /** N: layers in the encoder and in the decoder. */
  layers: number;
  /** d_ff: the feed-forward network's hidden width (the paper: 4·d_model). */
  ffHidden: number;
  /** Longest sequence the position table covers (sinusoids extend; a learned table does not). */
  maxLen: number;
  positions: PositionKind;
  norm: NormPlacement;
  /** Multiply token embeddings by √d_model (§3.4). */
  scaleEmbedding: boolean;
  /** Share the target embedding with the pre-softmax projection (§3.4). */
  tieOutput: boolean;
  dtype: DType;
}

export const TRANSFORMER_DEFAULTS: Omit<TransformerConfig, "srcVocab" | "tgtVocab"> = {
  dModel: 32,
  heads: 2,
  layers: 1,
  ffHidden: 64,
  maxLen: 64,
  positions: "sinusoidal",
  norm: "pre",
  scaleEmbedding: true,
  tieOutput: true,
  dtype: "float32"
};
