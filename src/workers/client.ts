/**
 * The page side of the protocol: one LiveClient per live model, created once per page.
 *
 * - `query(q, key, priority)` is latest-wins per key: queries run one at a time, and while one
 *   runs a newer query with the same key replaces the one waiting, so a slider dragged fast never
 *   queues stale work; superseded calls resolve to `undefined`. Views that ask at once use
 *   different keys, so one view's question never drops another's; of those waiting, the highest
 *   priority runs next (the figure the reader is touching before a slow measurement).
 * - Progress from `train` is kept as a growing history and announced to listeners at most once
 *   per animation frame.
 * - A worker that crashes (or a call that throws) moves the client to status "crashed" or
 *   "error" with a message; `restart()` makes a new worker and replays the last config.
 */
import * as Comlink from "comlink";
import type {Endpoint} from "comlink";
import type {ModelInfo, Progress, TrainOptions, TrainSummary, WorkerApi} from "./protocol.js";

export type Status = "starting" | "ready" | "training" | "paused" | "error" | "crashed";

/** What a worker must offer the client: a Comlink endpoint that can be ended and can report a crash. */
export interface WorkerLike extends Endpoint {
  terminate(): void;
}

export interface History {
  steps: number[];
  metrics: Record<string, number[]>;
}

export interface ClientState<Info = ModelInfo> {
  status: Status;
  /** Set when status is "error" or "crashed". */
  message: string | null;
  info: Info | null;
  history: History;
  /** The latest train() call: steps done of total (for progress bars). */
  done: number;
  total: number;
  /** Bumped on every change, so views can tell a new state from an old one. */
  version: number;
}

type Listener<Info> = (state: ClientState<Info>) => void;

/** The worker's API as seen from the page: every call answers with a promise. */
interface RemoteApi<Config, Query, View> {
  reset(config: Config): Promise<ModelInfo>;
  query(q: Query): Promise<View>;
  train(options: TrainOptions, onProgress: (p: Progress) => void): Promise<TrainSummary>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  cancel(): Promise<void>;
  configure(patch: Partial<Config>): Promise<void>;
}

const schedule: (f: () => void) => void =
  typeof requestAnimationFrame === "function" ? (f) => requestAnimationFrame(() => f()) : (f) => setTimeout(f, 16);

export class LiveClient<Config, Query, View, Info extends ModelInfo = ModelInfo> {
  private worker!: WorkerLike;
  private api!: RemoteApi<Config, Query, View>;
  private crashed!: Promise<never>;
  private config: Config | null = null;
  private listeners = new Set<Listener<Info>>();
  private announced = false;
  /** Queries waiting, one per key, in the order their keys first arrived. */
  private pendingQueries = new Map<string, {q: Query; priority: number; resolve: (v: View | undefined) => void}>();
  private queryRunning = false;
  /** Bumped by reset(): progress from a run that began before it is dropped. */
  private epoch = 0;
  readonly state: ClientState<Info> = {status: "starting", message: null, info: null, history: {steps: [], metrics: {}}, done: 0, total: 0, version: 0};

  constructor(private readonly spawn: () => WorkerLike) {
    this.connect();
  }

  private connect(): void {
    this.worker = this.spawn();
    this.api = Comlink.wrap<WorkerApi<Config, Query, View>>(this.worker) as unknown as RemoteApi<Config, Query, View>;
    this.crashed = new Promise<never>((_, reject) => {
      const onError = (event: Event) => {
        const message = (event as ErrorEvent).message || "the worker stopped unexpectedly";
        this.update({status: "crashed", message: `The model's worker crashed: ${message}`});
        reject(new Error(message));
      };
      this.worker.addEventListener("error", onError as EventListener);
      this.worker.addEventListener("messageerror", onError as EventListener);
    });
    this.crashed.catch(() => {});
  }

  /** Subscribes to state changes (at most one call per animation frame); returns the unsubscribe. */
  subscribe(listener: Listener<Info>): () => void {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  private update(patch: Partial<ClientState<Info>>): void {
    Object.assign(this.state, patch);
    this.state.version++;
    if (this.announced) return;
    this.announced = true;
    schedule(() => {
      this.announced = false;
      for (const l of this.listeners) l(this.state);
    });
  }

  /** Runs a worker call; a crash or a thrown error becomes the client's status. */
  private async call<R>(f: () => Promise<R>): Promise<R> {
    if (this.state.status === "crashed") throw new Error(this.state.message ?? "crashed");
    try {
      return await Promise.race([f(), this.crashed]);
    } catch (e) {
      if ((this.state.status as Status) !== "crashed") this.update({status: "error", message: e instanceof Error ? e.message : String(e)});
      throw e;
    }
  }

  /** Builds the model afresh; clears the history. */
  async reset(config: Config): Promise<Info> {
    this.config = config;
    this.epoch++;
    this.update({history: {steps: [], metrics: {}}, done: 0, total: 0});
    const info = (await this.call(() => this.api.reset(config))) as Info;
    this.update({status: "ready", message: null, info});
    return info;
  }

  /**
   * Latest-wins query: resolves to the view, or to undefined if a newer query with the same key
   * replaced it before it ran. Waiting queries run highest priority first, then in the order
   * their keys joined the line (a key keeps its place when its query is replaced).
   */
  query(q: Query, key = "", priority = 0): Promise<View | undefined> {
    return new Promise((resolve) => {
      this.pendingQueries.get(key)?.resolve(undefined);
      this.pendingQueries.set(key, {q, priority, resolve});
      void this.drainQueries();
    });
  }

  /** The key of the query to run next: the first of the highest priority. */
  private nextQuery(): string {
    let best = "", top = -Infinity;
    for (const [key, {priority}] of this.pendingQueries) if (priority > top) [best, top] = [key, priority];
    return best;
  }

  private async drainQueries(): Promise<void> {
    if (this.queryRunning) return;
    this.queryRunning = true;
    try {
      while (this.pendingQueries.size) {
        const key = this.nextQuery();
        const {q, resolve} = this.pendingQueries.get(key)!;
        this.pendingQueries.delete(key);
        try {
          resolve((await this.call(() => this.api.query(q))) as View);
        } catch {
          resolve(undefined);
        }
      }
    } finally {
      this.queryRunning = false;
    }
  }

  /** Trains for `steps` steps; progress goes into `state.history`. */
  async train(steps: number, options: Omit<TrainOptions, "steps"> = {}): Promise<TrainSummary> {
    this.update({status: "training", message: null, done: 0, total: steps});
    const epoch = this.epoch;
    const onProgress = Comlink.proxy((p: Progress) => {
      if (epoch === this.epoch) this.record(p);
    });
    const summary = await this.call(() => this.api.train({...options, steps}, onProgress));
    this.update({status: "ready"});
    return summary;
  }

  private record(p: Progress): void {
    const h = this.state.history;
    const last = h.steps.length ? h.steps[h.steps.length - 1] : 0;
    for (let k = 0; k < p.steps.length; k++) {
      if (p.steps[k] <= last) continue; // already recorded
      h.steps.push(p.steps[k]);
      for (const name in p.metrics) (h.metrics[name] ??= new Array<number>(h.steps.length - 1).fill(NaN)).push(p.metrics[name][k]);
      for (const name in h.metrics) if (h.metrics[name].length < h.steps.length) h.metrics[name].push(NaN);
    }
    this.update({done: p.done, total: p.total});
  }

  async pause(): Promise<void> {
    await this.call(() => this.api.pause());
    if (this.state.status === "training") this.update({status: "paused"});
  }

  async resume(): Promise<void> {
    await this.call(() => this.api.resume());
    if (this.state.status === "paused") this.update({status: "training"});
  }

  async cancel(): Promise<void> {
    await this.call(() => this.api.cancel());
  }

  async configure(patch: Partial<Config>): Promise<void> {
    if (this.config) this.config = {...this.config, ...patch};
    await this.call(() => this.api.configure(patch));
  }

  /** Ends the worker, starts a new one, and replays the last config. */
  async restart(): Promise<Info | null> {
    this.worker.terminate();
    this.update({status: "starting", message: null});
    this.connect();
    return this.config ? this.reset(this.config) : null;
  }

  /** Ends the worker for good (call on the page cell's invalidation). */
  terminate(): void {
    this.worker.terminate();
    this.listeners.clear();
  }
}
