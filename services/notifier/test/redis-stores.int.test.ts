import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { redisUrl, uniqueName } from '@sluice/testkit';
import { runDeliveryLedgerContract } from '../src/delivery-ledger.contract';
import { runHoldStoreContract } from '../src/hold-store.contract';
import { runRateLimitContract } from '../src/rate-limits.contract';
import { RedisDeliveryLedger } from '../src/redis-delivery-ledger';
import { RedisHoldStore } from '../src/redis-hold-store';
import { RedisRecipientLimiter, RedisTokenBucket } from '../src/redis-rate-limits';

const url = redisUrl();

/** A connection and a key prefix of the test's own, deleted afterwards. */
function fixture() {
  const redis = new Redis(url, { maxRetriesPerRequest: 2 });
  const prefix = `test:${uniqueName('notifier')}:`;
  const cleanup = async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  };
  return { redis, prefix, cleanup };
}

runDeliveryLedgerContract('redis', async () => {
  const f = fixture();
  return { ledger: new RedisDeliveryLedger(f.redis, f.prefix), cleanup: f.cleanup };
});

runRateLimitContract('redis', async () => {
  const f = fixture();
  return {
    bucket: (s) => new RedisTokenBucket(f.redis, `${f.prefix}bucket:${randomUUID()}`, s),
    recipients: (l) => new RedisRecipientLimiter(f.redis, f.prefix, l),
    cleanup: f.cleanup,
  };
});

runHoldStoreContract('redis', async () => {
  const f = fixture();
  return { holds: new RedisHoldStore(f.redis, f.prefix), cleanup: f.cleanup };
});

describe('Redis keys', () => {
  it('security: recipient limit keys hold a hash, never the number', async () => {
    const f = fixture();
    const limiter = new RedisRecipientLimiter(f.redis, f.prefix);
    await limiter.hit('a1b2c3', 'd4e5', 'ref');
    const keys = await f.redis.keys(`${f.prefix}*`);
    expect(keys.sort()).toEqual([`${f.prefix}{r:a1b2c3}:any`, `${f.prefix}{r:a1b2c3}:same:d4e5`]);
    await f.cleanup();
  });
});
