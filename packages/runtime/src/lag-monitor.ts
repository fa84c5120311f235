import type { EventBus } from '@sluice/event-bus';
import type { Logger, Metrics } from '@sluice/observability';

export interface LagMonitor {
  /** Reads lag now (also what the timer calls); resolves when the gauge is updated. */
  poll(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Publishes `sluice_consumer_lag_messages{group,topic,partition}` for every group this process consumes
 * for, read from the bus every `intervalMs` (Kafka: committed offsets against each partition's end).
 * Every replica of a group reports the whole group's lag, so dashboards and alerts take the max per
 * partition across instances. When the bus cannot be asked, the last figures stay and one warning is
 * logged (not one per poll).
 */
export function startLagMonitor(deps: {
  bus: EventBus;
  metrics: Metrics;
  log: Logger;
  intervalMs: number;
}): LagMonitor {
  let polling: Promise<void> | null = null;
  let failing = false;
  const poll = (): Promise<void> => {
    polling ??= (async () => {
      try {
        const lags = await deps.bus.consumerLag();
        // Reset and refill synchronously, so a scrape never sees a half-written set and partitions
        // this process no longer consumes disappear.
        deps.metrics.consumerLag.reset();
        for (const l of lags)
          deps.metrics.consumerLag.set({ group: l.group, topic: l.topic, partition: String(l.partition) }, l.lag);
        if (failing) deps.log.info('consumer lag can be read again');
        failing = false;
      } catch (e) {
        if (!failing)
          deps.log.warn({ err: (e as Error).message }, 'consumer lag could not be read; keeping the last figures');
        failing = true;
      } finally {
        polling = null;
      }
    })();
    return polling;
  };
  const timer = deps.intervalMs > 0 ? setInterval(() => void poll(), deps.intervalMs) : null;
  timer?.unref();
  void poll();
  return {
    poll,
    stop: async () => {
      if (timer) clearInterval(timer);
      await polling;
    },
  };
}
