import { Redis } from 'ioredis';
import { redisUrl } from '@sluice/testkit';
import { RedisRecipientLimiter } from '../src/redis-rate-limits';
import { redisFixture, runNotifierRedisSuites } from './redis-suites';

const url = redisUrl();
const connect = () => new Redis(url, { maxRetriesPerRequest: 2 });

runNotifierRedisSuites('redis', connect);

describe('Redis keys', () => {
  it('security: recipient limit keys hold a hash, never the number', async () => {
    const f = redisFixture(connect);
    const limiter = new RedisRecipientLimiter(f.redis, f.prefix);
    await limiter.hit('a1b2c3', 'd4e5', 'ref');
    const keys = await (f.redis as Redis).keys(`${f.prefix}*`);
    expect(keys.sort()).toEqual([`${f.prefix}{r:a1b2c3}:any`, `${f.prefix}{r:a1b2c3}:same:d4e5`]);
    await f.cleanup();
  });
});
