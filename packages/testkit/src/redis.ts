import type { Cluster, Redis } from 'ioredis';

/**
 * Deletes every key that starts with `prefix` (SCAN MATCH prefix* + UNLINK, 500 at a time): the
 * cleanup for a test that gave its store a uniqueName() key prefix. On a Cluster, every master is
 * scanned, and keys are unlinked one by one (one command may not span slots).
 */
export async function deleteByPrefix(redis: Redis | Cluster, prefix: string): Promise<void> {
  const clustered = redis.isCluster;
  const nodes: Redis[] = clustered ? (redis as Cluster).nodes('master') : [redis as Redis];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length === 0) continue;
      if (clustered) await Promise.all(keys.map((k) => node.unlink(k)));
      else await node.unlink(...keys);
    } while (cursor !== '0');
  }
}
