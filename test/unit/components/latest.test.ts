import {describe, expect, it} from "vitest";
import {latestWins} from "../../../components/latest.js";

/** An async function whose calls finish only when the test says so. */
function controlled() {
  const calls: {arg: number; finish: (v: number) => void; fail: (e: Error) => void}[] = [];
  const f = (arg: number) => new Promise<number>((finish, fail) => calls.push({arg, finish, fail}));
  return {f, calls};
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("latestWins", () => {
  it("runs the first call, then only the newest of those that came while it ran", async () => {
    const {f, calls} = controlled();
    const call = latestWins(f);
    const a = call(1), b = call(2), c = call(3), d = call(4);
    await tick();
    expect(calls.map((x) => x.arg)).toEqual([1]);
    calls[0].finish(10);
    expect(await a).toBe(10);
    expect(await b).toBeUndefined();
    expect(await c).toBeUndefined();
    await tick();
    expect(calls.map((x) => x.arg)).toEqual([1, 4]);
    calls[1].finish(40);
    expect(await d).toBe(40);
  });

  it("passes a failure to its own caller and goes on with the next call", async () => {
    const {f, calls} = controlled();
    const call = latestWins(f);
    const a = call(1), b = call(2);
    await tick();
    calls[0].fail(new Error("bad config"));
    await expect(a).rejects.toThrow("bad config");
    await tick();
    calls[1].finish(20);
    expect(await b).toBe(20);
    const c = call(3);
    await tick();
    expect(calls.map((x) => x.arg)).toEqual([1, 2, 3]);
    calls[2].finish(30);
    expect(await c).toBe(30);
  });
});
