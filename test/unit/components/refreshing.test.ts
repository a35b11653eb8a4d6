import {describe, expect, it} from "vitest";
import {refreshing} from "../../../components/refreshing.js";

/** A source whose states the test emits by hand. */
function source() {
  const listeners = new Set<(s: {status: string}) => void>();
  let state = {status: "ready"};
  return {
    subscribe(l: (s: {status: string}) => void) {
      listeners.add(l);
      l(state);
      return () => listeners.delete(l);
    },
    emit(status: string) {
      state = {status};
      for (const l of listeners) l(state);
    }
  };
}

/** A fetch whose calls finish only when the test says so. */
function controlled() {
  const calls: {finish: (v: number | undefined) => void}[] = [];
  const fetch = () => new Promise<number | undefined>((finish) => calls.push({finish}));
  return {fetch, calls};
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("refreshing", () => {
  it("fetches at once, delivers every answer, and coalesces ticks that come while a fetch runs", async () => {
    const src = source(), {fetch, calls} = controlled(), seen: number[] = [];
    const stop = refreshing(src, 0, fetch)((v) => seen.push(v));
    expect(calls.length).toBe(1);
    src.emit("training");
    src.emit("paused");
    src.emit("training");
    await tick();
    expect(calls.length).toBe(1); // still running: the ticks only ask for one more fetch
    calls[0].finish(1);
    await tick();
    expect(seen).toEqual([1]); // the slow answer is delivered, not dropped
    expect(calls.length).toBe(2);
    calls[1].finish(2);
    await tick();
    expect(seen).toEqual([1, 2]);
    expect(calls.length).toBe(2); // no tick since: no more fetches
    stop();
  });

  it("skips undefined answers and rejections, and delivers nothing once stopped", async () => {
    const src = source(), seen: number[] = [];
    let n = 0;
    const answers = [undefined, "fail", 3, 4];
    const fetch = async () => {
      const a = answers[n++];
      if (a === "fail") throw new Error("worker error");
      return a as number | undefined;
    };
    const stop = refreshing(src, 0, fetch)((v) => seen.push(v));
    await tick();
    src.emit("training");
    await tick();
    src.emit("ready");
    await tick();
    expect(seen).toEqual([3]);
    stop();
    src.emit("training");
    await tick();
    expect(seen).toEqual([3]);
    expect(n).toBe(3);
  });
});
