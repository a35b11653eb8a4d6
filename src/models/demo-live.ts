/**
 * The engine demo's live model: the MLP of demo-mlp.ts trained by full-batch Adam on the spirals of
 * demo-data.ts. A query asks for p(class c | x) = softmax(Z₂(x) / τ)_c over a grid of the plane, and
 * for every intermediate of the forward pass at one training point (for the equation stepper).
 */
import type {Mat, Optimizer} from "../engine/index.js";
import {adam, clipGlobalNorm, countParams, mat, zeroGrads} from "../engine/index.js";
import {Rng} from "../engine/rng.js";
import type {LiveModel, Metrics, ModelInfo} from "../workers/protocol.js";
import type {Dataset} from "./demo-data.js";
import {spirals} from "./demo-data.js";
import type {DemoConfig} from "./demo-config.js";
import {defaultDemoConfig} from "./demo-config.js";
import {Mlp} from "./demo-mlp.js";

export type {DemoConfig};
export {defaultDemoConfig};

export interface DemoQuery {
  /** Softmax temperature τ (> 0) for the probabilities shown. */
  temperature: number;
  /** The class whose probability the grid shows. */
  cls: number;
  /** Grid points per side. */
  resolution: number;
  /** Index of the training point traced through the network. */
  point: number;
}

/** A row-major matrix as plain data (structured-cloneable). */
export interface Grid {
  rows: number;
  cols: number;
  data: Float32Array;
}

/** One input through the network, every intermediate (τ applied in p). */
export interface DemoTrace {
  x: Float64Array; // (2)
  label: number;
  z1: Float64Array; // (hidden) = W₁x + b₁
  h: Float64Array; // (hidden) = tanh(z₁)
  z2: Float64Array; // (K) = W₂h + b₂
  p: Float64Array; // (K) = softmax(z₂ / τ)
  W1: Grid; // (hidden, 2)
  W2: Grid; // (K, hidden)
}

export interface DemoView {
  /** p(class cls | x) on the grid: row 0 is the top (largest x₂), column 0 the left (smallest x₁). */
  grid: Grid;
  /** Both coordinates run over [−extent, extent]. */
  extent: number;
  trace: DemoTrace;
  /** Training accuracy at τ = 1. */
  accuracy: number;
}

export interface DemoInfo extends ModelInfo {
  classes: number;
  points: number;
}

const EXTENT = 1.1;

function grid(m: Mat): Grid {
  return {rows: m.rows, cols: m.cols, data: Float32Array.from(m.data)};
}

export class DemoLive implements LiveModel<DemoConfig, DemoQuery, DemoView> {
  private config = defaultDemoConfig;
  private data!: Dataset;
  private mlp!: Mlp;
  private optimizer!: Optimizer;

  constructor() {
    this.reset(defaultDemoConfig);
  }

  reset(config: DemoConfig): DemoInfo {
    this.config = {...defaultDemoConfig, ...config};
    const {classes, perClass, noise, hidden, learningRate, seed} = this.config;
    const rng = new Rng(seed);
    this.data = spirals({classes, perClass, noise}, rng);
    this.mlp = new Mlp({inputs: 2, hidden, classes, dtype: "float64"}, rng);
    this.optimizer = adam(learningRate);
    return {parameters: countParams(this.mlp.params), classes, points: this.data.y.length};
  }

  trainStep(): Metrics {
    zeroGrads(this.mlp.params);
    const {loss, trace} = this.mlp.lossAndGrad(this.data.X, this.data.y);
    const gradNorm = clipGlobalNorm(this.mlp.params, 5);
    this.optimizer.step(this.mlp.params);
    return {loss, accuracy: accuracy(trace.Z2, this.data.y), gradNorm};
  }

  query({temperature, cls, resolution, point}: DemoQuery): DemoView {
    const n = Math.max(2, Math.min(200, Math.round(resolution)));
    const tau = Math.max(1e-3, temperature);
    const c = Math.max(0, Math.min(this.config.classes - 1, Math.round(cls)));
    const X = mat(n * n, 2, "float64"); // grid inputs: (n², 2)
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        X.data[2 * (i * n + j)] = -EXTENT + (2 * EXTENT * (j + 0.5)) / n; // x₁ grows to the right
        X.data[2 * (i * n + j) + 1] = EXTENT - (2 * EXTENT * (i + 0.5)) / n; // x₂ grows upwards
      }
    }
    const P = this.mlp.probabilities(this.mlp.forward(X), tau); // (n², K)
    const out = new Float32Array(n * n);
    for (let k = 0; k < n * n; k++) out[k] = P.data[k * this.config.classes + c];
    const all = this.mlp.forward(this.data.X);
    return {grid: {rows: n, cols: n, data: out}, extent: EXTENT, trace: this.trace(point, tau), accuracy: accuracy(all.Z2, this.data.y)};
  }

  private trace(point: number, tau: number): DemoTrace {
    const N = this.data.y.length;
    const i = ((Math.round(point) % N) + N) % N;
    const X = mat(1, 2, "float64", this.data.X.data.slice(2 * i, 2 * i + 2)); // (1, 2)
    const t = this.mlp.forward(X);
    const p = this.mlp.probabilities(t, tau);
    const f64 = (m: Mat) => Float64Array.from(m.data);
    return {x: f64(X), label: this.data.y[i], z1: f64(t.Z1), h: f64(t.H), z2: f64(t.Z2), p: f64(p), W1: grid(this.mlp.W1.value), W2: grid(this.mlp.W2.value)};
  }

  configure(patch: Partial<DemoConfig>): void {
    if (patch.learningRate !== undefined) this.optimizer.learningRate = this.config.learningRate = patch.learningRate;
  }
}

/** Fraction of rows whose largest logit is the target. */
export function accuracy(Z: Mat, y: ArrayLike<number>): number {
  let right = 0;
  for (let i = 0; i < Z.rows; i++) {
    let best = 0;
    for (let j = 1; j < Z.cols; j++) if (Z.data[i * Z.cols + j] > Z.data[i * Z.cols + best]) best = j;
    if (best === y[i]) right++;
  }
  return Z.rows ? right / Z.rows : 0;
}
