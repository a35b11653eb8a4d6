/**
 * One self-attention layer (chapter 6): the queries, keys and values all come from the same
 * sequence X, through three learned projections (Vaswani et al., 2017, §3.2):
 *   Q = X W_Q,   K = X W_K,   V = X W_V,   Y = softmax(s · Q Kᵀ) V
 * Backward: the attention kernel gives dQ, dK, dV; then
 *   dW_Q += Xᵀ dQ;   dW_K += Xᵀ dK;   dW_V += Xᵀ dV;   dX = dQ W_Qᵀ + dK W_Kᵀ + dV W_Vᵀ
 *
 * API (a building block for later chapters):
 *   const sa = new SelfAttention({dModel, dK, dV, scaled, dtype}, rng);
 *   const cache = sa.forward(X, seqLen, {causal, lengths});   // X: (B·n, d_model); cache.Y: (B·n, d_v)
 *   const dX = sa.backward(cache, dY);                         // adds into sa.params' grads
 * No biases: the paper's projections are plain matrices.
 */
import type {DType, Mat, Param, Rng} from "../../engine/index.js";
import {glorotUniform, mat, matmul, param} from "../../engine/index.js";
import type {AttentionCache} from "./scaled-dot-product.js";
import {attentionBackward, attentionForward} from "./scaled-dot-product.js";
import type {MaskSpec} from "./mask.js";

export interface SelfAttentionConfig {
  dModel: number;
  /** Width of queries and keys (default dModel). */
  dK?: number;
  /** Width of values and of the output (default dK). */
  dV?: number;
  /** Divide the scores by √d_k (default true). */
  scaled?: boolean;
  dtype?: DType;
}

export interface SelfAttentionCache {
  X: Mat; // (B·n, d_model)
  att: AttentionCache; // Q, K, V, S, A, O
  Y: Mat; // (B·n, d_v), the same matrix as att.O
}

export class SelfAttention {
  readonly dModel: number;
  readonly dK: number;
  readonly dV: number;
  readonly scaled: boolean;
  readonly dtype: DType;
  readonly WQ: Param; // (d_model, d_k)
  readonly WK: Param; // (d_model, d_k)
  readonly WV: Param; // (d_model, d_v)
  readonly params: Param[];

  constructor({dModel, dK = dModel, dV = dK, scaled = true, dtype = "float32"}: SelfAttentionConfig, rng: Rng) {
    this.dModel = dModel;
    this.dK = dK;
    this.dV = dV;
    this.scaled = scaled;
    this.dtype = dtype;
    this.WQ = param("W_Q", dModel, dK, dtype);
    this.WK = param("W_K", dModel, dK, dtype);
    this.WV = param("W_V", dModel, dV, dtype);
    for (const p of [this.WQ, this.WK, this.WV]) glorotUniform(p.value, rng);
    this.params = [this.WQ, this.WK, this.WV];
  }

  forward(X: Mat, seqLen: number, mask: MaskSpec = {}): SelfAttentionCache {
    const N = X.rows;
    const Q = matmul(X, this.WQ.value, mat(N, this.dK, this.dtype)); // Q = X W_Q: (B·n, d_k)
    const K = matmul(X, this.WK.value, mat(N, this.dK, this.dtype)); // K = X W_K: (B·n, d_k)
    const V = matmul(X, this.WV.value, mat(N, this.dV, this.dtype)); // V = X W_V: (B·n, d_v)
    const att = attentionForward(Q, K, V, {...mask, seqLen, scale: this.scaled ? 1 / Math.sqrt(this.dK) : 1});
    return {X, att, Y: att.O};
  }

  backward(cache: SelfAttentionCache, dY: Mat): Mat {
    const {X} = cache;
    const {dQ, dK, dV} = attentionBackward(cache.att, dY);
    matmul(X, dQ, this.WQ.grad, {transA: true, accumulate: true}); // dW_Q += Xᵀ dQ: (d_model, d_k)
    matmul(X, dK, this.WK.grad, {transA: true, accumulate: true}); // dW_K += Xᵀ dK: (d_model, d_k)
    matmul(X, dV, this.WV.grad, {transA: true, accumulate: true}); // dW_V += Xᵀ dV: (d_model, d_v)
    const dX = matmul(dQ, this.WQ.value, mat(X.rows, this.dModel, this.dtype), {transB: true}); // dQ W_Qᵀ: (B·n, d_model)
    matmul(dK, this.WK.value, dX, {transB: true, accumulate: true}); // + dK W_Kᵀ
    matmul(dV, this.WV.value, dX, {transB: true, accumulate: true}); // + dV W_Vᵀ
    return dX;
  }
}
