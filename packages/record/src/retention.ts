import type { Logger, Metrics } from '@sluice/observability';
import type { HistoryRecord, Pruned } from './record';

export interface RetentionDeps {
  record: HistoryRecord;
  clock: { now(): Date };
  metrics: Metrics;
  log: Logger;
  /** History older than this many days is deleted. */
  days: number;
  /** How often to prune (default hourly); the first run is one interval after start. */
  intervalMs?: number;
}

export interface Retention {
  /** Prunes now (the timer calls this too). */
  run(): Promise<Pruned>;
  stop(): void;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * The scheduled job that keeps decision history for its retention period only. A failed run is
 * logged and tried again at the next interval; the rows it would have deleted stay until then.
 */
export function startRetention(deps: RetentionDeps): Retention {
  let running: Promise<Pruned> | null = null;
  const run = (): Promise<Pruned> => {
    running ??= (async () => {
      const before = new Date(deps.clock.now().getTime() - deps.days * DAY_MS).toISOString();
      const pruned = await deps.record.prune(before);
      if (pruned.screenings) deps.metrics.historyPruned.inc({ kind: 'screening' }, pruned.screenings);
      if (pruned.decisions) deps.metrics.historyPruned.inc({ kind: 'decision' }, pruned.decisions);
      if (pruned.screenings || pruned.decisions)
        deps.log.info({ ...pruned, before }, 'history past its retention deleted');
      return pruned;
    })().finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(() => {
    run().catch((e) => deps.log.error({ err: e }, 'history retention run failed; trying again next interval'));
  }, deps.intervalMs ?? 3600_000);
  timer.unref();
  return { run, stop: () => clearInterval(timer) };
}
