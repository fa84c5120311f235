import { z } from 'zod';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

export const NotifyChannelName = z.enum(['notify', 'webhook', 'log']);

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/**
 * Every setting Sluice reads, parsed and validated once at start. Nothing else reads process.env
 * (lint forbids it), so this is the whole list.
 */
export const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    HOST: z.string().default('127.0.0.1'),
    /** Public base URL used in status links; defaults to http://localhost:PORT. */
    SLUICE_PUBLIC_URL: z.url().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

    SLUICE_BUS: z.enum(['in-process', 'kafka']).default('in-process'),
    KAFKA_BROKERS: z.string().default('127.0.0.1:9092'),
    KAFKA_PARTITIONS: z.coerce.number().int().min(1).max(1024).default(6),
    /**
     * How long a publish to an idle producer waits for company (default 0). A few milliseconds buy a little
     * throughput and broker CPU at the cost of p50 latency, and latency won (figures in docs/performance.md).
     */
    KAFKA_LINGER_MS: z.coerce.number().int().min(0).max(1000).default(0),
    /**
     * Partitions whose batches each consumer handles at once (order within a partition always kept).
     * Measured (docs/performance.md): 6 roughly halved intake→decision latency beside 1, at some broker CPU.
     */
    KAFKA_PARTITIONS_CONCURRENTLY: z.coerce.number().int().min(1).max(64).default(6),
    /** A consumer's fetch waits up to this long for KAFKA_FETCH_MIN_BYTES before taking what there is. */
    KAFKA_FETCH_MAX_WAIT_MS: z.coerce.number().int().min(0).max(5000).default(25),
    KAFKA_FETCH_MIN_BYTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(16 * 1024 * 1024)
      .default(16 * 1024),
    /** Replicas of the topics Sluice creates. Unset: the broker's default.replication.factor (never forced to 1). */
    KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(16).optional(),
    /** min.insync.replicas of the topics Sluice creates; existing topics with fewer are refused at start. */
    KAFKA_MIN_INSYNC_REPLICAS: z.coerce.number().int().min(1).max(16).optional(),
    /**
     * Longest a publish waits for the brokers before intake answers 503. Keep it above the brokers'
     * broker.session.timeout.ms plus an election: a lost broker stalls every partition whose ISR holds it
     * until it is fenced (decision 0019).
     */
    KAFKA_PUBLISH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
    /** TLS to the brokers (managed Kafka: MSK, Confluent Cloud, Aiven). */
    KAFKA_SSL: bool.default(false),
    /** PEM file of the CA that signed the brokers' certificates, when not a public one. */
    KAFKA_SSL_CA_FILE: z.string().min(1).optional(),
    KAFKA_SSL_REJECT_UNAUTHORIZED: bool.default(true),
    KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
    KAFKA_SASL_USERNAME: z.string().min(1).optional(),
    KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
    /** This process's zone: consumers fetch from a replica in it (brokers need replica.selector.class). */
    KAFKA_CLIENT_RACK: z.string().min(1).max(64).optional(),
    SLUICE_STORE: z.enum(['memory', 'redis']).default('memory'),
    REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
    SLUICE_REDIS_PREFIX: z.string().default('sluice:'),
    /**
     * Redis Sentinel instead of one node (REDIS_URL then unused): `host:port,…` of the sentinels, the
     * master's name, and the passwords of the data nodes (REDIS_PASSWORD) and sentinels, if any.
     */
    REDIS_SENTINELS: z.string().optional(),
    REDIS_SENTINEL_MASTER: z.string().default('sluice'),
    REDIS_SENTINEL_PASSWORD: z.string().optional(),
    /** Redis Cluster instead of one node: `host:port,…` of some of its nodes (the rest are discovered). */
    REDIS_CLUSTER_NODES: z.string().optional(),
    /** Password for Sentinel's or Cluster's data nodes (one node takes it in REDIS_URL). */
    REDIS_PASSWORD: z.string().optional(),
    /** TLS to Sentinel's or Cluster's nodes (one node: a rediss:// URL). */
    REDIS_TLS: bool.default(false),
    /**
     * `on` (default): refuse to start against a Redis that persists nothing (no append-only file, no RDB
     * save). `off`: managed-service mode, for a service that refuses CONFIG and persists by its own settings.
     */
    REDIS_PERSISTENCE_CHECK: z.enum(['on', 'off']).default('on'),
    /**
     * Replicas that must hold each decided chunk before it is published (WAIT): default 1 with Sentinel,
     * so a failover to an asynchronous replica cannot forget reservations, 0 otherwise (ADR 0023).
     */
    REDIS_WAIT_REPLICAS: z.coerce.number().int().min(0).max(5).optional(),
    /** Longest WAIT for them; a shortfall is counted and the decision goes ahead (ADR 0023). */
    REDIS_WAIT_TIMEOUT_MS: z.coerce.number().int().min(1).max(60_000).default(500),
    /** Appended to consumer group ids, to run several independent Sluices on one broker (tests). */
    SLUICE_GROUP_SUFFIX: z
      .string()
      .regex(/^[a-zA-Z0-9._-]{0,40}$/)
      .default(''),
    SLUICE_RETENTION_DAYS: z.coerce.number().int().min(1).max(400).default(35),
    /**
     * The system of record (docs/decisions/0028-system-of-record.md): a PostgreSQL URL. Unset, the
     * embedded default keeps its record in PGlite in SLUICE_DATA_DIR.
     */
    DATABASE_URL: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
        .optional(),
    ),
    /**
     * PGlite's data directory when DATABASE_URL is unset; `memory` keeps the record in memory (nothing
     * survives a restart). Unset: the embedded default uses ./.sluice-data under the directory it was
     * started from, and a single role keeps its record in memory.
     */
    SLUICE_DATA_DIR: z.string().min(1).optional(),
    /** The directory `pnpm` was started in (pnpm and npm set it), so ./.sluice-data is the user's, not a package's. */
    INIT_CWD: z.string().optional(),
    /** Decision history is kept this long, then pruned by a scheduled job (default two years). */
    SLUICE_HISTORY_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(730),
    /** How often consumer lag is read from the bus for sluice_consumer_lag_messages (0 turns it off). */
    SLUICE_LAG_INTERVAL_MS: z.coerce.number().int().min(0).default(10_000),
    /** How often capacity sweeps every practice (day rollover promotion, outbox recovery, levels and their gauges). */
    SLUICE_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
    /** Longest a graceful shutdown may take before the process exits anyway (keep under the orchestrator's grace period). */
    SLUICE_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1000).default(25_000),

    /** An ISO instant that fixes the clock (demos, tests, replays). */
    SLUICE_NOW: z.iso.datetime({ offset: true }).optional(),
    /**
     * `fixed` (default): SLUICE_NOW stands still. `running`: the clock reads SLUICE_NOW at the real
     * instant SLUICE_CLOCK_EPOCH and moves with real time, so latencies (receivedAt → decidedAt,
     * sluice_intake_to_decision_seconds) are real while the day and hour stay chosen (benchmarks, soak
     * runs), and agree across processes and restarts.
     */
    SLUICE_CLOCK: z.enum(['fixed', 'running']).default('fixed'),
    /** The real (wall-clock) instant at which a running clock reads SLUICE_NOW: one value for every process. */
    SLUICE_CLOCK_EPOCH: z.iso.datetime({ offset: true }).optional(),
    /** The operator's bearer key; the embedded default generates and prints one when unset. */
    SLUICE_OPERATOR_KEY: z.string().min(24).optional(),
    /** Requests a minute intake takes for one practice (unless its settings say otherwise), and for one client key (unless its record does): docs/decisions/0025-client-keys-and-rate-limits.md. */
    SLUICE_PRACTICE_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000_000).default(60),
    SLUICE_CLIENT_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000_000).default(600),
    /** Salt for hashing contacts for the fair-use limit. */
    SLUICE_CONTACT_HASH_SALT: z.string().min(16).optional(),

    /** The channel patients' messages go through, unless SLUICE_NOTIFY_PRACTICE_CHANNELS names another for a practice. */
    SLUICE_NOTIFY_CHANNEL: NotifyChannelName.default('log'),
    /** Per-practice channel, e.g. `A81001=webhook,B82005=notify`. */
    SLUICE_NOTIFY_PRACTICE_CHANNELS: z
      .string()
      .default('')
      .transform((s, ctx) => {
        const out: Record<string, z.output<typeof NotifyChannelName>> = {};
        for (const pair of s
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean)) {
          const [ods, channel] = pair.split('=').map((x) => x.trim());
          const parsed = NotifyChannelName.safeParse(channel);
          if (!ods || !/^[A-Za-z]\d{5}$/.test(ods) || !parsed.success) {
            ctx.addIssue({ code: 'custom', message: `"${pair}" is not ODS=notify|webhook|log` });
            continue;
          }
          out[ods.toUpperCase()] = parsed.data;
        }
        return out;
      }),
    /** GOV.UK Notify API key, `{key name}-{service id}-{secret}` (two UUIDs at the end). */
    NOTIFY_API_KEY: z.preprocess(
      (v) => (v === '' ? undefined : v), // docker-compose passes an unset variable as ''
      z
        .string()
        .regex(new RegExp(`^.+-${UUID}-${UUID}$`), 'must be a GOV.UK Notify API key: {name}-{service id}-{secret}')
        .optional(),
    ),
    NOTIFY_BASE_URL: z.url().default('https://api.notifications.service.gov.uk'),
    /**
     * Notify template ids per message type (reason code), as JSON:
     * `{"accepted-routine":{"sms":"<uuid>","email":"<uuid>"}, ...}`. docs/notifications.md lists the texts.
     */
    NOTIFY_TEMPLATE_IDS: z
      .string()
      .default('{}')
      .transform((s, ctx) => {
        try {
          return JSON.parse(s) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'must be JSON' });
          return z.NEVER;
        }
      })
      .pipe(
        z.record(
          z.string().regex(/^[a-z0-9-]+$/),
          z.object({ sms: z.uuid().optional(), email: z.uuid().optional() }).strict(),
        ),
      ),
    /** Notify allows 3,000 messages a minute per API key; replicas share one bucket in Redis. */
    NOTIFY_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(3000).default(3000),
    /** Attempts per message for retriable answers (500, 429 RateLimitError, timeouts) before it is dead-lettered. */
    NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(5),
    NOTIFY_TIMEOUT_MS: z.coerce.number().int().min(500).max(30_000).default(5000),
    /** Messages of one batch sent at once (one request's messages always in order). */
    NOTIFY_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
    SLUICE_WEBHOOK_URL: z.url().optional(),
    SLUICE_WEBHOOK_SECRET: z.string().min(32, 'at least 32 characters (256 bits as hex or base64)').optional(),
    SLUICE_WEBHOOK_KEY_ID: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,40}$/)
      .default('k1'),
    SLUICE_SECURE_COOKIES: bool.default(false),
  })
  .superRefine((env, ctx) => {
    // Without a shared epoch each process would anchor its clock at its own start (decision 0017).
    if (env.SLUICE_NOW && env.SLUICE_CLOCK === 'running' && !env.SLUICE_CLOCK_EPOCH) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLUICE_CLOCK_EPOCH'],
        message:
          'required with SLUICE_CLOCK=running: the real instant the clock reads SLUICE_NOW, the same for every process',
      });
    }
    if (env.REDIS_SENTINELS && env.REDIS_CLUSTER_NODES) {
      ctx.addIssue({
        code: 'custom',
        path: ['REDIS_CLUSTER_NODES'],
        message: 'set REDIS_SENTINELS or REDIS_CLUSTER_NODES, not both',
      });
    }
    // A channel in use must be configured: fail at start, not on the first patient's message.
    const used = new Set([env.SLUICE_NOTIFY_CHANNEL, ...Object.values(env.SLUICE_NOTIFY_PRACTICE_CHANNELS)]);
    if (used.has('notify') && !env.NOTIFY_API_KEY) {
      ctx.addIssue({ code: 'custom', path: ['NOTIFY_API_KEY'], message: 'required when the notify channel is used' });
    }
    if (used.has('webhook')) {
      for (const name of ['SLUICE_WEBHOOK_URL', 'SLUICE_WEBHOOK_SECRET'] as const) {
        if (!env[name])
          ctx.addIssue({ code: 'custom', path: [name], message: 'required when the webhook channel is used' });
      }
    }
    if (env.KAFKA_SASL_MECHANISM) {
      for (const name of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const) {
        if (!env[name])
          ctx.addIssue({ code: 'custom', path: [name], message: 'required when KAFKA_SASL_MECHANISM is set' });
      }
    }
    if (env.KAFKA_SSL_CA_FILE && !env.KAFKA_SSL) {
      ctx.addIssue({
        code: 'custom',
        path: ['KAFKA_SSL_CA_FILE'],
        message: 'set KAFKA_SSL=true too (a CA file alone would be ignored)',
      });
    }
    if (
      env.KAFKA_REPLICATION_FACTOR !== undefined &&
      env.KAFKA_MIN_INSYNC_REPLICAS !== undefined &&
      env.KAFKA_MIN_INSYNC_REPLICAS > env.KAFKA_REPLICATION_FACTOR
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['KAFKA_MIN_INSYNC_REPLICAS'],
        message: 'cannot exceed KAFKA_REPLICATION_FACTOR (every publish would be refused)',
      });
    }
  });
export type Env = z.output<typeof EnvSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses an environment (process.env by default); throws a ConfigError naming every bad variable. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

export function publicUrl(env: Env, port = env.PORT): string {
  return (env.SLUICE_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
}
