/**
 * One encoder layer (Vaswani et al., 2017, §3.1): self-attention over the source, then the
 * position-wise feed-forward network, each inside a residual connection with a layer norm:
 *   A = Sublayer(X, MultiHead(·, ·, ·))          every source token looks at every real source token
 *   Y = Sublayer(A, FFN(·))
 * Sublayer is x + F(LN(x)) (pre-LN) or LN(x + F(x)) (post-LN); see sublayer.ts.
 * Rows are B sources of n tokens stacked (B·n, d_model); `lengths` marks padding keys.
 */
import type {DType, Mat, Param, Rng} from "../../engine/index.js";
import type {MultiHeadCache} from "../attention/multi-head.js";
import {MultiHeadAttention} from "../attention/multi-head.js";
import type {NormPlacement} from "./config.js";
import type {FeedForwardCache} from "./feed-forward.js";
import {FeedForward} from "./feed-forward.js";
import {LayerNorm} from "./layer-norm.js";
import {prefixNames} from "./named.js";
import type {SublayerCache} from "./sublayer.js";
import {sublayerBackward, sublayerForward} from "./sublayer.js";

export interface LayerSizes {
  dModel: number;
  heads: number;
  ffHidden: number;
  norm: NormPlacement;
  dtype: DType;
}

export interface EncoderLayerCache {
  self: SublayerCache<MultiHeadCache>;
  ffn: SublayerCache<FeedForwardCache>;
  /** The layer's output, (B·n, d_model). */
  Y: Mat;
}

export class EncoderLayer {
  readonly selfAttn: MultiHeadAttention;
  readonly ln1: LayerNorm;
  readonly ffn: FeedForward;
  readonly ln2: LayerNorm;
  readonly params: Param[];

  constructor(readonly sizes: LayerSizes, rng: Rng, name = "enc.0") {
    const {dModel, heads, ffHidden, dtype} = sizes;
    this.selfAttn = prefixNames(`${name}.self`, new MultiHeadAttention({dModel, heads, dtype}, rng));
    this.ln1 = new LayerNorm(dModel, `${name}.ln1`, 1e-5, dtype);
    this.ffn = new FeedForward(dModel, ffHidden, rng, `${name}.ffn`, dtype);
    this.ln2 = new LayerNorm(dModel, `${name}.ln2`, 1e-5, dtype);
    this.params = [...this.selfAttn.params, ...this.ln1.params, ...this.ffn.params, ...this.ln2.params];
  }

  forward(X: Mat, n: number, lengths?: ArrayLike<number>): EncoderLayerCache {
    const norm = this.sizes.norm;
    const self = sublayerForward(norm, this.ln1, X, (x) => this.selfAttn.forward(x, n, {lengths})); // (B·n, d_model)
    const ffn = sublayerForward(norm, this.ln2, self.y, (x) => this.ffn.forward(x)); // (B·n, d_model)
    return {self, ffn, Y: ffn.y};
  }

  backward(cache: EncoderLayerCache, dY: Mat): Mat {
    const dA = sublayerBackward(this.ln2, cache.ffn, dY, (c, d) => this.ffn.backward(c, d)); // (B·n, d_model)
    return sublayerBackward(this.ln1, cache.self, dA, (c, d) => this.selfAttn.backward(c, d).dX); // dX: (B·n, d_model)
  }
}
