/**
 * The adding problem, live: an LSTM and a vanilla RNN of the same hidden size, each under a linear
 * read-out, trained side by side on the same batches (adding.ts). One trainStep is one step of each;
 * the metrics are their training-batch MSEs. The baseline of always answering 1 scores 1/6.
 *
 * Queries (each View carries the same `kind`):
 *   "evaluate"  both test MSEs and a few test sequences with both predictions
 *   "predict"   both predictions for a sequence the reader makes (values and where the markers are)
 *   "gradient-flow"  ‖∂ŷ/∂c(T−d)‖, ‖∂ŷ/∂h(T−d)‖ of the LSTM and ‖∂ŷ/∂h(T−d)‖ of the RNN on a test sequence
 */
import {countParams, mat} from "../engine/index.js";
import type {LiveModel, Metrics, ModelInfo} from "../workers/protocol.js";
import type {AddingConfig} from "./adding.js";
import {ADDING_BASELINE_MSE, ADDING_DEFAULTS, AddingRun} from "./adding.js";
import type {AddingFlow} from "./adding-flow.js";
import {addingFlow} from "./adding-flow.js";

export type AddingLiveConfig = AddingConfig;

export type AddingQuery =
  | {kind: "evaluate"; examples?: number}
  | {kind: "predict"; values: number[]; marks: [number, number]}
  | {kind: "gradient-flow"; example?: number};

export interface AddingExample {
  /** value(t) for t = 1…T. */
  values: Float32Array;
  /** The two marked steps (0-based). */
  marks: [number, number];
  target: number;
  lstm: number;
  rnn: number;
}

export interface AddingEvaluateView {
  kind: "evaluate";
  /** Training steps so far (of each model). */
  steps: number;
  lstmTestMse: number;
  rnnTestMse: number;
  /** 1/6: the MSE of always answering the mean, 1. */
  baseline: number;
  examples: AddingExample[];
}

export type AddingPredictView = {kind: "predict"} & AddingExample;

export type AddingFlowView = {
  kind: "gradient-flow";
  /** The test sequence's values and marker steps (0-based; the distance of marker m is T − 1 − m). */
  values: Float32Array;
  marks: [number, number];
} & AddingFlow;

export type AddingView = AddingEvaluateView | AddingPredictView | AddingFlowView;

export interface AddingInfo extends ModelInfo {
  /** Parameters of each model. */
  lstmParameters: number;
  rnnParameters: number;
  length: number;
}

export class AddingLive implements LiveModel<AddingLiveConfig, AddingQuery, AddingView> {
  private lstm!: AddingRun;
  private rnn!: AddingRun;

  reset(config: AddingLiveConfig): AddingInfo {
    const c = {...ADDING_DEFAULTS, ...config};
    this.lstm = new AddingRun("lstm", c);
    this.rnn = new AddingRun("rnn", c);
    const lstmParameters = countParams(this.lstm.model.params), rnnParameters = countParams(this.rnn.model.params);
    return {parameters: lstmParameters + rnnParameters, lstmParameters, rnnParameters, length: c.length};
  }

  trainStep(): Metrics {
    const a = this.lstm.step(), b = this.rnn.step();
    return {lstmMse: a.mse, rnnMse: b.mse, lstmGradNorm: a.gradNorm, rnnGradNorm: b.gradNorm};
  }

  configure(patch: Partial<AddingLiveConfig>): void {
    for (const run of [this.lstm, this.rnn]) {
      if (patch.learningRate !== undefined) run.optimizer.learningRate = patch.learningRate;
      if (patch.clip !== undefined) run.config.clip = patch.clip;
    }
  }

  query(q: AddingQuery): AddingView {
    if (q.kind === "predict") return {kind: "predict", ...this.predict(q.values, q.marks)};
    const {xs, y, marks} = this.lstm.test;
    if (q.kind === "gradient-flow") {
      const r = Math.max(0, Math.min(y.length - 1, Math.floor(q.example ?? 0)));
      const values = Float32Array.from(xs, (x) => x.data[2 * r]);
      return {kind: "gradient-flow", values, marks: marks[r], ...addingFlow(this.lstm, this.rnn, values, marks[r])};
    }
    const T = xs.length, n = Math.min(q.examples ?? 4, y.length);
    const lstm = this.lstm.model.forward(xs).yhat.data, rnn = this.rnn.model.forward(xs).yhat.data;
    const examples: AddingExample[] = Array.from({length: n}, (_, r) => ({
      values: Float32Array.from({length: T}, (_, t) => xs[t].data[2 * r]),
      marks: marks[r],
      target: y[r],
      lstm: lstm[r],
      rnn: rnn[r]
    }));
    return {
      kind: "evaluate",
      steps: this.lstm.steps,
      lstmTestMse: this.lstm.testMse(),
      rnnTestMse: this.rnn.testMse(),
      baseline: ADDING_BASELINE_MSE,
      examples
    };
  }

  /** Both models on one sequence: values (any length ≥ 2) with markers at the two given steps. */
  private predict(values: number[], [a, b]: [number, number]): AddingExample {
    const T = values.length;
    if (T < 2 || a === b || !(a >= 0 && a < T && b >= 0 && b < T)) throw new Error(`predict: markers ${a}, ${b} do not fit ${T} steps`);
    const xs = values.map((v, t) => mat(1, 2, "float32", Float32Array.of(v, t === a || t === b ? 1 : 0))); // x(t): (1, 2)
    return {
      values: Float32Array.from(values),
      marks: [a, b],
      target: values[a] + values[b],
      lstm: this.lstm.model.forward(xs).yhat.data[0],
      rnn: this.rnn.model.forward(xs).yhat.data[0]
    };
  }
}
