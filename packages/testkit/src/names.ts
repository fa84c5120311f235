import { randomBytes } from 'node:crypto';

/**
 * `prefix` plus a random suffix, for topics, consumer groups and Redis key prefixes: tests share
 * one broker and one Redis, so every test names its own resources and never sees another's data.
 * The result only contains [A-Za-z0-9._-] (legal in Kafka topic names and harmless in Redis keys).
 */
export function uniqueName(prefix = 'test'): string {
  const clean = prefix.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 180);
  return `${clean}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}
