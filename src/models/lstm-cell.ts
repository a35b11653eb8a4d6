/**
 * The LSTM cell of chapter 3 (Hochreiter & Schmidhuber, 1997; forget gate: Gers et al., 2000):
 *   f(t) = σ(W_f h(t−1) + U_f x(t) + b_f)          forget gate
 *   i(t) = σ(W_i h(t−1) + U_i x(t) + b_i)          input gate
 *   c̃(t) = tanh(W_c h(t−1) + U_c x(t) + b_c)       new cell content
 *   o(t) = σ(W_o h(t−1) + U_o x(t) + b_o)          output gate
 *   c(t) = f(t) ⊙ c(t−1) + i(t) ⊙ c̃(t)
 *   h(t) = o(t) ⊙ tanh(c(t))
 * In a batch, rows are sequences: Z(t) = H(t−1) Wᵀ + X(t) Uᵀ + b, (B, 4H), then the gates.
 *
 * Layout: the four gates' weights live in one stacked matrix each, gates in the page's order
 * f, i, c̃, o:
 *   W = [W_f; W_i; W_c; W_o]  (4H, H)     U = [U_f; U_i; U_c; U_o]  (4H, I)     b = [b_f b_i b_c b_o]  (1, 4H)
 * and `params` lists twelve Params named W_f, W_i, W_c, W_o, U_f, …, b_o whose value and grad are
 * views into those stacks (row block k of W is gate k), so optimisers, checkpoints and gradient
 * checks see the page's names while the kernels do one matrix product for all four gates.
 *
 * Backward through time (dX is ∂L/∂X; dh(t) and dc(t) are the totals over every path):
 *   dh(t)  = dh from above + dh from step t+1
 *   dc(t)  = dc from step t+1 + dh(t) ⊙ o(t) ⊙ (1 − tanh²c(t))
 *   do(t)  = dh(t) ⊙ tanh c(t)       df(t) = dc(t) ⊙ c(t−1)
 *   di(t)  = dc(t) ⊙ c̃(t)            dc̃(t) = dc(t) ⊙ i(t)
 *   dz_f = df ⊙ f(1−f);  dz_i = di ⊙ i(1−i);  dz_c = dc̃ ⊙ (1−c̃²);  dz_o = do ⊙ o(1−o)
 *   dc(t−1) from step t = dc(t) ⊙ f(t);   dh(t−1) from step t = dZ(t) W
 *   dW += Σ_t dZ(t)ᵀ h(t−1);  dU += Σ_t dZ(t)ᵀ x(t);  db += Σ_t Σ_batch dZ(t);  dx(t) = dZ(t) U
 */
import type {DType, Mat, Param, Rng} from "../engine/index.js";
import {addRowVector, glorotUniform, mat, matmul, orthogonal, sigmoid, sumRowsInto} from "../engine/index.js";
import type {CellGrads, RecurrentCell, Trace} from "./recurrent.js";

const σ = sigmoid; // bound once: a hot loop should not go through the re-export on every call

export interface LstmCellConfig {
  inputSize: number;
  hiddenSize: number;
  /** Initial value of every entry of b_f (Gers et al., 2000; Jozefowicz et al., 2015). Default 1. */
  forgetBias?: number;
  dtype?: DType;
}

/** The gates in the page's order, and the row block each occupies in the stacks. */
export const GATES = ["f", "i", "c", "o"] as const;
export type Gate = (typeof GATES)[number];

export interface LstmTrace extends Trace {
  /** Gate values per step, each (B, H): f(t), i(t), c̃(t), o(t). */
  f: Mat[];
  i: Mat[];
  cTilde: Mat[];
  o: Mat[];
  /** Cell states c(1)…c(T) and tanh c(t), each (B, H). */
  c: Mat[];
  tanhC: Mat[];
  /** h(0) and c(0), (B, H). */
  h0: Mat;
  c0: Mat;
  /** The inputs stacked step after step, (T·B, I), and [h(0); …; h(T−1)], (T·B, H). */
  X: Mat;
  Hprev: Mat;
}

export interface LstmGrads extends CellGrads {
  /** ∂L/∂c(0), (B, H). */
  dc0: Mat;
  /** The total ∂L/∂h(t) and ∂L/∂c(t) at every step, each (B, H) (what the gradient-flow plots show). */
  dh: Mat[];
  dc: Mat[];
}

export interface LstmBackwardOptions {
  /** Add into the parameters' grads (default true); false only reads the flow of gradients. */
  paramGrads?: boolean;
}

/** Rows [from, to) of m as a matrix view (no copy). */
function rowsView(m: Mat, from: number, to: number): Mat {
  return mat(to - from, m.cols, undefined, m.data.subarray(from * m.cols, to * m.cols));
}

/**
 * Z += X Uᵀ, X: (n, I), U: (4H, I), walking each row of U once per nonzero x: a one-hot x(t) costs
 * one row of Uᵀ instead of a full product.
 */
function addInputs(X: Mat, U: Mat, Z: Mat): void {
  const I = X.cols, G = U.rows, Ut = new Float64Array(I * G); // Uᵀ: (I, 4H)
  for (let g = 0; g < G; g++) for (let m = 0; m < I; m++) Ut[m * G + g] = U.data[g * I + m];
  for (let r = 0; r < X.rows; r++) {
    for (let m = 0; m < I; m++) {
      const x = X.data[r * I + m];
      if (x === 0) continue;
      for (let g = 0, zr = r * G, um = m * G; g < G; g++) Z.data[zr + g] += x * Ut[um + g];
    }
  }
}

/** dst += srcᵀ. */
function addTransposed(src: Mat, dst: Mat): void {
  const {rows, cols} = src;
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) dst.data[j * rows + i] += src.data[i * cols + j];
}

/** T views of B rows each into one (T·B, cols) buffer. */
function steps(m: Mat, T: number, B: number): Mat[] {
  return Array.from({length: T}, (_, t) => rowsView(m, t * B, (t + 1) * B));
}

export class LstmCell implements RecurrentCell<LstmTrace> {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly dtype: DType;
  /** The stacks: W (4H, H), U (4H, I), b (1, 4H), with their gradients. */
  readonly W: Param;
  readonly U: Param;
  readonly b: Param;
  /** W_f, W_i, W_c, W_o, U_f, U_i, U_c, U_o, b_f, b_i, b_c, b_o: views into the stacks. */
  readonly params: Param[];

  constructor({inputSize, hiddenSize, forgetBias = 1, dtype = "float32"}: LstmCellConfig, rng: Rng) {
    const H = hiddenSize, I = inputSize;
    this.inputSize = I;
    this.hiddenSize = H;
    this.dtype = dtype;
    this.W = {name: "W", value: mat(4 * H, H, dtype), grad: mat(4 * H, H, dtype)};
    this.U = {name: "U", value: mat(4 * H, I, dtype), grad: mat(4 * H, I, dtype)};
    this.b = {name: "b", value: mat(1, 4 * H, dtype), grad: mat(1, 4 * H, dtype)};
    const block = (stack: Param, name: string, k: number): Param => {
      const [rows, cols] = stack.value.rows === 1 ? [1, H] : [H, stack.value.cols];
      const n = rows * cols;
      return {
        name,
        value: mat(rows, cols, dtype, stack.value.data.subarray(k * n, (k + 1) * n)),
        grad: mat(rows, cols, dtype, stack.grad.data.subarray(k * n, (k + 1) * n))
      };
    };
    const Ws = GATES.map((g, k) => block(this.W, `W_${g}`, k));
    const Us = GATES.map((g, k) => block(this.U, `U_${g}`, k));
    const bs = GATES.map((g, k) => block(this.b, `b_${g}`, k));
    for (const p of Ws) orthogonal(p.value, rng); // each W_g: (H, H)
    for (const p of Us) glorotUniform(p.value, rng); // each U_g: (H, I)
    bs[0].value.data.fill(forgetBias); // b_f
    this.params = [...Ws, ...Us, ...bs];
  }

  /** The parameter named e.g. "W_f" or "b_o". */
  get(name: `${"W" | "U" | "b"}_${Gate}`): Param {
    const p = this.params.find((q) => q.name === name);
    if (!p) throw new Error(`LstmCell: no parameter ${name}`);
    return p;
  }

  /** Runs the cell over xs (each (B, I)) from h(0), c(0) (zeros when omitted). */
  forward(xs: Mat[], h0?: Mat, c0?: Mat): LstmTrace {
    const T = xs.length, B = xs.length ? xs[0].rows : h0?.rows ?? 1;
    const H = this.hiddenSize, I = this.inputSize, dt = this.dtype;
    const X = mat(T * B, I, dt); // x(1)…x(T) stacked: (T·B, I)
    xs.forEach((x, t) => X.data.set(x.data, t * B * I));
    const Z = addRowVector(mat(T * B, 4 * H, dt), this.b.value.data); // b, for every t: (T·B, 4H)
    addInputs(X, this.U.value, Z); // + U x(t): (T·B, 4H)
    const hAll = mat((T + 1) * B, H, dt); // h(0)…h(T): ((T+1)·B, H)
    const cAll = mat((T + 1) * B, H, dt); // c(0)…c(T): ((T+1)·B, H)
    if (h0) hAll.data.set(h0.data);
    if (c0) cAll.data.set(c0.data);
    const F = mat(T * B, H, dt), In = mat(T * B, H, dt), G = mat(T * B, H, dt), O = mat(T * B, H, dt); // gates: (T·B, H)
    const TC = mat(T * B, H, dt); // tanh c(t): (T·B, H)
    const z = Z.data, f = F.data, ig = In.data, g = G.data, o = O.data, c = cAll.data, h = hAll.data, tc = TC.data;
    for (let t = 0; t < T; t++) {
      const hPrev = rowsView(hAll, t * B, (t + 1) * B); // h(t−1): (B, H)
      matmul(hPrev, this.W.value, rowsView(Z, t * B, (t + 1) * B), {transB: true, accumulate: true}); // Z(t) += h(t−1) Wᵀ: (B, 4H)
      for (let r = 0; r < B; r++) {
        const zr = (t * B + r) * 4 * H, s = (t * B + r) * H, prev = s, next = s + B * H;
        for (let j = 0; j < H; j++) {
          const fj = σ(z[zr + j]); // f(t)
          const ij = σ(z[zr + H + j]); // i(t)
          const gj = Math.tanh(z[zr + 2 * H + j]); // c̃(t)
          const oj = σ(z[zr + 3 * H + j]); // o(t)
          const cj = fj * c[prev + j] + ij * gj; // c(t) = f ⊙ c(t−1) + i ⊙ c̃
          const tcj = Math.tanh(cj);
          f[s + j] = fj;
          ig[s + j] = ij;
          g[s + j] = gj;
          o[s + j] = oj;
          c[next + j] = cj;
          tc[s + j] = tcj;
          h[next + j] = oj * tcj; // h(t) = o ⊙ tanh c(t)
        }
      }
    }
    return {
      hs: steps(rowsView(hAll, B, (T + 1) * B), T, B),
      c: steps(rowsView(cAll, B, (T + 1) * B), T, B),
      f: steps(F, T, B),
      i: steps(In, T, B),
      cTilde: steps(G, T, B),
      o: steps(O, T, B),
      tanhC: steps(TC, T, B),
      h0: rowsView(hAll, 0, B),
      c0: rowsView(cAll, 0, B),
      X,
      Hprev: rowsView(hAll, 0, T * B)
    };
  }

  /**
   * Backpropagation through time from ∂L/∂h(t) given from above at every step (each (B, H); a
   * missing entry counts as zero). Adds into the parameters' grads unless paramGrads is false.
   */
  backward(trace: LstmTrace, dhs: Mat[], {paramGrads = true}: LstmBackwardOptions = {}): LstmGrads {
    const T = trace.hs.length, B = trace.h0.rows, H = this.hiddenSize, dt = this.dtype;
    const dZ = mat(T * B, 4 * H, dt); // dZ(t) for every t: (T·B, 4H)
    const dhAll = mat(T * B, H, dt), dcAll = mat(T * B, H, dt); // total dh(t), dc(t): (T·B, H)
    const dhNext = mat(B, H, dt); // ∂L/∂h(t) arriving from step t+1: (B, H)
    const dcNext = mat(B, H, dt); // ∂L/∂c(t) arriving from step t+1: (B, H)
    const dz = dZ.data, dhn = dhNext.data, dcn = dcNext.data;
    for (let t = T - 1; t >= 0; t--) {
      const f = trace.f[t].data, ig = trace.i[t].data, g = trace.cTilde[t].data, o = trace.o[t].data, tc = trace.tanhC[t].data;
      const cPrev = (t > 0 ? trace.c[t - 1] : trace.c0).data;
      const above = dhs[t]?.data;
      for (let r = 0; r < B; r++) {
        const zr = (t * B + r) * 4 * H, s = r * H, all = t * B * H + s;
        for (let j = 0; j < H; j++) {
          const k = s + j;
          const dh = (above ? above[k] : 0) + dhn[k]; // dh(t)
          const dc = dcn[k] + dh * o[k] * (1 - tc[k] * tc[k]); // dc(t)
          dhAll.data[all + j] = dh;
          dcAll.data[all + j] = dc;
          const df = dc * cPrev[k], di = dc * g[k], dg = dc * ig[k], dO = dh * tc[k];
          dz[zr + j] = df * f[k] * (1 - f[k]); // dz_f
          dz[zr + H + j] = di * ig[k] * (1 - ig[k]); // dz_i
          dz[zr + 2 * H + j] = dg * (1 - g[k] * g[k]); // dz_c
          dz[zr + 3 * H + j] = dO * o[k] * (1 - o[k]); // dz_o
          dcn[k] = dc * f[k]; // dc(t−1) from step t
        }
      }
      matmul(rowsView(dZ, t * B, (t + 1) * B), this.W.value, dhNext); // dh(t−1) from step t = dZ(t) W: (B, H)
    }
    if (paramGrads) {
      // Computed transposed, dWᵀ = Σ h(t−1)ᵀ dZ(t), so the inner loop runs along 4H and skips the zeros of one-hot x(t).
      addTransposed(matmul(trace.Hprev, dZ, mat(H, 4 * H, dt), {transA: true}), this.W.grad); // dW += Σ dZ(t)ᵀ h(t−1): (4H, H)
      addTransposed(matmul(trace.X, dZ, mat(this.inputSize, 4 * H, dt), {transA: true}), this.U.grad); // dU += Σ dZ(t)ᵀ x(t): (4H, I)
      sumRowsInto(dZ, this.b.grad.data); // db += Σ dZ(t): (4H)
    }
    const dX = matmul(dZ, this.U.value, mat(T * B, this.inputSize, dt)); // dx(t) = dZ(t) U: (T·B, I)
    return {dxs: steps(dX, T, B), dh0: dhNext, dc0: dcNext, dh: steps(dhAll, T, B), dc: steps(dcAll, T, B)};
  }
}
