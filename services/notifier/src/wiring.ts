import type { RedisClient } from '@sluice/redis-scripts';
import type { Clock, Env } from '@sluice/config';
import { PracticeConfig } from '@sluice/contracts';
import type { EventBus } from '@sluice/event-bus';
import type { Logger, Metrics } from '@sluice/observability';
import type { ChannelName, NotificationChannel } from './channel';
import { MemoryDeliveryLedger } from './delivery-ledger';
import { MemoryHoldStore } from './hold-store';
import { LogChannel } from './log-channel';
import { startNotifier, type Notifier, type NotifierDeps } from './notifier';
import { NotifyChannel } from './notify-channel';
import { MemoryRecipientLimiter, MemoryTokenBucket } from './rate-limits';
import { RedisDeliveryLedger } from './redis-delivery-ledger';
import { RedisHoldStore } from './redis-hold-store';
import { RedisRecipientLimiter, RedisTokenBucket } from './redis-rate-limits';
import { MAX_PUBLIC_URL, type PracticeFacts } from './templates';
import { WebhookChannel } from './webhook-channel';

export interface NotifierWiring {
  bus: EventBus;
  /** Redis when SLUICE_STORE=redis: ledger, limits and holds are then shared by every replica. */
  redis: RedisClient | null;
  log: Logger;
  metrics: Metrics;
  clock: Clock;
  publicUrl: string;
  groupId: string;
  /** Where the practice's name comes from (the capacity store's practice repository). */
  practices?: (ods: string) => Promise<PracticeFacts>;
  /** Replaces the default channel (tests). */
  channel?: NotificationChannel;
  sweepMs?: number;
}

/** Practice facts from a practice repository (anything with getConfig). */
export function practiceFactsFrom(repo: {
  getConfig(ods: string): Promise<unknown>;
}): (ods: string) => Promise<PracticeFacts> {
  return async (ods) => {
    const c = PracticeConfig.parse((await repo.getConfig(ods)) ?? {});
    return { name: c.name, ...(c.extendedAccessHub ? { extendedAccessHub: c.extendedAccessHub } : {}) };
  };
}

/** Builds the channels configuration asks for: only those the default or a practice uses. */
export function channelsFromEnv(env: Env, log: Logger): Partial<Record<ChannelName, NotificationChannel>> {
  const used = new Set<ChannelName>([env.SLUICE_NOTIFY_CHANNEL, ...Object.values(env.SLUICE_NOTIFY_PRACTICE_CHANNELS)]);
  const out: Partial<Record<ChannelName, NotificationChannel>> = {};
  if (used.has('log')) out.log = new LogChannel(log);
  if (used.has('notify')) {
    out.notify = new NotifyChannel({
      apiKey: env.NOTIFY_API_KEY!,
      baseUrl: env.NOTIFY_BASE_URL,
      templateIds: env.NOTIFY_TEMPLATE_IDS,
      timeoutMs: env.NOTIFY_TIMEOUT_MS,
    });
  }
  if (used.has('webhook')) {
    out.webhook = new WebhookChannel({
      url: env.SLUICE_WEBHOOK_URL!,
      keyId: env.SLUICE_WEBHOOK_KEY_ID,
      secret: env.SLUICE_WEBHOOK_SECRET!,
      timeoutMs: env.NOTIFY_TIMEOUT_MS,
    });
  }
  return out;
}

/** The notifier role as configuration describes it: Redis-backed when there is Redis, memory otherwise. */
export function notifierFromEnv(env: Env, w: NotifierWiring): Promise<Notifier> {
  const channels = channelsFromEnv(env, w.log);
  const channel = w.channel ?? channels[env.SLUICE_NOTIFY_CHANNEL]!;
  if (channel.name !== 'log' && w.publicUrl.length > MAX_PUBLIC_URL) {
    w.log.warn(
      { length: w.publicUrl.length, budget: MAX_PUBLIC_URL },
      'SLUICE_PUBLIC_URL is longer than the SMS budget allows: some texts may take a third fragment',
    );
  }
  const bucketSettings = { limit: env.NOTIFY_RATE_PER_MINUTE, windowMs: 60_000 };
  const deps: NotifierDeps = {
    bus: w.bus,
    channel,
    channels,
    practiceChannels: env.SLUICE_NOTIFY_PRACTICE_CHANNELS,
    metrics: w.metrics,
    log: w.log,
    clock: w.clock,
    publicUrl: w.publicUrl,
    groupId: w.groupId,
    concurrency: env.NOTIFY_CONCURRENCY,
    policy: { maxAttempts: env.NOTIFY_MAX_ATTEMPTS, leaseMs: env.NOTIFY_TIMEOUT_MS * 2 + 5000 },
    ...(w.practices ? { practices: w.practices } : {}),
    ...(w.sweepMs ? { sweepMs: w.sweepMs } : {}),
    ...(env.SLUICE_CONTACT_HASH_SALT ? { hashSalt: env.SLUICE_CONTACT_HASH_SALT } : {}),
    ...(w.redis
      ? {
          ledger: new RedisDeliveryLedger(w.redis, env.SLUICE_REDIS_PREFIX),
          holds: new RedisHoldStore(w.redis, env.SLUICE_REDIS_PREFIX),
          bucket: new RedisTokenBucket(
            w.redis,
            `${env.SLUICE_REDIS_PREFIX}notify:bucket:${keyName(env)}`,
            bucketSettings,
          ),
          recipients: new RedisRecipientLimiter(w.redis, env.SLUICE_REDIS_PREFIX),
        }
      : {
          ledger: new MemoryDeliveryLedger(),
          holds: new MemoryHoldStore(),
          bucket: new MemoryTokenBucket(bucketSettings),
          recipients: new MemoryRecipientLimiter(),
        }),
  };
  return startNotifier(deps);
}

/** The bucket is per Notify API key (that is what Notify limits): named by the key's service id, never its secret. */
function keyName(env: Env): string {
  const key = env.NOTIFY_API_KEY;
  return key ? key.slice(-73, -37) : 'none';
}
