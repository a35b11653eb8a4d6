/**
 * A view that follows a training model (no DOM): ask the model a question now, and again whenever
 * its state changes — at most once per `ms` (throttle.ts) and never while the last answer is still
 * on its way. Every answer goes to the listener; a question that comes back empty (superseded)
 * is simply asked again at the next change. Because one subscription lives as long as the
 * question does, a slow answer is never thrown away the way a re-run page cell would throw it away.
 *
 *   const gates = Generators.observe(liveQuery(client, 1000, () => ask("gates", {kind: "gates", text})));
 */
import type {Source} from "./throttle.js";
import {throttle} from "./throttle.js";

export function liveQuery<S extends {status: string}, V>(source: Source<S>, ms: number, ask: () => Promise<V | undefined>): (listener: (view: V) => void) => () => void {
  return (listener) => {
    let alive = true;
    let running = false;
    let again = false;
    const run = async (): Promise<void> => {
      if (running) return void (again = true);
      running = true;
      do {
        again = false;
        let view: V | undefined;
        try {
          view = await ask();
        } catch {
          view = undefined; // the model's status line reports failures
        }
        if (alive && view !== undefined) listener(view);
      } while (again && alive);
      running = false;
    };
    const unsubscribe = throttle(source, ms)(() => void run());
    return () => {
      alive = false;
      unsubscribe();
    };
  };
}
