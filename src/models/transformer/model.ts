/**
 * The Transformer (Vaswani et al., 2017, Figure 1), encoder–decoder, at toy size:
 *   encoder   X⁰ = s·E_src[x] + PE;   Xˡ = EncoderLayer(Xˡ⁻¹);   M = LN(X^N)   (final LN pre-LN only)
 *   decoder   Y⁰ = s·E_tgt[y_in] + PE;  Yˡ = DecoderLayer(Yˡ⁻¹, M);  H = LN(Y^N)
 *   output    Z = H E_tgtᵀ (tied) or H W_out + b;   p(y_t | y_<t, x) = softmax(Z_t)
 * with s = √d_model when the embeddings are scaled. See config.ts for the choices (encoder–decoder,
 * pre-LN). Backward runs the same path in reverse; the memory M collects the gradient of every
 * decoder layer's cross-attention before it enters the encoder. dX is ∂L/∂X throughout.
 */
import type {Mat, Param, Rng} from "../../engine/index.js";
import {mat} from "../../engine/index.js";
import type {Positions} from "../attention/positions.js";
import {makePositions} from "../attention/positions.js";
import type {TransformerConfig} from "./config.js";
import type {DecoderLayerCache} from "./decoder-layer.js";
import {DecoderLayer} from "./decoder-layer.js";
import type {EmbeddingCache} from "./embedding.js";
import {Embedding} from "./embedding.js";
import type {EncoderLayerCache} from "./encoder-layer.js";
import {EncoderLayer} from "./encoder-layer.js";
import type {LayerNormCache} from "./layer-norm.js";
import {LayerNorm} from "./layer-norm.js";
import {prefixNames} from "./named.js";
import type {OutputCache} from "./output-projection.js";
import {OutputProjection} from "./output-projection.js";

export interface EncoderCache {
  /** Positions per source, and real tokens per source (all n when omitted). */
  n: number;
  lengths?: ArrayLike<number>;
  embed: EmbeddingCache; // embed.X = s·E[x]: (B·n, d)
  /** s·E[x] + PE: (B·n, d). */
  X0: Mat;
  layers: EncoderLayerCache[];
  /** The final layer norm (pre-LN), or null. */
  final: LayerNormCache | null;
  /** M, what the decoder reads: (B·n, d). */
  M: Mat;
}

export interface DecoderCache {
  T: number;
  embed: EmbeddingCache; // (B·T, d)
  Y0: Mat; // (B·T, d)
  layers: DecoderLayerCache[];
  final: LayerNormCache | null;
  /** H, the decoder's output: (B·T, d). */
  H: Mat;
  out: OutputCache; // out.logits: (B·T, V_tgt)
}

export class Transformer {
  readonly srcEmbed: Embedding;
  readonly tgtEmbed: Embedding;
  readonly srcPositions: Positions;
  readonly tgtPositions: Positions;
  readonly encoder: EncoderLayer[];
  readonly encNorm: LayerNorm | null;
  readonly decoder: DecoderLayer[];
  readonly decNorm: LayerNorm | null;
  readonly out: OutputProjection;
  readonly params: Param[];

  constructor(readonly config: TransformerConfig, rng: Rng) {
    const {srcVocab, tgtVocab, dModel: d, maxLen, positions, norm, dtype} = config;
    if (config.layers < 1) throw new Error("Transformer: at least one layer");
    const sizes = {dModel: d, heads: config.heads, ffHidden: config.ffHidden, norm, dtype};
    this.srcEmbed = new Embedding(srcVocab, d, rng, {name: "enc.E", scaled: config.scaleEmbedding, dtype});
    this.tgtEmbed = new Embedding(tgtVocab, d, rng, {name: "dec.E", scaled: config.scaleEmbedding, dtype});
    this.srcPositions = prefixNames("enc", makePositions(positions, maxLen, d, rng, dtype));
    this.tgtPositions = prefixNames("dec", makePositions(positions, maxLen, d, rng, dtype));
    this.encoder = Array.from({length: config.layers}, (_, l) => new EncoderLayer(sizes, rng, `enc.${l}`));
    this.decoder = Array.from({length: config.layers}, (_, l) => new DecoderLayer(sizes, rng, `dec.${l}`));
    this.encNorm = norm === "pre" ? new LayerNorm(d, "enc.ln", 1e-5, dtype) : null;
    this.decNorm = norm === "pre" ? new LayerNorm(d, "dec.ln", 1e-5, dtype) : null;
    this.out = new OutputProjection(d, tgtVocab, rng, {tieTo: config.tieOutput ? this.tgtEmbed : undefined, name: "out", dtype});
    this.params = [
      ...this.srcEmbed.params, ...this.srcPositions.params, ...this.encoder.flatMap((l) => l.params), ...(this.encNorm?.params ?? []),
      ...this.tgtEmbed.params, ...this.tgtPositions.params, ...this.decoder.flatMap((l) => l.params), ...(this.decNorm?.params ?? []),
      ...this.out.params
    ];
  }

  /** Reads B sources of n ids each (B·n), padding past lengths[b]. */
  encode(src: ArrayLike<number>, n: number, lengths?: ArrayLike<number>): EncoderCache {
    const embed = this.srcEmbed.forward(src); // s·E[x]: (B·n, d)
    const X0 = this.srcPositions.forward(embed.X, n); // + PE: (B·n, d)
    const layers: EncoderLayerCache[] = [];
    let X = X0;
    for (const layer of this.encoder) {
      const c = layer.forward(X, n, lengths); // (B·n, d)
      layers.push(c);
      X = c.Y;
    }
    const final = this.encNorm ? this.encNorm.forward(X) : null; // LN(X^N): (B·n, d)
    return {n, lengths, embed, X0, layers, final, M: final ? final.Y : X};
  }

  /** Runs the decoder on B target prefixes of T ids each (B·T), reading the encoder's M. */
  decode(enc: EncoderCache, yIn: ArrayLike<number>, T: number): DecoderCache {
    const embed = this.tgtEmbed.forward(yIn); // s·E[y]: (B·T, d)
    const Y0 = this.tgtPositions.forward(embed.X, T); // + PE: (B·T, d)
    const layers: DecoderLayerCache[] = [];
    let Y = Y0;
    for (const layer of this.decoder) {
      const c = layer.forward(Y, T, enc.M, enc.n, enc.lengths); // (B·T, d)
      layers.push(c);
      Y = c.Y;
    }
    const final = this.decNorm ? this.decNorm.forward(Y) : null; // LN(Y^N): (B·T, d)
    const H = final ? final.Y : Y; // (B·T, d)
    return {T, embed, Y0, layers, final, H, out: this.out.forward(H)};
  }

  /** From ∂L/∂Z (B·T, V_tgt): adds ∂L/∂θ into every parameter's grad. */
  backward(enc: EncoderCache, dec: DecoderCache, dZ: Mat): void {
    const d = this.config.dModel, dtype = this.config.dtype;
    let dY = this.out.backward(dec.out, dZ); // ∂L/∂H: (B·T, d)
    if (this.decNorm && dec.final) dY = this.decNorm.backward(dec.final, dY); // ∂L/∂Y^N
    const dM = mat(enc.M.rows, d, dtype); // ∂L/∂M, summed over decoder layers: (B·n, d)
    for (let l = this.decoder.length - 1; l >= 0; l--) dY = this.decoder[l].backward(dec.layers[l], dY, dM); // ∂L/∂Yˡ⁻¹
    this.tgtEmbed.backward(dec.embed, this.tgtPositions.backward(dY, dec.T));
    let dX = this.encNorm && enc.final ? this.encNorm.backward(enc.final, dM) : dM; // ∂L/∂X^N: (B·n, d)
    for (let l = this.encoder.length - 1; l >= 0; l--) dX = this.encoder[l].backward(enc.layers[l], dX); // ∂L/∂Xˡ⁻¹
    this.srcEmbed.backward(enc.embed, this.srcPositions.backward(dX, enc.n));
  }
}
