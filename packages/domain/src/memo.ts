/**
 * A memo for the domain's pure, hot questions about days and times. Luxon answers them through Intl
 * time-zone formatting, which cost more CPU per decision than the rest of the decision put together
 * (docs/performance.md); the answers depend only on the argument, so a small table that is emptied
 * when full gives the same results at a fraction of the cost. Exceptions are not remembered.
 */
export function memo<K, V>(fn: (k: K) => V, max = 4096): (k: K) => V {
  const table = new Map<K, V>();
  return (k) => {
    if (table.has(k)) return table.get(k)!;
    const v = fn(k);
    if (table.size >= max) table.clear();
    table.set(k, v);
    return v;
  };
}
