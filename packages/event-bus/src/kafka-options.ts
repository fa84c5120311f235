/**
 * Settings → kafkajs options, kept pure so the mapping is unit-tested (kafka-options.test.ts): a
 * managed Kafka (MSK, Confluent Cloud, Aiven) needs TLS and SASL; a rack id lets consumers fetch
 * from a replica in their own zone.
 */
import { logLevel, type KafkaConfig, type SASLOptions } from 'kafkajs';

export type SaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';

export interface KafkaSecurity {
  /** TLS to the brokers; `ca` replaces the system roots (a private CA), PEM text. */
  ssl?: boolean | { ca?: string[]; rejectUnauthorized?: boolean };
  sasl?: { mechanism: SaslMechanism; username: string; password: string };
}

export interface KafkaClientSettings extends KafkaSecurity {
  brokers: string[];
  clientId: string;
  connectionTimeoutMs?: number;
  onLog?: (level: 'error' | 'warn' | 'info', message: string, extra: Record<string, unknown>) => void;
}

export function kafkaClientConfig(o: KafkaClientSettings): KafkaConfig {
  const onLog = o.onLog;
  const config: KafkaConfig = {
    clientId: o.clientId,
    brokers: o.brokers,
    connectionTimeout: o.connectionTimeoutMs ?? 3000,
    retry: { initialRetryTime: 100, retries: 8, maxRetryTime: 5000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }) => {
        if (!onLog) return;
        const { message, ...extra } = log;
        const lvl = level === logLevel.ERROR ? 'error' : level === logLevel.WARN ? 'warn' : 'info';
        onLog(lvl, String(message), extra);
      },
  };
  if (o.ssl)
    config.ssl =
      o.ssl === true
        ? true
        : { ...(o.ssl.ca ? { ca: o.ssl.ca } : {}), rejectUnauthorized: o.ssl.rejectUnauthorized ?? true };
  if (o.sasl) {
    const { mechanism, username, password } = o.sasl;
    // kafkajs types each mechanism as its own literal; the three take the same fields.
    config.sasl = { mechanism, username, password } as SASLOptions;
  }
  return config;
}

/** The environment's Kafka settings (a structural slice of @sluice/config's Env). */
export interface KafkaEnv {
  KAFKA_BROKERS: string;
  KAFKA_SSL: boolean;
  KAFKA_SSL_CA_FILE?: string | undefined;
  KAFKA_SSL_REJECT_UNAUTHORIZED: boolean;
  KAFKA_SASL_MECHANISM?: SaslMechanism | undefined;
  KAFKA_SASL_USERNAME?: string | undefined;
  KAFKA_SASL_PASSWORD?: string | undefined;
  KAFKA_CLIENT_RACK?: string | undefined;
  KAFKA_REPLICATION_FACTOR?: number | undefined;
  KAFKA_MIN_INSYNC_REPLICAS?: number | undefined;
  KAFKA_PUBLISH_TIMEOUT_MS: number;
}

export interface KafkaEnvOptions extends KafkaSecurity {
  brokers: string[];
  rack?: string;
  replicationFactor?: number;
  minInsyncReplicas?: number;
  publishTimeoutMs: number;
}

/** The env's settings as KafkaEventBus options; `readFile` reads the CA file (injected: no I/O here). */
export function kafkaOptionsFromEnv(env: KafkaEnv, readFile: (path: string) => string): KafkaEnvOptions {
  const o: KafkaEnvOptions = {
    brokers: env.KAFKA_BROKERS.split(',')
      .map((b) => b.trim())
      .filter(Boolean),
    publishTimeoutMs: env.KAFKA_PUBLISH_TIMEOUT_MS,
  };
  if (env.KAFKA_SSL) {
    o.ssl =
      env.KAFKA_SSL_CA_FILE || !env.KAFKA_SSL_REJECT_UNAUTHORIZED
        ? {
            ...(env.KAFKA_SSL_CA_FILE ? { ca: [readFile(env.KAFKA_SSL_CA_FILE)] } : {}),
            rejectUnauthorized: env.KAFKA_SSL_REJECT_UNAUTHORIZED,
          }
        : true;
  }
  if (env.KAFKA_SASL_MECHANISM) {
    o.sasl = {
      mechanism: env.KAFKA_SASL_MECHANISM,
      username: env.KAFKA_SASL_USERNAME ?? '',
      password: env.KAFKA_SASL_PASSWORD ?? '',
    };
  }
  if (env.KAFKA_CLIENT_RACK) o.rack = env.KAFKA_CLIENT_RACK;
  if (env.KAFKA_REPLICATION_FACTOR !== undefined) o.replicationFactor = env.KAFKA_REPLICATION_FACTOR;
  if (env.KAFKA_MIN_INSYNC_REPLICAS !== undefined) o.minInsyncReplicas = env.KAFKA_MIN_INSYNC_REPLICAS;
  return o;
}
