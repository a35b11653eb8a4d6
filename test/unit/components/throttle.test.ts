import {afterEach, describe, expect, it, vi} from "vitest";
import {throttle} from "../../../components/throttle.js";

interface S {
  status: string;
  n: number;
}

function source() {
  const listeners = new Set<(s: S) => void>();
  return {
    emit: (s: S) => listeners.forEach((l) => l(s)),
    subscribe(l: (s: S) => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    get size() {
      return listeners.size;
    }
  };
}

afterEach(() => vi.useRealTimers());

describe("throttle", () => {
  it("passes one state per window, every change of status, and the last state of a window", () => {
    vi.useFakeTimers();
    const src = source();
    const got: number[] = [];
    const stop = throttle(src, 100)((s) => got.push(s.n));
    src.emit({status: "training", n: 1});
    src.emit({status: "training", n: 2});
    src.emit({status: "training", n: 3});
    expect(got).toEqual([1]);
    vi.advanceTimersByTime(100);
    expect(got).toEqual([1, 3]); // the trailing state arrives
    src.emit({status: "training", n: 4});
    src.emit({status: "ready", n: 5}); // a new status passes at once
    expect(got).toEqual([1, 3, 5]);
    vi.advanceTimersByTime(500);
    expect(got).toEqual([1, 3, 5]); // nothing stale is delivered later
    stop();
    expect(src.size).toBe(0);
  });
});
