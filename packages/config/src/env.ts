import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/**
 * Every setting Sluice reads, parsed and validated once at start. Nothing else reads process.env
 * (lint forbids it), so this is the whole list.
 */
export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  /** Public base URL used in status links; defaults to http://localhost:PORT. */
  SLUICE_PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  SLUICE_BUS: z.enum(['in-process', 'kafka']).default('in-process'),
  KAFKA_BROKERS: z.string().default('127.0.0.1:9092'),
  KAFKA_PARTITIONS: z.coerce.number().int().min(1).max(1024).default(6),
  SLUICE_STORE: z.enum(['memory', 'redis']).default('memory'),
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  SLUICE_REDIS_PREFIX: z.string().default('sluice:'),
  /** Appended to consumer group ids, to run several independent Sluices on one broker (tests). */
  SLUICE_GROUP_SUFFIX: z.string().regex(/^[a-zA-Z0-9._-]{0,40}$/).default(''),
  SLUICE_RETENTION_DAYS: z.coerce.number().int().min(1).max(400).default(35),
  /** How often consumer lag is read from the bus for sluice_consumer_lag_messages (0 turns it off). */
  SLUICE_LAG_INTERVAL_MS: z.coerce.number().int().min(0).default(10_000),
  /** Longest a graceful shutdown may take before the process exits anyway (keep under the orchestrator's grace period). */
  SLUICE_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1000).default(25_000),

  /** An ISO instant that fixes the clock (demos, tests, replays). */
  SLUICE_NOW: z.iso.datetime({ offset: true }).optional(),
  /** The operator's bearer key; the embedded default generates and prints one when unset. */
  SLUICE_OPERATOR_KEY: z.string().min(24).optional(),
  /** Salt for hashing contacts for the fair-use limit. */
  SLUICE_CONTACT_HASH_SALT: z.string().min(16).optional(),

  SLUICE_NOTIFY_CHANNEL: z.enum(['notify', 'webhook', 'log']).default('log'),
  NOTIFY_API_KEY: z.string().optional(),
  NOTIFY_BASE_URL: z.url().default('https://api.notifications.service.gov.uk'),
  SLUICE_WEBHOOK_URL: z.url().optional(),
  SLUICE_WEBHOOK_SECRET: z.string().min(16).optional(),
  SLUICE_WEBHOOK_KEY_ID: z.string().default('k1'),
  SLUICE_SECURE_COOKIES: bool.default(false),
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
