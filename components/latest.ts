/**
 * Latest-wins calls of an async function (no DOM), as LiveClient.query does for queries: while one
 * call runs, newer calls replace each other, so a slider dragged across fifty values costs two
 * calls, not fifty. A superseded call resolves to `undefined`; a call that ran resolves (or
 * rejects) with its own result.
 */
export function latestWins<A, R>(f: (arg: A) => Promise<R>): (arg: A) => Promise<R | undefined> {
  let pending: {arg: A; resolve: (r: R | undefined) => void; reject: (e: unknown) => void} | null = null;
  let running = false;

  async function drain(): Promise<void> {
    running = true;
    while (pending) {
      const {arg, resolve, reject} = pending;
      pending = null;
      try {
        resolve(await f(arg));
      } catch (e) {
        reject(e);
      }
    }
    running = false;
  }

  return (arg) =>
    new Promise((resolve, reject) => {
      pending?.resolve(undefined);
      pending = {arg, resolve, reject};
      if (!running) void drain();
    });
}
