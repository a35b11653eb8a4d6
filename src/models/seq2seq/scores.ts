/**
 * Alignment scores e_{t,i} = align(s_{t−1}, h_i): how well the decoder state s_{t−1} (B, H) matches
 * annotation h_i (B, D), for every i at once.
 *   additive (Bahdanau et al. 2015, eq. 6 and app. A.1.2):  e = v_aᵀ tanh(W_a s + U_a h)
 *   dot      (Luong et al. 2015, eq. 8):                    e = sᵀ h            (needs H = D)
 *   general  (Luong et al. 2015, eq. 8):                    e = sᵀ W_a h
 * The parts that depend only on h_i are computed once per sequence as keys k_i (U_a h_i, h_i or
 * W_a h_i), and their gradients dk_i are summed over all decoder steps before going back to h_i.
 */
import type {DType, Mat, Param, Rng} from "../../engine/index.js";
import {glorotUniform, mat, matmul, param} from "../../engine/index.js";

export type ScoreKind = "additive" | "dot" | "general";

/** One decoder step's scores and the way back through them. */
export interface ScoreStep {
  /** e_{t,·}: (B, n). */
  e: Mat;
  /** From de (B, n): adds into dkeys[i] (B, K) and returns ds_{t−1} (B, H). */
  backward(de: Mat, dkeys: Mat[]): Mat;
}

export interface Score {
  readonly kind: ScoreKind;
  readonly params: Param[];
  /** k_i from h_i, each (B, K). */
  keys(hs: Mat[]): Mat[];
  step(s: Mat, keys: Mat[]): ScoreStep;
  /** dhs[i] += ∂L/∂h_i through k_i; adds the key weights' gradients. */
  keysBackward(hs: Mat[], dkeys: Mat[], dhs: Mat[]): void;
}

/** e_i = s · k_i row by row, and its backward: ds = Σ_i de_i k_i, dk_i = de_i s. */
function bilinearStep(s: Mat, keys: Mat[]): ScoreStep {
  const B = s.rows, K = s.cols, n = keys.length;
  const e = mat(B, n, s.data instanceof Float64Array ? "float64" : "float32"); // (B, n)
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < n; i++) {
      let dot = 0;
      for (let j = 0; j < K; j++) dot += s.data[b * K + j] * keys[i].data[b * K + j];
      e.data[b * n + i] = dot;
    }
  }
  return {
    e,
    backward(de, dkeys) {
      const ds = mat(B, K, s.data instanceof Float64Array ? "float64" : "float32"); // (B, H)
      for (let b = 0; b < B; b++) {
        for (let i = 0; i < n; i++) {
          const g = de.data[b * n + i];
          for (let j = 0; j < K; j++) {
            ds.data[b * K + j] += g * keys[i].data[b * K + j];
            dkeys[i].data[b * K + j] += g * s.data[b * K + j];
          }
        }
      }
      return ds;
    }
  };
}

/** e = sᵀ h. */
class DotScore implements Score {
  readonly kind = "dot";
  readonly params: Param[] = [];
  constructor(hidden: number, annotation: number) {
    if (hidden !== annotation) throw new Error(`dot score: the decoder state (${hidden}) and the annotations (${annotation}) must have one size`);
  }
  keys(hs: Mat[]): Mat[] {
    return hs; // k_i = h_i
  }
  step(s: Mat, keys: Mat[]): ScoreStep {
    return bilinearStep(s, keys);
  }
  keysBackward(_hs: Mat[], dkeys: Mat[], dhs: Mat[]): void {
    dkeys.forEach((dk, i) => dk.data.forEach((g, j) => (dhs[i].data[j] += g)));
  }
}

/** e = sᵀ W_a h, with W_a: (H, D). */
class GeneralScore implements Score {
  readonly kind = "general";
  readonly Wa: Param;
  readonly params: Param[];
  constructor(hidden: number, annotation: number, dtype: DType, rng: Rng) {
    this.Wa = param("att.W_a", hidden, annotation, dtype);
    glorotUniform(this.Wa.value, rng);
    this.params = [this.Wa];
  }
  keys(hs: Mat[]): Mat[] {
    return hs.map((h) => matmul(h, this.Wa.value, mat(h.rows, this.Wa.value.rows, this.Wa.value.data instanceof Float64Array ? "float64" : "float32"), {transB: true})); // k_i = h_i W_aᵀ: (B, H)
  }
  step(s: Mat, keys: Mat[]): ScoreStep {
    return bilinearStep(s, keys);
  }
  keysBackward(hs: Mat[], dkeys: Mat[], dhs: Mat[]): void {
    hs.forEach((h, i) => {
      matmul(dkeys[i], h, this.Wa.grad, {transA: true, accumulate: true}); // dW_a += dk_iᵀ h_i: (H, D)
      matmul(dkeys[i], this.Wa.value, dhs[i], {accumulate: true}); // dh_i += dk_i W_a: (B, D)
    });
  }
}

/** e = v_aᵀ tanh(W_a s + U_a h), with W_a: (A, H), U_a: (A, D), v_a: (1, A). */
class AdditiveScore implements Score {
  readonly kind = "additive";
  readonly Wa: Param;
  readonly Ua: Param;
  readonly va: Param;
  readonly params: Param[];
  constructor(hidden: number, annotation: number, size: number, dtype: DType, rng: Rng) {
    this.Wa = param("att.W_a", size, hidden, dtype);
    this.Ua = param("att.U_a", size, annotation, dtype);
    this.va = param("att.v_a", 1, size, dtype);
    glorotUniform(this.Wa.value, rng);
    glorotUniform(this.Ua.value, rng);
    glorotUniform(this.va.value, rng);
    this.params = [this.Wa, this.Ua, this.va];
  }
  private get dtype(): DType {
    return this.Wa.value.data instanceof Float64Array ? "float64" : "float32";
  }
  keys(hs: Mat[]): Mat[] {
    return hs.map((h) => matmul(h, this.Ua.value, mat(h.rows, this.Ua.value.rows, this.dtype), {transB: true})); // k_i = h_i U_aᵀ: (B, A)
  }
  step(s: Mat, keys: Mat[]): ScoreStep {
    const B = s.rows, A = this.Wa.value.rows, n = keys.length, v = this.va.value.data;
    const q = matmul(s, this.Wa.value, mat(B, A, this.dtype), {transB: true}); // W_a s: (B, A)
    const a = keys.map((k) => {
      const ai = mat(B, A, this.dtype); // a_i = tanh(W_a s + U_a h_i): (B, A)
      for (let j = 0; j < ai.data.length; j++) ai.data[j] = Math.tanh(q.data[j] + k.data[j]);
      return ai;
    });
    const e = mat(B, n, this.dtype); // e_i = v_aᵀ a_i: (B, n)
    for (let b = 0; b < B; b++) {
      for (let i = 0; i < n; i++) {
        let dot = 0;
        for (let j = 0; j < A; j++) dot += v[j] * a[i].data[b * A + j];
        e.data[b * n + i] = dot;
      }
    }
    return {
      e,
      backward: (de, dkeys) => {
        const dq = mat(B, A, this.dtype); // ∂L/∂(W_a s): (B, A)
        const dv = this.va.grad.data;
        for (let i = 0; i < n; i++) {
          const ai = a[i].data, dk = dkeys[i].data;
          for (let b = 0; b < B; b++) {
            const g = de.data[b * n + i];
            for (let j = 0; j < A; j++) {
              const y = ai[b * A + j];
              dv[j] += g * y; // dv_a += de_i a_i
              const dpre = g * v[j] * (1 - y * y); // d(W_a s + U_a h_i) = de_i v_a ⊙ (1 − a_i²)
              dq.data[b * A + j] += dpre;
              dk[b * A + j] += dpre;
            }
          }
        }
        matmul(dq, s, this.Wa.grad, {transA: true, accumulate: true}); // dW_a += dqᵀ s: (A, H)
        return matmul(dq, this.Wa.value, mat(B, s.cols, this.dtype)); // ds = dq W_a: (B, H)
      }
    };
  }
  keysBackward(hs: Mat[], dkeys: Mat[], dhs: Mat[]): void {
    hs.forEach((h, i) => {
      matmul(dkeys[i], h, this.Ua.grad, {transA: true, accumulate: true}); // dU_a += dk_iᵀ h_i: (A, D)
      matmul(dkeys[i], this.Ua.value, dhs[i], {accumulate: true}); // dh_i += dk_i U_a: (B, D)
    });
  }
}

/** The score `kind` for decoder states of size `hidden` and annotations of size `annotation`. */
export function makeScore(kind: ScoreKind, hidden: number, annotation: number, size: number, dtype: DType, rng: Rng): Score {
  if (kind === "dot") return new DotScore(hidden, annotation);
  if (kind === "general") return new GeneralScore(hidden, annotation, dtype, rng);
  return new AdditiveScore(hidden, annotation, size, dtype, rng);
}
