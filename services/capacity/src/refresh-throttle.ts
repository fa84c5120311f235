import type { Logger } from '@sluice/observability';
import type { PracticeContext } from '@sluice/practice-admin';

/**
 * A practice's level and gauges follow its decisions, but need not be recomputed after every batch:
 * under load a busy practice is in every batch, and each refresh is half a dozen Redis commands. A
 * practice not refreshed in the last `everyMs` is refreshed at once (with the batch, as before);
 * otherwise once when that window ends, with its latest settings. So a level is never more than
 * `everyMs` behind the decisions, and a quiet practice's first request moves it straight away.
 *
 * What this may delay is a signal, never a safeguard: levels do not gate decisions (planDecision
 * never reads them; capacity is enforced by the store's atomic decide), and a level that lasted less
 * than `everyMs` may not be published at all, which is the point.
 */
export function createRefreshThrottle(
  refresh: (ctx: PracticeContext) => Promise<unknown>,
  everyMs: number,
  log: Logger,
) {
  const last = new Map<string, number>();
  const waiting = new Map<string, PracticeContext>();
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<unknown>>();

  function later(practice: string, delayMs: number): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      const ctx = waiting.get(practice);
      waiting.delete(practice);
      if (!ctx) return;
      last.set(practice, Date.now());
      const done = refresh(ctx)
        .catch((e) =>
          log.warn({ practice, err: (e as Error).message }, 'level refresh failed; the next batch or sweep retries'),
        )
        .finally(() => running.delete(done));
      running.add(done);
    }, delayMs);
    timer.unref(); // never what keeps a process alive: stop() flushes what is waiting
    timers.add(timer);
  }

  return {
    /** The practices a batch touched: some refreshed now (awaited, as the batch's own work), the rest soon. */
    async touched(contexts: readonly PracticeContext[]): Promise<void> {
      const now = Date.now();
      const due: PracticeContext[] = [];
      for (const ctx of contexts) {
        const at = last.get(ctx.practice);
        if (everyMs <= 0 || at === undefined || now - at >= everyMs) {
          last.set(ctx.practice, now);
          waiting.delete(ctx.practice);
          due.push(ctx);
        } else {
          if (!waiting.has(ctx.practice)) later(ctx.practice, at + everyMs - now);
          waiting.set(ctx.practice, ctx);
        }
      }
      await Promise.all(due.map(refresh));
    },
    /** Refreshes whatever is waiting now, and waits for it (so a stopping replica leaves levels current). */
    async flush(): Promise<void> {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      const ctxs = [...waiting.values()];
      waiting.clear();
      await Promise.all([...running, ...ctxs.map((ctx) => refresh(ctx).catch(() => undefined))]);
    },
  };
}
