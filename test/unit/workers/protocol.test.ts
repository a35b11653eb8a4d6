import {describe, expect, it} from "vitest";
import {serve} from "../../../src/workers/host.js";
import {LiveClient, type WorkerLike} from "../../../src/workers/client.js";
import type {LiveModel, ModelInfo} from "../../../src/workers/protocol.js";

interface Config {
  start: number;
  failOn?: number;
}

/** A toy model: its "loss" counts down by one each step; a query doubles its argument slowly. */
class Countdown implements LiveModel<Config, number, number> {
  value = 0;
  failOn = NaN;
  queries: number[] = [];
  reset(config: Config): ModelInfo {
    this.value = config.start;
    this.failOn = config.failOn ?? NaN;
    return {parameters: 1};
  }
  trainStep() {
    const t = performance.now();
    while (performance.now() - t < 0.2); // a step takes a little time
    this.value -= 1;
    if (this.value === this.failOn) throw new Error("step failed on purpose");
    return {loss: this.value};
  }
  query(q: number) {
    this.queries.push(q);
    const t = performance.now();
    while (performance.now() - t < 5);
    return q * 2;
  }
}

/** A worker stand-in: the model served on one end of a MessageChannel in this process. */
function fakeWorker(model: Countdown): WorkerLike & {crash(): void} {
  const {port1, port2} = new MessageChannel();
  serve(model, port1 as never);
  const target = port2 as unknown as WorkerLike & {crash(): void};
  target.terminate = () => port2.close();
  target.crash = () => port2.dispatchEvent(Object.assign(new Event("error"), {message: "boom"}));
  port2.start();
  return target;
}

const tick = () => new Promise((r) => setTimeout(r, 30));

describe("worker protocol", () => {
  it("resets, trains with batched progress, and keeps the whole history in order", async () => {
    const model = new Countdown();
    const client = new LiveClient<Config, number, number>(() => fakeWorker(model));
    const info = await client.reset({start: 1000});
    expect(info.parameters).toBe(1);
    const summary = await client.train(300);
    await tick();
    expect(summary).toMatchObject({end: "finished", step: 300});
    const h = client.state.history;
    expect(h.steps.length).toBe(300);
    expect(h.steps[0]).toBe(1);
    expect(h.steps[299]).toBe(300);
    expect(h.metrics.loss[299]).toBe(700);
    client.terminate();
  });

  it("sends fewer progress messages than steps (at most about one per 16 ms)", async () => {
    const model = new Countdown();
    const {port1, port2} = new MessageChannel();
    serve(model, port1 as never);
    const Comlink = await import("comlink");
    const api = Comlink.wrap<import("../../../src/workers/protocol.js").WorkerApi<Config, number, number>>(port2 as never);
    await api.reset({start: 0});
    const sizes: number[] = [];
    const t0 = performance.now();
    await api.train({steps: 400}, Comlink.proxy((p) => void sizes.push(p.steps.length)));
    const ms = performance.now() - t0;
    await tick();
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(400);
    expect(sizes.length).toBeLessThan(400 / 5);
    expect(sizes.length).toBeLessThanOrEqual(Math.ceil(ms / 16) + 2);
    port2.close();
  });

  it("latest wins: queries sent while one runs are replaced, and only the newest runs", async () => {
    const model = new Countdown();
    const client = new LiveClient<Config, number, number>(() => fakeWorker(model));
    await client.reset({start: 0});
    const results = await Promise.all([1, 2, 3, 4, 5].map((q) => client.query(q)));
    expect(results).toEqual([2, undefined, undefined, undefined, 10]);
    expect(model.queries).toEqual([1, 5]);
    client.terminate();
  });

  it("latest wins per key: views asking at once under different keys all get answers, in order", async () => {
    const model = new Countdown();
    const client = new LiveClient<Config, number, number>(() => fakeWorker(model));
    await client.reset({start: 0});
    const asked = [client.query(1, "a"), client.query(2, "b"), client.query(3, "a"), client.query(4, "c"), client.query(5, "b"), client.query(6, "a")];
    expect(await Promise.all(asked)).toEqual([2, undefined, undefined, 8, 10, 12]);
    // 1 ran at once; the line behind it: b (5 replaced 2 in b's place), a (3, then 6), c (4).
    expect(model.queries).toEqual([1, 5, 6, 4]);
    client.terminate();
  });

  it("of the queries waiting, the highest priority runs first; equal priorities keep their order", async () => {
    const model = new Countdown();
    const client = new LiveClient<Config, number, number>(() => fakeWorker(model));
    await client.reset({start: 0});
    const asked = [client.query(1, "slow", 0), client.query(2, "slow", 0), client.query(3, "drag", 2), client.query(4, "other", 0), client.query(5, "hover", 1)];
    expect(await Promise.all(asked)).toEqual([2, 4, 6, 8, 10]);
    expect(model.queries).toEqual([1, 3, 5, 2, 4]);
    client.terminate();
  });

  it("answers queries while training, and pause/resume/cancel take effect", async () => {
    const model = new Countdown();
    const client = new LiveClient<Config, number, number>(() => fakeWorker(model));
    await client.reset({start: 0});
    const training = client.train(1_000_000);
    await tick();
    expect(await client.query(21)).toBe(42);
    await client.pause();
    await tick();
    const frozen = model.value;
    await tick();
    expect(model.value).toBe(frozen);
    expect(client.state.status).toBe("paused");
    await client.resume();
    await tick();
    expect(model.value).toBeLessThan(frozen);
    await client.cancel();
    const summary = await training;
    expect(summary.end).toBe("cancelled");
    expect(summary.step).toBeLessThan(1_000_000);
    client.terminate();
  });

  it("an error in the model becomes the client's status with its message", async () => {
    const model = new Countdown();
    const client = new LiveClient<Config, number, number>(() => fakeWorker(model));
    await client.reset({start: 10, failOn: 5});
    await expect(client.train(20)).rejects.toThrow(/on purpose/);
    expect(client.state.status).toBe("error");
    expect(client.state.message).toMatch(/on purpose/);
    client.terminate();
  });

  it("a crashed worker rejects pending calls, and restart replays the last config", async () => {
    const models: Countdown[] = [];
    const workers: ReturnType<typeof fakeWorker>[] = [];
    const client = new LiveClient<Config, number, number>(() => {
      const m = new Countdown();
      models.push(m);
      const w = fakeWorker(m);
      workers.push(w);
      return w;
    });
    await client.reset({start: 7});
    const training = client.train(1_000_000);
    await tick();
    workers[0].crash();
    await expect(training).rejects.toThrow(/boom/);
    expect(client.state.status).toBe("crashed");
    expect(client.state.message).toMatch(/crashed: boom/);
    await client.restart();
    expect(client.state.status).toBe("ready");
    expect(models.length).toBe(2);
    expect(models[1].value).toBe(7);
    expect(await client.query(4)).toBe(8);
    client.terminate();
  });
});

describe("worker protocol after a reset", () => {
  it("drops progress of a run cancelled before the reset", async () => {
    const model = new Countdown();
    const client = new LiveClient<Config, number, number>(() => fakeWorker(model));
    await client.reset({start: 0});
    // Progress is held back until the run ends, so its only message lands after the reset.
    const run = client.train(1_000_000, {progressMs: 60_000}).catch(() => undefined);
    await tick();
    expect(model.value).toBeLessThan(0);
    // Reset while the run's last messages may still be on their way.
    const cancelled = client.cancel();
    await client.reset({start: 0});
    await cancelled;
    await run;
    await tick();
    await tick();
    expect(client.state.history.steps).toEqual([]);
    await client.train(5);
    await tick();
    expect(client.state.history.steps).toEqual([1, 2, 3, 4, 5]);
    client.terminate();
  });
});

describe("pause while idle", () => {
  it("does not leave the next run paused", async () => {
    const model = new Countdown();
    const client = new LiveClient<Config, number, number>(() => fakeWorker(model));
    await client.reset({start: 0});
    await client.pause();
    const summary = await client.train(20);
    expect(summary).toMatchObject({end: "finished", step: 20});
    client.terminate();
  }, 5000);
});

describe("progress arrays are transferred, not copied", () => {
  it("every progress message hands its steps and metric arrays over: the worker's copies are left detached", async () => {
    const posted: ArrayBuffer[][] = [];
    const original = MessagePort.prototype.postMessage;
    const spy = function (this: MessagePort, message: unknown, transfer?: unknown) {
      const list = (Array.isArray(transfer) ? transfer : (transfer as {transfer?: unknown[]} | undefined)?.transfer ?? []) as unknown[];
      const buffers = list.filter((t): t is ArrayBuffer => t instanceof ArrayBuffer);
      if (buffers.length) posted.push(buffers);
      return original.call(this, message, transfer as never);
    };
    MessagePort.prototype.postMessage = spy as typeof original;
    try {
      const model = new Countdown();
      const client = new LiveClient<Config, number, number>(() => fakeWorker(model));
      await client.reset({start: 0});
      await client.train(200);
      await tick();
      expect(client.state.history.steps.length).toBe(200);
      expect(posted.length).toBeGreaterThan(0);
      for (const buffers of posted) {
        expect(buffers.length).toBe(2); // steps and the one metric, "loss"
        for (const b of buffers) expect(b.byteLength).toBe(0); // detached on the sending side
      }
      client.terminate();
    } finally {
      MessagePort.prototype.postMessage = original;
    }
  });
});
