import { randomUUID } from 'node:crypto';
import type { PracticeRepository } from '@sluice/capacity-store';
import type { Logger, Metrics } from '@sluice/observability';
import { restoreSettings, type SettingsRecord } from '@sluice/record';
import type { RedisClient } from '@sluice/redis-scripts';

export interface StoreWatchDeps {
  redis: RedisClient;
  prefix: string;
  record: SettingsRecord;
  /** The hot repository itself, not the write-through one: restoring must not write the record again. */
  hot: PracticeRepository;
  metrics: Metrics;
  log: Logger;
  clock: { now(): Date };
  /** How often the generation key is read (default 2 s). */
  intervalMs?: number;
}

export interface StoreWatch {
  /** False while settings are being given back to a Redis that lost them (readiness). */
  ready(): boolean;
  /** Reads the generation key now; resolves true when Redis had lost it (and settings were restored). */
  check(): Promise<boolean>;
  stop(): Promise<void>;
}

/**
 * Notices that Redis lost its data (restarted empty, FLUSHALL, failover to an empty replica): a
 * generation key written at start has vanished. Then readiness goes false, every practice's settings
 * and keys are given back from the record, a new generation is written, and readiness comes back.
 * Only settings: open days' reservations and waiting lists are not rebuilt yet (decision 0029).
 */
export async function startStoreWatch(deps: StoreWatchDeps): Promise<StoreWatch> {
  const key = `${deps.prefix}generation`;
  // NX: a second process starting keeps the generation the first wrote.
  await deps.redis.set(key, randomUUID(), 'NX');
  let restoring = false;
  let running: Promise<boolean> | null = null;
  const check = (): Promise<boolean> => {
    running ??= (async () => {
      if ((await deps.redis.exists(key)) === 1) return false;
      restoring = true;
      try {
        deps.log.error({ key }, 'Redis lost its data (generation key gone): restoring settings from the record');
        const restored = await restoreSettings(deps.record, deps.hot, {
          fromDay: deps.clock.now().toISOString().slice(0, 10),
        });
        await deps.redis.set(key, randomUUID(), 'NX');
        deps.metrics.storeRestores.inc();
        deps.log.warn({ ...restored }, 'settings restored to Redis from the record');
        return true;
      } finally {
        restoring = false;
      }
    })().finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(() => {
    check().catch((e) => deps.log.warn({ err: e }, 'could not check the Redis generation key; trying again'));
  }, deps.intervalMs ?? 2000);
  timer.unref();
  return {
    ready: () => !restoring,
    check,
    stop: async () => {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
