import { ConfigError, type Env } from '@sluice/config';
import { parseNodes, type RedisTopology } from '@sluice/redis-scripts';

/** Where Redis is, from REDIS_CLUSTER_NODES, else REDIS_SENTINELS (+ master name), else REDIS_URL. */
export function redisTopology(env: Env): RedisTopology {
  const nodes = (name: 'REDIS_CLUSTER_NODES' | 'REDIS_SENTINELS', value: string) => {
    try {
      const list = parseNodes(value);
      if (list.length === 0) throw new Error('no nodes');
      return list;
    } catch (e) {
      throw new ConfigError(
        `Invalid configuration:\n  ${name}: ${(e as Error).message} (expected host:port,host:port,…)`,
      );
    }
  };
  const secrets = {
    ...(env.REDIS_PASSWORD ? { password: env.REDIS_PASSWORD } : {}),
    ...(env.REDIS_TLS ? { tls: true } : {}),
  };
  if (env.REDIS_CLUSTER_NODES)
    return { mode: 'cluster', nodes: nodes('REDIS_CLUSTER_NODES', env.REDIS_CLUSTER_NODES), ...secrets };
  if (env.REDIS_SENTINELS) {
    return {
      mode: 'sentinel',
      sentinels: nodes('REDIS_SENTINELS', env.REDIS_SENTINELS),
      master: env.REDIS_SENTINEL_MASTER,
      ...secrets,
      ...(env.REDIS_SENTINEL_PASSWORD ? { sentinelPassword: env.REDIS_SENTINEL_PASSWORD } : {}),
    };
  }
  return { mode: 'single', url: env.REDIS_URL };
}
