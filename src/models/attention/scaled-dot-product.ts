/**
 * Scaled dot-product attention (Vaswani et al., 2017, eq. 1), for a batch of sequences:
 *   S = s · Q Kᵀ   (−∞ where the mask forbids),   A = softmax over each row of S,   O = A V
 * with s = 1/√d_k unless told otherwise. Backward (dX is ∂L/∂X throughout this folder):
 *   dV = Aᵀ dO;   dA = dO Vᵀ;   dS_i = A_i ⊙ (dA_i − A_i·dA_i);   dQ = s · dS K;   dK = s · dSᵀ Q
 * A masked entry has A = 0, so its dS is 0 and no gradient flows through it.
 *
 * Shapes, with B sequences of n queries and m keys stacked row-wise (see block.ts):
 *   Q (B·n, d_k)   K (B·m, d_k)   V (B·m, d_v)   S, A (B·n, m)   O (B·n, d_v)
 */
import type {Mat} from "../../engine/index.js";
import {dtypeOf, mat, matmul, row, softmax, softmaxRowsBackward} from "../../engine/index.js";
import {batchOf, block} from "./block.js";
import type {MaskSpec} from "./mask.js";
import {allowed, isEmptyMask} from "./mask.js";

export interface AttentionOptions extends MaskSpec {
  /** Queries per sequence. */
  seqLen: number;
  /** Keys per sequence (default seqLen). */
  keyLen?: number;
  /** s in S = s·QKᵀ; default 1/√d_k. Pass 1 for unscaled dot products. */
  scale?: number;
}

export interface AttentionCache {
  Q: Mat; // (B·n, d_k)
  K: Mat; // (B·m, d_k)
  V: Mat; // (B·m, d_v)
  /** Scores after scaling and masking (−∞ where masked). */
  S: Mat; // (B·n, m)
  /** Attention weights: row i of sequence b sums to 1 over the keys it may see. */
  A: Mat; // (B·n, m)
  O: Mat; // (B·n, d_v)
  scale: number;
  seqLen: number;
  keyLen: number;
}

export interface AttentionGrads {
  dQ: Mat; // (B·n, d_k)
  dK: Mat; // (B·m, d_k)
  dV: Mat; // (B·m, d_v)
}

/** softmax of a score row in which −∞ marks a forbidden key; an all-forbidden row gives zeros. */
function softmaxMaskedRow(s: Float32Array | Float64Array, a: Float32Array | Float64Array): void {
  let max = -Infinity;
  for (let j = 0; j < s.length; j++) if (s[j] > max) max = s[j];
  if (max === -Infinity) a.fill(0);
  else softmax(s, a);
}

export function attentionForward(Q: Mat, K: Mat, V: Mat, opts: AttentionOptions): AttentionCache {
  const n = opts.seqLen, m = opts.keyLen ?? n;
  const B = batchOf(Q, n);
  if (batchOf(K, m) !== B || V.rows !== K.rows) throw new Error(`attention: Q ${Q.rows}×${Q.cols}, K ${K.rows}×${K.cols}, V ${V.rows}×${V.cols} for n=${n}, m=${m}`);
  const scale = opts.scale ?? 1 / Math.sqrt(Q.cols);
  const dtype = dtypeOf(Q.data);
  const S = mat(B * n, m, dtype); // (B·n, m)
  const A = mat(B * n, m, dtype); // (B·n, m)
  const O = mat(B * n, V.cols, dtype); // (B·n, d_v)
  const masked = !isEmptyMask(opts);
  for (let b = 0; b < B; b++) {
    const Sb = block(S, b, n); // (n, m)
    matmul(block(Q, b, n), block(K, b, m), Sb, {transB: true}); // Q Kᵀ: (n, m)
    for (let i = 0; i < n; i++) {
      const s = row(Sb, i);
      for (let j = 0; j < m; j++) s[j] = masked && !allowed(opts, b, i, j) ? -Infinity : s[j] * scale;
      softmaxMaskedRow(s, row(A, b * n + i));
    }
    matmul(block(A, b, n), block(V, b, m), block(O, b, n)); // A V: (n, d_v)
  }
  return {Q, K, V, S, A, O, scale, seqLen: n, keyLen: m};
}

export function attentionBackward(cache: AttentionCache, dO: Mat): AttentionGrads {
  const {Q, K, V, A, scale, seqLen: n, keyLen: m} = cache;
  const B = batchOf(Q, n);
  const dtype = dtypeOf(Q.data);
  const dQ = mat(Q.rows, Q.cols, dtype); // (B·n, d_k)
  const dK = mat(K.rows, K.cols, dtype); // (B·m, d_k)
  const dV = mat(V.rows, V.cols, dtype); // (B·m, d_v)
  const dS = mat(n, m, dtype); // (n, m), reused per sequence
  for (let b = 0; b < B; b++) {
    const Ab = block(A, b, n), dOb = block(dO, b, n);
    matmul(Ab, dOb, block(dV, b, m), {transA: true}); // dV = Aᵀ dO: (m, d_v)
    matmul(dOb, block(V, b, m), dS, {transB: true}); // dA = dO Vᵀ: (n, m)
    softmaxRowsBackward(Ab, dS, dS); // dS: (n, m)
    for (let i = 0; i < dS.data.length; i++) dS.data[i] *= scale;
    matmul(dS, block(K, b, m), block(dQ, b, n)); // dQ = s·dS K: (n, d_k)
    matmul(dS, block(Q, b, n), block(dK, b, m), {transA: true}); // dK = s·dSᵀ Q: (m, d_k)
  }
  return {dQ, dK, dV};
}
