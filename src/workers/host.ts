/**
 * The worker side of the protocol: wraps a LiveModel and serves it over Comlink.
 * Training runs in chunks of a few milliseconds and yields between them, so queries, pause and
 * cancel are answered while a model trains.
 */
import * as Comlink from "comlink";
import type {Endpoint} from "comlink";
import type {LiveModel, Metrics, Progress, TrainOptions, TrainSummary, WorkerApi} from "./protocol.js";

const now = () => performance.now();

/** Yields to the event loop without setTimeout's 4 ms clamp. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const {port1, port2} = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

/** Collects metrics column-wise between two progress messages. */
class ProgressBuffer {
  private steps: number[] = [];
  private columns = new Map<string, number[]>();

  push(step: number, m: Metrics): void {
    const k = this.steps.length;
    this.steps.push(step);
    for (const name in m) {
      let col = this.columns.get(name);
      if (!col) this.columns.set(name, (col = new Array<number>(k).fill(NaN)));
      col.push(m[name]);
    }
    for (const col of this.columns.values()) if (col.length < k + 1) col.push(NaN);
  }

  get size(): number {
    return this.steps.length;
  }

  /** Empties the buffer into a Progress message and the list of buffers to transfer. */
  take(done: number, total: number, elapsedMs: number): [Progress, ArrayBuffer[]] {
    const steps = Float64Array.from(this.steps);
    const metrics: Record<string, Float64Array> = {};
    const transfer: ArrayBuffer[] = [steps.buffer];
    for (const [name, col] of this.columns) {
      metrics[name] = Float64Array.from(col);
      transfer.push(metrics[name].buffer as ArrayBuffer);
    }
    this.steps = [];
    this.columns = new Map();
    return [{steps, metrics, done, total, elapsedMs}, transfer];
  }
}

/** The WorkerApi around one model (exported for tests that drive it in-process). */
export function createApi<C, Q, V>(model: LiveModel<C, Q, V>): WorkerApi<C, Q, V> {
  let step = 0;
  let paused = false;
  let cancelled = false;
  let wake: (() => void) | null = null;
  let training = false;

  return {
    reset(config) {
      step = 0;
      return model.reset(config);
    },
    query(q) {
      return model.query(q);
    },
    async train({steps, chunkMs = 8, progressMs = 16}: TrainOptions, onProgress) {
      if (training) throw new Error("train: this model is already training");
      training = true;
      cancelled = false;
      paused = false; // a pause sent while idle does not carry over into this run
      const start = now();
      const buffer = new ProgressBuffer();
      let done = 0;
      let lastSent = -Infinity;
      const send = () => {
        const [p, transfer] = buffer.take(done, steps, now() - start);
        void onProgress(Comlink.transfer(p, transfer));
        lastSent = now();
      };
      try {
        while (done < steps && !cancelled) {
          if (paused) {
            if (buffer.size) send();
            await new Promise<void>((resolve) => (wake = resolve));
            continue;
          }
          const t0 = now();
          do {
            const m = model.trainStep();
            step++;
            done++;
            buffer.push(step, m);
          } while (done < steps && now() - t0 < chunkMs);
          if (now() - lastSent >= progressMs) send();
          await yieldToEventLoop();
        }
        if (buffer.size) send();
        const summary: TrainSummary = {end: cancelled ? "cancelled" : "finished", step, elapsedMs: now() - start};
        return summary;
      } finally {
        training = false;
        paused = false;
      }
    },
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
      wake?.();
      wake = null;
    },
    cancel() {
      cancelled = true;
      paused = false;
      wake?.();
      wake = null;
    },
    configure(patch) {
      model.configure?.(patch);
    }
  };
}

/** Serves `model` on `endpoint` (the worker's global scope by default). Call once per worker file. */
export function serve<C, Q, V>(model: LiveModel<C, Q, V>, endpoint: Endpoint = self as unknown as Endpoint): void {
  Comlink.expose(createApi(model), endpoint);
}
