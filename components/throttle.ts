/**
 * Fewer updates from a live model (no DOM): for cells that query the worker or redraw something
 * costly, at most one state per `ms` passes, except that a change of status passes at once, and the
 * last state of a quiet spell is always delivered (by a timer at the end of the window).
 *
 *   const slow = Generators.observe((notify) => throttle(client, 250)(notify));
 */
export interface Source<S> {
  subscribe(listener: (state: S) => void): () => void;
}

export function throttle<S extends {status: string}>(source: Source<S>, ms: number): (listener: (state: S) => void) => () => void {
  return (listener) => {
    let last = -Infinity;
    let status: string | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let pending: S | null = null;
    const deliver = (s: S) => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      pending = null;
      last = Date.now();
      status = s.status;
      listener(s);
    };
    const unsubscribe = source.subscribe((s) => {
      if (s.status !== status || Date.now() - last >= ms) return deliver(s);
      pending = s;
      timer ??= setTimeout(() => pending && deliver(pending), ms - (Date.now() - last));
    });
    return () => {
      if (timer !== null) clearTimeout(timer);
      unsubscribe();
    };
  };
}
