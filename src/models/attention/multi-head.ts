/**
 * Multi-head attention (chapter 7; Vaswani et al., 2017, §3.2.2):
 *   Q = X W_Q,  K = M W_K,  V = M W_V                        (M = X for self-attention)
 *   split each into h heads of d_k = d_model / h columns:     Q_k, K_k, V_k   (B·n, d_k)
 *   head_k = softmax(Q_k K_kᵀ / √d_k) V_k                     (B·n, d_k)
 *   C = concat(g_1·head_1, …, g_h·head_h),   Y = C W_O        (B·n, d_model)
 * g_k is 1 unless a head is switched off (g_k = 0), the head mask of Michel et al. (2019).
 * Backward:
 *   dW_O += Cᵀ dY;  dC = dY W_Oᵀ;  dhead_k = g_k · (block k of dC);  per-head attention backward;
 *   dQ, dK, dV = concat over heads;  dW_Q += Xᵀ dQ;  dW_K += Mᵀ dK;  dW_V += Mᵀ dV;
 *   dX = dQ W_Qᵀ;  dM = dK W_Kᵀ + dV W_Vᵀ   (added into dX when M = X)
 *
 * API (a building block for the Transformer):
 *   const mha = new MultiHeadAttention({dModel, heads, scaled, dtype}, rng);
 *   const cache = mha.forward(X, n, {causal, lengths, memory, memoryLen, headMask}); // cache.Y: (B·n, d_model)
 *   const {dX, dMemory} = mha.backward(cache, dY);   // dMemory is null for self-attention
 * Cross-attention (decoder reading an encoder) passes memory: (B·m, d_model) and memoryLen m;
 * `lengths` then counts real tokens of the memory. No biases, as in the paper.
 */
import type {DType, Mat, Param, Rng} from "../../engine/index.js";
import {glorotUniform, mat, matmul, param} from "../../engine/index.js";
import type {AttentionCache} from "./scaled-dot-product.js";
import {attentionBackward, attentionForward} from "./scaled-dot-product.js";
import {concatHeads, splitHeads} from "./heads.js";
import type {MaskSpec} from "./mask.js";

export interface MultiHeadConfig {
  dModel: number;
  /** Number of heads h; must divide dModel. */
  heads: number;
  /** Divide each head's scores by √d_k (default true). */
  scaled?: boolean;
  dtype?: DType;
}

export interface MultiHeadOptions extends MaskSpec {
  /** Keys and values from this (B·m, d_model) matrix instead of X (cross-attention). */
  memory?: Mat;
  /** Rows per sequence of memory (default: the query length n). */
  memoryLen?: number;
  /** g_k per head (default all 1); 0 switches head k off. */
  headMask?: ArrayLike<number>;
}

export interface MultiHeadCache {
  X: Mat; // (B·n, d_model)
  /** Where keys and values came from: X itself, or the memory. */
  M: Mat; // (B·m, d_model)
  self: boolean;
  Q: Mat; // (B·n, d_model)
  K: Mat; // (B·m, d_model)
  V: Mat; // (B·m, d_model)
  /** One attention cache per head: its A is that head's (B·n, m) weights, its O that head's output. */
  heads: AttentionCache[];
  gates: number[];
  C: Mat; // (B·n, d_model), the gated heads side by side
  Y: Mat; // (B·n, d_model)
}

export class MultiHeadAttention {
  readonly dModel: number;
  readonly heads: number;
  readonly dK: number;
  readonly scaled: boolean;
  readonly dtype: DType;
  readonly WQ: Param; // (d_model, d_model) = [W_Q^1 … W_Q^h] side by side
  readonly WK: Param; // (d_model, d_model)
  readonly WV: Param; // (d_model, d_model)
  readonly WO: Param; // (d_model, d_model)
  readonly params: Param[];

  constructor({dModel, heads, scaled = true, dtype = "float32"}: MultiHeadConfig, rng: Rng) {
    if (!(heads >= 1) || dModel % heads !== 0) throw new Error(`MultiHeadAttention: ${heads} heads do not divide d_model = ${dModel}`);
    this.dModel = dModel;
    this.heads = heads;
    this.dK = dModel / heads;
    this.scaled = scaled;
    this.dtype = dtype;
    this.WQ = param("W_Q", dModel, dModel, dtype);
    this.WK = param("W_K", dModel, dModel, dtype);
    this.WV = param("W_V", dModel, dModel, dtype);
    this.WO = param("W_O", dModel, dModel, dtype);
    this.params = [this.WQ, this.WK, this.WV, this.WO];
    for (const p of this.params) glorotUniform(p.value, rng);
  }

  forward(X: Mat, seqLen: number, opts: MultiHeadOptions = {}): MultiHeadCache {
    const {memory, headMask, causal, lengths} = opts;
    const M = memory ?? X, m = memory ? opts.memoryLen ?? seqLen : seqLen;
    const d = this.dModel, h = this.heads;
    const Q = matmul(X, this.WQ.value, mat(X.rows, d, this.dtype)); // Q = X W_Q: (B·n, d_model)
    const K = matmul(M, this.WK.value, mat(M.rows, d, this.dtype)); // K = M W_K: (B·m, d_model)
    const V = matmul(M, this.WV.value, mat(M.rows, d, this.dtype)); // V = M W_V: (B·m, d_model)
    const [Qs, Ks, Vs] = [splitHeads(Q, h), splitHeads(K, h), splitHeads(V, h)]; // h × (B·n or B·m, d_k)
    const scale = this.scaled ? 1 / Math.sqrt(this.dK) : 1;
    const gates = Array.from({length: h}, (_, k) => (headMask ? headMask[k] : 1));
    const heads = Qs.map((Qk, k) => attentionForward(Qk, Ks[k], Vs[k], {seqLen, keyLen: m, scale, causal, lengths})); // head_k: (B·n, d_k)
    const C = concatHeads(heads.map((a, k) => (gates[k] === 1 ? a.O : scaled(a.O, gates[k])))); // (B·n, d_model)
    const Y = matmul(C, this.WO.value, mat(X.rows, d, this.dtype)); // Y = C W_O: (B·n, d_model)
    return {X, M, self: !memory, Q, K, V, heads, gates, C, Y};
  }

  backward(cache: MultiHeadCache, dY: Mat): {dX: Mat; dMemory: Mat | null} {
    const {X, M, heads, gates, C} = cache;
    const d = this.dModel;
    matmul(C, dY, this.WO.grad, {transA: true, accumulate: true}); // dW_O += Cᵀ dY: (d_model, d_model)
    const dC = matmul(dY, this.WO.value, mat(X.rows, d, this.dtype), {transB: true}); // dC = dY W_Oᵀ: (B·n, d_model)
    const grads = splitHeads(dC, this.heads).map((dHk, k) => attentionBackward(heads[k], gates[k] === 1 ? dHk : scaled(dHk, gates[k])));
    const dQ = concatHeads(grads.map((g) => g.dQ)); // (B·n, d_model)
    const dK = concatHeads(grads.map((g) => g.dK)); // (B·m, d_model)
    const dV = concatHeads(grads.map((g) => g.dV)); // (B·m, d_model)
    matmul(X, dQ, this.WQ.grad, {transA: true, accumulate: true}); // dW_Q += Xᵀ dQ
    matmul(M, dK, this.WK.grad, {transA: true, accumulate: true}); // dW_K += Mᵀ dK
    matmul(M, dV, this.WV.grad, {transA: true, accumulate: true}); // dW_V += Mᵀ dV
    const dX = matmul(dQ, this.WQ.value, mat(X.rows, d, this.dtype), {transB: true}); // dQ W_Qᵀ: (B·n, d_model)
    const dM = cache.self ? dX : mat(M.rows, d, this.dtype); // (B·m, d_model)
    matmul(dK, this.WK.value, dM, {transB: true, accumulate: true}); // + dK W_Kᵀ
    matmul(dV, this.WV.value, dM, {transB: true, accumulate: true}); // + dV W_Vᵀ
    return {dX, dMemory: cache.self ? null : dM};
  }
}

/** g · A, as a new matrix (exact zeros when g = 0, so a head switched off leaves no trace). */
function scaled(A: Mat, g: number): Mat {
  return {rows: A.rows, cols: A.cols, data: g === 0 ? new (A.data.constructor as Float64ArrayConstructor)(A.data.length) : A.data.map((v) => v * g)};
}
