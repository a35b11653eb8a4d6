import {afterEach, describe, expect, it, vi} from "vitest";
import {liveQuery} from "../../../components/live-query.js";

interface S {
  status: string;
  version: number;
}

function source(initial: S) {
  const listeners = new Set<(s: S) => void>();
  let state = initial;
  return {
    emit(s: S) {
      state = s;
      listeners.forEach((l) => l(s));
    },
    subscribe(l: (s: S) => void) {
      listeners.add(l);
      l(state);
      return () => listeners.delete(l);
    },
    get listeners() {
      return listeners.size;
    }
  };
}

const tick = (ms: number) => vi.advanceTimersByTimeAsync(ms);

afterEach(() => vi.useRealTimers());

describe("liveQuery", () => {
  it("asks at once, then again after a change, never two at a time, and delivers every answer", async () => {
    vi.useFakeTimers();
    const src = source({status: "training", version: 0});
    let asked = 0, inFlight = 0, maxInFlight = 0;
    const ask = async () => {
      asked++;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 300)); // a slow answer
      inFlight--;
      return `answer ${asked}`;
    };
    const got: string[] = [];
    const stop = liveQuery(src, 100, ask)((v) => got.push(v));
    expect(asked).toBe(1);
    for (let v = 1; v <= 5; v++) {
      src.emit({status: "training", version: v}); // changes arrive faster than answers
      await tick(120);
    }
    await tick(2000);
    expect(maxInFlight).toBe(1);
    expect(got.length).toBe(asked);
    expect(asked).toBeGreaterThanOrEqual(2);
    expect(asked).toBeLessThanOrEqual(4); // changes during an answer collapse into one more question
    expect(got[got.length - 1]).toBe(`answer ${asked}`);
    stop();
    expect(src.listeners).toBe(0);
  });

  it("skips empty answers and failures, and says nothing after it is stopped", async () => {
    vi.useFakeTimers();
    const src = source({status: "ready", version: 0});
    const answers: (string | undefined | Error)[] = [undefined, new Error("boom"), "third"];
    const ask = async () => {
      const a = answers.shift();
      if (a instanceof Error) throw a;
      return a;
    };
    const got: string[] = [];
    const stop = liveQuery(src, 10, ask)((v) => got.push(v));
    await tick(1);
    src.emit({status: "training", version: 1});
    await tick(20);
    src.emit({status: "ready", version: 2});
    await tick(20);
    expect(got).toEqual(["third"]);
    answers.push("late");
    let resolveLate: (v: string) => void = () => {};
    const late = new Promise<string>((r) => (resolveLate = r));
    const stopped = liveQuery(src, 10, () => late)((v) => got.push(v));
    stopped();
    resolveLate("never shown");
    await tick(20);
    expect(got).toEqual(["third"]);
    stop();
  });
});
