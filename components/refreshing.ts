/**
 * A query kept fresh while a model trains, for `Generators.observe` (no DOM). On every state the
 * throttled source lets through (at most one per `ms`, see throttle.ts) it fetches again — but
 * never while its last fetch is still running: a tick that comes meanwhile asks for one more
 * fetch when it ends. So every fetch that runs delivers its answer, however slow the worker is;
 * a page cell that re-ran and awaited a new query on every tick would drop each answer that
 * came after the next tick, and on a slow machine would show nothing at all.
 *
 *   const view = Generators.observe(refreshing(client, 1000, () => ask("attend", {kind: "attend", text})));
 *
 * A fetch that resolves to undefined (superseded) or rejects delivers nothing.
 */
import type {Source} from "./throttle.js";
import {throttle} from "./throttle.js";

export function refreshing<S extends {status: string}, V>(source: Source<S>, ms: number, fetch: () => Promise<V | undefined>): (listener: (view: V) => void) => () => void {
  return (listener) => {
    let running = false, again = false, stopped = false;
    async function run(): Promise<void> {
      if (running) return void (again = true);
      running = true;
      do {
        again = false;
        let view: V | undefined;
        try {
          view = await fetch();
        } catch {
          view = undefined;
        }
        if (!stopped && view !== undefined) listener(view);
      } while (again && !stopped);
      running = false;
    }
    const unsubscribe = throttle(source, ms)(() => void run());
    return () => {
      stopped = true;
      unsubscribe();
    };
  };
}
