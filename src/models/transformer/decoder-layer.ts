/**
 * One decoder layer (Vaswani et al., 2017, §3.1): masked self-attention over the target so far,
 * cross-attention into the encoder's output (queries from the decoder, keys and values from the
 * memory), then the feed-forward network, each inside a residual connection with a layer norm:
 *   A = Sublayer(Y, MultiHead(·, ·, ·) with the causal mask)    position t sees targets ≤ t only
 *   C = Sublayer(A, MultiHead(·, M, M))                         every target token reads the source
 *   Z = Sublayer(C, FFN(·))
 * Backward: the memory M gets its gradient from the cross-attention only; the caller adds the
 * dMemory of every decoder layer into the encoder's output gradient.
 * Rows: B targets of T tokens (B·T, d_model); memory: B sources of m tokens (B·m, d_model).
 */
import type {Mat, Param, Rng} from "../../engine/index.js";
import type {MultiHeadCache} from "../attention/multi-head.js";
import {MultiHeadAttention} from "../attention/multi-head.js";
import type {LayerSizes} from "./encoder-layer.js";
import type {FeedForwardCache} from "./feed-forward.js";
import {FeedForward} from "./feed-forward.js";
import {LayerNorm} from "./layer-norm.js";
import {prefixNames} from "./named.js";
import type {SublayerCache} from "./sublayer.js";
import {sublayerBackward, sublayerForward} from "./sublayer.js";

export interface DecoderLayerCache {
  self: SublayerCache<MultiHeadCache>;
  cross: SublayerCache<MultiHeadCache>;
  ffn: SublayerCache<FeedForwardCache>;
  /** The layer's output, (B·T, d_model). */
  Y: Mat;
}

export class DecoderLayer {
  readonly selfAttn: MultiHeadAttention;
  readonly ln1: LayerNorm;
  readonly crossAttn: MultiHeadAttention;
  readonly ln2: LayerNorm;
  readonly ffn: FeedForward;
  readonly ln3: LayerNorm;
  readonly params: Param[];

  constructor(readonly sizes: LayerSizes, rng: Rng, name = "dec.0") {
    const {dModel, heads, ffHidden, dtype} = sizes;
    this.selfAttn = prefixNames(`${name}.self`, new MultiHeadAttention({dModel, heads, dtype}, rng));
    this.ln1 = new LayerNorm(dModel, `${name}.ln1`, 1e-5, dtype);
    this.crossAttn = prefixNames(`${name}.cross`, new MultiHeadAttention({dModel, heads, dtype}, rng));
    this.ln2 = new LayerNorm(dModel, `${name}.ln2`, 1e-5, dtype);
    this.ffn = new FeedForward(dModel, ffHidden, rng, `${name}.ffn`, dtype);
    this.ln3 = new LayerNorm(dModel, `${name}.ln3`, 1e-5, dtype);
    this.params = [...this.selfAttn.params, ...this.ln1.params, ...this.crossAttn.params, ...this.ln2.params, ...this.ffn.params, ...this.ln3.params];
  }

  /** Y: (B·T, d_model) targets so far; M: (B·m, d_model) encoder output; srcLengths: real source tokens. */
  forward(Y: Mat, T: number, M: Mat, m: number, srcLengths?: ArrayLike<number>): DecoderLayerCache {
    const norm = this.sizes.norm;
    const self = sublayerForward(norm, this.ln1, Y, (x) => this.selfAttn.forward(x, T, {causal: true})); // (B·T, d_model)
    const cross = sublayerForward(norm, this.ln2, self.y, (x) => this.crossAttn.forward(x, T, {memory: M, memoryLen: m, lengths: srcLengths})); // (B·T, d_model)
    const ffn = sublayerForward(norm, this.ln3, cross.y, (x) => this.ffn.forward(x)); // (B·T, d_model)
    return {self, cross, ffn, Y: ffn.y};
  }

  /** Returns ∂L/∂Y and adds ∂L/∂M into dMemory. */
  backward(cache: DecoderLayerCache, dZ: Mat, dMemory: Mat): Mat {
    const dC = sublayerBackward(this.ln3, cache.ffn, dZ, (c, d) => this.ffn.backward(c, d)); // (B·T, d_model)
    const dA = sublayerBackward(this.ln2, cache.cross, dC, (c, d) => {
      const {dX, dMemory: dM} = this.crossAttn.backward(c, d);
      for (let i = 0; i < dMemory.data.length; i++) dMemory.data[i] += dM!.data[i]; // (B·m, d_model)
      return dX;
    });
    return sublayerBackward(this.ln1, cache.self, dA, (c, d) => this.selfAttn.backward(c, d).dX); // dY: (B·T, d_model)
  }
}
