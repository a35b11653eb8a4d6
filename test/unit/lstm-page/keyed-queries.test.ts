import {describe, expect, it} from "vitest";
import {keyedQueries} from "../../../components/keyed-queries.js";

/** A client like LiveClient: one query at a time, latest-wins across all queries. */
function fakeClient() {
  const sent: string[] = [];
  let running = false, overlapped = false;
  return {
    sent,
    get overlapped() {
      return overlapped;
    },
    async query(q: string): Promise<string | undefined> {
      if (running) overlapped = true;
      running = true;
      sent.push(q);
      await new Promise((r) => setTimeout(r, 5));
      running = false;
      return `view of ${q}`;
    }
  };
}

describe("keyedQueries", () => {
  it("answers queries of different keys, one at a time", async () => {
    const client = fakeClient();
    const ask = keyedQueries(client);
    const [a, b, c] = await Promise.all([ask("gates", "g1"), ask("step", "s1"), ask("compare", "c1")]);
    expect([a, b, c]).toEqual(["view of g1", "view of s1", "view of c1"]);
    expect(client.overlapped).toBe(false);
  });

  it("skips a waiting query once a newer one of the same key arrives", async () => {
    const client = fakeClient();
    const ask = keyedQueries(client);
    const first = ask("gates", "g1");
    await new Promise((r) => setTimeout(r, 1)); // g1 is running now
    const second = ask("gates", "g2"); // waits, then is replaced
    const other = ask("step", "s1");
    const third = ask("gates", "g3");
    expect(await Promise.all([first, second, other, third])).toEqual(["view of g1", undefined, "view of s1", "view of g3"]);
    expect(client.sent).toEqual(["g1", "s1", "g3"]);
  });

  it("drops a same-key query that has not started yet", async () => {
    const client = fakeClient();
    const ask = keyedQueries(client);
    const results = await Promise.all([ask("gates", "g1"), ask("gates", "g2")]);
    expect(results).toEqual([undefined, "view of g2"]);
    expect(client.sent).toEqual(["g2"]);
  });

  it("keeps going after a query fails", async () => {
    let calls = 0;
    const ask = keyedQueries({query: async (q: string) => (calls++ === 0 ? Promise.reject(new Error("boom")) : q)});
    await expect(ask("a", "x")).rejects.toThrow("boom");
    expect(await ask("a", "y")).toBe("y");
  });
});
