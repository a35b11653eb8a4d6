/**
 * The one protocol between a page and a chapter's model in a Web Worker.
 *
 * A chapter implements `LiveModel` (pure TS, in its worker); `serve` (host.ts) exposes it through
 * Comlink as a `WorkerApi`; the page talks to it through a `LiveClient` (client.ts), which adds
 * latest-wins queries, progress coalesced to animation frames, crash detection and restart.
 *
 *   page ──reset(config)──▶ worker        builds the model afresh from its seed
 *   page ──query(q)───────▶ worker        what the page draws (hidden states, attention, …)
 *   page ──train(n, cb)───▶ worker        trains in chunks; cb(progress) ≤ once per frame
 *   page ──pause/resume/cancel/configure─▶ worker
 */

/** Named scalar measurements of one training step (loss, gradient norm, …). */
export type Metrics = Record<string, number>;

/** Anything a worker can send back: structured-cloneable data (typed arrays are transferred). */
export interface ModelInfo {
  /** Number of trainable parameters. */
  parameters: number;
  [key: string]: unknown;
}

/** What each chapter's model provides inside its worker. */
export interface LiveModel<Config, Query, View> {
  /** Builds the model afresh from `config` (seeded, so the same config gives the same model). */
  reset(config: Config): ModelInfo;
  /** One optimisation step. */
  trainStep(): Metrics;
  /**
   * What the page shows for `query`. Reading queries must not change the model; a query that
   * does (loading a checkpoint) says so in its kind, e.g. {kind: "load"}.
   */
  query(q: Query): View;
  /** Changes settings that need no rebuild (e.g. the learning rate) between steps. */
  configure?(patch: Partial<Config>): void;
}

/**
 * A batch of training progress: every step since the last message, column-wise, so the arrays
 * can be transferred instead of copied.
 */
export interface Progress {
  /** Step numbers (1-based, counted since the last reset). */
  steps: Float64Array;
  /** One column per metric name, aligned with `steps`. */
  metrics: Record<string, Float64Array>;
  /** Steps done in this train() call, and how many were asked for. */
  done: number;
  total: number;
  /** Milliseconds since this train() call started. */
  elapsedMs: number;
}

export type TrainEnd = "finished" | "cancelled";

export interface TrainSummary {
  end: TrainEnd;
  /** Step count since the last reset. */
  step: number;
  elapsedMs: number;
}

export interface TrainOptions {
  /** Steps to run in this call. */
  steps: number;
  /** Work this long between yields to the worker's event loop (default 8 ms). */
  chunkMs?: number;
  /** Send progress at most this often (default 16 ms: about once per frame). */
  progressMs?: number;
}

/** The API a worker exposes (what Comlink's wrap sees, before promisification). */
export interface WorkerApi<Config, Query, View> {
  reset(config: Config): ModelInfo;
  query(q: Query): View;
  train(options: TrainOptions, onProgress: (p: Progress) => void): Promise<TrainSummary>;
  pause(): void;
  resume(): void;
  cancel(): void;
  configure(patch: Partial<Config>): void;
}
