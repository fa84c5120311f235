import { createServer, type RequestListener, type Server } from 'node:http';
import { ALL_TOPICS } from '@sluice/contracts';
import {
  MemoryCapacityStore,
  MemoryPracticeRepository,
  RedisCapacityStore,
  RedisPracticeRepository,
  type CapacityStore,
  type PracticeRepository,
} from '@sluice/capacity-store';
import { clockFrom, type Clock, type Env } from '@sluice/config';
import { InProcessEventBus, KafkaEventBus, type EventBus } from '@sluice/event-bus';
import { createLogger, createMetrics, type Logger, type Metrics } from '@sluice/observability';
import { MemoryRequestLedger, RedisRequestLedger, type RequestLedger } from '@sluice/request-ledger';
import type { Redis } from 'ioredis';

export interface Adapters {
  env: Env;
  log: Logger;
  metrics: Metrics;
  clock: Clock;
  bus: EventBus;
  store: CapacityStore;
  repo: PracticeRepository;
  ledger: RequestLedger;
  /** The Redis connection behind the store, when the store is Redis. */
  redis: Redis | null;
  close(): Promise<void>;
}

/**
 * The one place a backend is chosen: SLUICE_BUS picks Kafka or the in-process bus, SLUICE_STORE picks
 * Redis or memory. Every service and the embedded default are built from these.
 */
export async function createAdapters(env: Env, service: string): Promise<Adapters> {
  const log = createLogger({ service, level: env.LOG_LEVEL });
  const metrics = createMetrics({ service });
  const clock = clockFrom(env);
  const retentionSeconds = env.SLUICE_RETENTION_DAYS * 24 * 3600;

  const bus: EventBus =
    env.SLUICE_BUS === 'kafka'
      ? new KafkaEventBus({
          brokers: env.KAFKA_BROKERS.split(',').map((b) => b.trim()),
          clientId: `sluice-${service}`,
          lingerMs: env.KAFKA_LINGER_MS,
          partitionsConcurrently: env.KAFKA_PARTITIONS_CONCURRENTLY,
          fetchMaxWaitMs: env.KAFKA_FETCH_MAX_WAIT_MS,
          fetchMinBytes: env.KAFKA_FETCH_MIN_BYTES,
          onLog: (level, message, extra) => log[level]({ kafka: { ...extra, broker: extra.broker } }, `kafkajs: ${message}`),
        })
      : new InProcessEventBus();
  await bus.ensureTopics(ALL_TOPICS, env.KAFKA_PARTITIONS);

  let store: CapacityStore;
  let repo: PracticeRepository;
  let ledger: RequestLedger;
  let redis: Redis | null = null;
  if (env.SLUICE_STORE === 'redis') {
    const rs = new RedisCapacityStore({ url: env.REDIS_URL, prefix: env.SLUICE_REDIS_PREFIX, retentionSeconds });
    store = rs;
    redis = rs.redis;
    repo = new RedisPracticeRepository(rs.redis, env.SLUICE_REDIS_PREFIX, retentionSeconds);
    ledger = new RedisRequestLedger({ url: env.REDIS_URL, prefix: env.SLUICE_REDIS_PREFIX });
  } else {
    store = new MemoryCapacityStore({ retentionSeconds, now: () => clock.now().getTime() });
    repo = new MemoryPracticeRepository();
    ledger = new MemoryRequestLedger(() => clock.now().getTime());
  }

  return {
    env,
    log,
    metrics,
    clock,
    bus,
    store,
    repo,
    ledger,
    redis,
    close: async () => {
      await bus.close();
      await store.close();
      await ledger.close();
    },
  };
}

/** Listens, resolving once the port is open (port 0 picks a free one). */
/** How long a client may take: slow clients must not hold sockets (and memory) open for ever. */
export interface ServerTimeouts {
  /** All of a request's headers (Node's default is 60 s). */
  headersTimeoutMs: number;
  /** The whole request, headers and body (16 KB at most; Node's default is 300 s). */
  requestTimeoutMs: number;
  /** An idle kept-alive connection. */
  keepAliveTimeoutMs: number;
  /** How often Node checks the first two. */
  checkIntervalMs: number;
}

export const SERVER_TIMEOUTS: ServerTimeouts = { headersTimeoutMs: 10_000, requestTimeoutMs: 20_000, keepAliveTimeoutMs: 5_000, checkIntervalMs: 1_000 };

export function listen(listener: RequestListener, port: number, host: string, t: ServerTimeouts = SERVER_TIMEOUTS): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer({ headersTimeout: t.headersTimeoutMs, requestTimeout: t.requestTimeoutMs, keepAliveTimeout: t.keepAliveTimeoutMs, connectionsCheckingInterval: t.checkIntervalMs }, listener);
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
