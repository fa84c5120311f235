import { readFileSync } from 'node:fs';
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
import { clockFrom, ConfigError, type Clock, type Env } from '@sluice/config';
import {
  InProcessEventBus,
  KafkaEventBus,
  kafkaOptionsFromEnv,
  type EventBus,
  type FailureReporter,
} from '@sluice/event-bus';
import { createLogger, createMetrics, type Logger, type Metrics } from '@sluice/observability';
import {
  openRecord,
  RecordedPracticeRepository,
  recordTarget,
  restoreSettings,
  type RestoredSettings,
  type SluiceRecord,
} from '@sluice/record';
import { MemoryRequestLedger, RedisRequestLedger, type RequestLedger } from '@sluice/request-ledger';
import { createRedisConnector, persistenceProblem, type RedisClient, type RedisConnector } from '@sluice/redis-scripts';
import { redisTopology } from './redis-topology';
import { startStoreWatch, type StoreWatch } from './store-watch';

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
  redis: RedisClient | null;
  /** Where Redis is, for anyone who needs a connection of their own. */
  redisConnector: RedisConnector | null;
  /** The system of record: PostgreSQL, PGlite in a data directory, or memory (decision 0028). */
  record: SluiceRecord;
  /** Where the record is (a URL without password, a directory, or 'memory'), for the start-up line. */
  recordWhere: string;
  /** What the record gave back to the hot store at start (settings it had lost). */
  restored: RestoredSettings;
  /** Redis only: notices Redis losing its data and gives it the settings back (readiness false meanwhile). */
  storeWatch: StoreWatch | null;
  close(): Promise<void>;
}

export interface AdapterOptions {
  /**
   * Every role in one process (the embedded default): with neither DATABASE_URL nor SLUICE_DATA_DIR
   * set, the record is PGlite in ./.sluice-data; a single role's is memory.
   */
  embedded?: boolean;
}

/**
 * The one place a backend is chosen: SLUICE_BUS picks Kafka or the in-process bus, SLUICE_STORE picks
 * Redis or memory, DATABASE_URL / SLUICE_DATA_DIR the record (PostgreSQL, PGlite or memory). Every service and the embedded default are built from these.
 */
export async function createAdapters(env: Env, service: string, options: AdapterOptions = {}): Promise<Adapters> {
  const log = createLogger({ service, level: env.LOG_LEVEL });
  const metrics = createMetrics({ service });
  const clock = clockFrom(env);
  const retentionSeconds = env.SLUICE_RETENTION_DAYS * 24 * 3600;

  // Every handler failure is counted and logged here, for both buses (request ids and practice codes only: no payloads).
  const failures: FailureReporter = {
    subscribed: ({ topic, group }) => {
      for (const retriable of ['true', 'false']) metrics.handlerFailures.inc({ topic, group, retriable }, 0);
    },
    failed: (f) => {
      metrics.handlerFailures.inc({ topic: f.topic, group: f.group, retriable: String(f.retriable) });
      const fields = {
        topic: f.topic,
        group: f.group,
        partition: f.partition,
        offset: f.offset,
        messages: f.messages,
        attempt: f.attempt,
        retriable: f.retriable,
        err: f.error,
      };
      if (f.deadLettered) {
        metrics.deadLetters.inc({ topic: f.topic });
        log.error(fields, 'handler failed for good; the message went to the dead-letter topic');
      } else log.warn(fields, f.retriable ? 'handler failed; backing off' : 'handler failed; splitting the batch');
    },
  };
  const bus: EventBus =
    env.SLUICE_BUS === 'kafka'
      ? new KafkaEventBus({
          ...kafkaOptionsFromEnv(env, (file) => readFileSync(file, 'utf8')),
          failures,
          clientId: `sluice-${service}`,
          lingerMs: env.KAFKA_LINGER_MS,
          partitionsConcurrently: env.KAFKA_PARTITIONS_CONCURRENTLY,
          fetchMaxWaitMs: env.KAFKA_FETCH_MAX_WAIT_MS,
          fetchMinBytes: env.KAFKA_FETCH_MIN_BYTES,
          onLog: (level, message, extra) =>
            log[level]({ kafka: { ...extra, broker: extra.broker } }, `kafkajs: ${message}`),
        })
      : new InProcessEventBus({ failures });
  await bus.ensureTopics(ALL_TOPICS, env.KAFKA_PARTITIONS);

  let store: CapacityStore;
  let repo: PracticeRepository;
  let ledger: RequestLedger;
  let redis: RedisClient | null = null;
  let redisConnector: RedisConnector | null = null;
  if (env.SLUICE_STORE === 'redis') {
    const topology = redisTopology(env);
    const connector = (redisConnector = createRedisConnector(topology));
    // Under Sentinel the replica is what a failover promotes: decisions wait for it (ADR 0023).
    const waitReplicas = env.REDIS_WAIT_REPLICAS ?? (topology.mode === 'sentinel' ? 1 : 0);
    const rs = new RedisCapacityStore({
      connector,
      prefix: env.SLUICE_REDIS_PREFIX,
      retentionSeconds,
      waitReplicas,
      waitTimeoutMs: env.REDIS_WAIT_TIMEOUT_MS,
      onWaitShortfall: (acknowledged, wanted) => {
        metrics.redisWaitShortfalls.inc();
        log.warn(
          { redis: { acknowledged, wanted } },
          'decisions were published before a Redis replica held them (WAIT timed out): a failover now could forget them',
        );
      },
    });
    store = rs;
    redis = rs.redis;
    repo = new RedisPracticeRepository(rs.redis, env.SLUICE_REDIS_PREFIX, retentionSeconds);
    ledger = new RedisRequestLedger({ connector, prefix: env.SLUICE_REDIS_PREFIX });
    if (env.REDIS_PERSISTENCE_CHECK === 'on') {
      const problem = await persistenceProblem(rs.redis);
      if (problem) {
        await Promise.all([bus.close(), rs.close(), ledger.close()]);
        throw new ConfigError(`Refusing to start: ${problem}`);
      }
    }
  } else {
    store = new MemoryCapacityStore({ retentionSeconds, now: () => clock.now().getTime() });
    repo = new MemoryPracticeRepository();
    ledger = new MemoryRequestLedger(() => clock.now().getTime());
  }

  // Settings are written to the record first, then the hot store; a hot store that lost them (Redis
  // restarted empty, the embedded process restarted) gets them back now. Dated rotas before today are
  // history, not hot state.
  const { record, where: recordWhere } = await openRecord(recordTarget(env, { embedded: options.embedded ?? false }));
  const today = clock.now().toISOString().slice(0, 10);
  const restored = await restoreSettings(record, repo, { fromDay: today });
  if (restored.documents || restored.keys)
    log.warn({ ...restored, record: record.kind }, 'hot store was missing settings: restored them from the record');
  const storeWatch = redis
    ? await startStoreWatch({ redis, prefix: env.SLUICE_REDIS_PREFIX, record, hot: repo, metrics, log, clock })
    : null;
  repo = new RecordedPracticeRepository(repo, record, () => clock.now());

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
    redisConnector,
    record,
    recordWhere,
    restored,
    storeWatch,
    close: async () => {
      await storeWatch?.stop();
      await bus.close();
      await store.close();
      await ledger.close();
      await record.close();
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

export const SERVER_TIMEOUTS: ServerTimeouts = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 20_000,
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 1_000,
};

export function listen(
  listener: RequestListener,
  port: number,
  host: string,
  t: ServerTimeouts = SERVER_TIMEOUTS,
): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(
      {
        headersTimeout: t.headersTimeoutMs,
        requestTimeout: t.requestTimeoutMs,
        keepAliveTimeout: t.keepAliveTimeoutMs,
        connectionsCheckingInterval: t.checkIntervalMs,
      },
      listener,
    );
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
