/**
 * Several views asking one live model at once (no DOM). A LiveClient's queries are latest-wins across
 * the whole client, so three views that ask together would drop the middle one every time. This
 * queue sends one query at a time and is latest-wins per key instead: a query still waiting is
 * skipped (resolves to undefined) once a newer one with the same key arrives, but never because
 * another view asked.
 *
 *   const ask = keyedQueries(client);
 *   const gates = await ask("gates", {kind: "gates", text});
 */
export interface Queryable<Q, V> {
  query(q: Q): Promise<V | undefined>;
}

export function keyedQueries<Q, V>(client: Queryable<Q, V>): (key: string, q: Q) => Promise<V | undefined> {
  let chain: Promise<unknown> = Promise.resolve();
  const latest = new Map<string, object>();
  return (key, q) => {
    const ticket = {};
    latest.set(key, ticket);
    const run = chain.then(() => (latest.get(key) === ticket ? client.query(q) : undefined));
    chain = run.catch(() => undefined);
    return run;
  };
}
