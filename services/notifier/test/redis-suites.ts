// The notifier's Redis-backed stores through their contract suites, on whatever connection `connect`
// makes: one Redis (redis-stores.int.test.ts) or a Redis Cluster (redis-cluster.int.test.ts).
import { randomUUID } from 'node:crypto';
import type { RedisClient } from '@sluice/redis-scripts';
import { deleteByPrefix, uniqueName } from '@sluice/testkit';
import { runDeliveryLedgerContract } from '../src/delivery-ledger.contract';
import { runHoldStoreContract } from '../src/hold-store.contract';
import { runRateLimitContract } from '../src/rate-limits.contract';
import { RedisDeliveryLedger } from '../src/redis-delivery-ledger';
import { RedisHoldStore } from '../src/redis-hold-store';
import { RedisRecipientLimiter, RedisTokenBucket } from '../src/redis-rate-limits';

/** A connection and a key prefix of the test's own, deleted afterwards. */
export function redisFixture(connect: () => RedisClient) {
  const redis = connect();
  const prefix = `test:${uniqueName('notifier')}:`;
  const cleanup = async () => {
    await deleteByPrefix(redis, prefix);
    redis.disconnect();
  };
  return { redis, prefix, cleanup };
}

export function runNotifierRedisSuites(name: string, connect: () => RedisClient): void {
  runDeliveryLedgerContract(name, async () => {
    const f = redisFixture(connect);
    return { ledger: new RedisDeliveryLedger(f.redis, f.prefix), cleanup: f.cleanup };
  });

  runRateLimitContract(name, async () => {
    const f = redisFixture(connect);
    return {
      bucket: (s) => new RedisTokenBucket(f.redis, `${f.prefix}bucket:${randomUUID()}`, s),
      recipients: (l) => new RedisRecipientLimiter(f.redis, f.prefix, l),
      cleanup: f.cleanup,
    };
  });

  runHoldStoreContract(name, async () => {
    const f = redisFixture(connect);
    return { holds: new RedisHoldStore(f.redis, f.prefix), cleanup: f.cleanup };
  });
}
