import type { Redis } from 'ioredis';

/**
 * Deletes every key that starts with `prefix` (SCAN MATCH prefix* + DEL, 500 at a time): the
 * cleanup for a test that gave its store a uniqueName() key prefix.
 */
export async function deleteByPrefix(redis: Pick<Redis, 'scan' | 'del'>, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
}
