// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the ambient types of an untyped package must reach every package that compiles this file
/// <reference path="./cluster-key-slot.d.ts" />
import calculateSlot from 'cluster-key-slot';
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';

/** A connection to one node or Sentinel-managed master (Redis) or to a Redis Cluster (Cluster). */
export type RedisClient = Redis | Cluster;

/** Where Redis is: exactly one of the three (config's REDIS_URL, REDIS_SENTINELS, REDIS_CLUSTER_NODES). */
export type RedisTopology =
  | { mode: 'single'; url: string }
  | {
      mode: 'sentinel';
      sentinels: { host: string; port: number }[];
      master: string;
      password?: string;
      sentinelPassword?: string;
      tls?: boolean;
    }
  | { mode: 'cluster'; nodes: { host: string; port: number }[]; password?: string; tls?: boolean };

/**
 * The one place Redis connections are made: every Redis user (capacity store, practice repository,
 * request ledger, notifier, console sessions) is handed one of these, never a URL.
 */
export interface RedisConnector {
  readonly topology: RedisTopology;
  /** A new connection (callers that need one of their own, like decide(), call it again). */
  connect(options?: RedisOptions): RedisClient;
  /**
   * The group a key's commands may share a script, MULTI or pipeline with: its hash slot on a
   * Cluster, one group (0) otherwise, so a single node keeps its cross-practice batches whole.
   */
  slotOf(key: string): number;
}

/** `host:port,host:port` → nodes (IPv6 as `[::1]:6379`). */
export function parseNodes(list: string): { host: string; port: number }[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(s);
      if (!m) throw new Error(`"${s}" is not host:port`);
      return { host: m[1]!, port: Number(m[2]) };
    });
}

export function createRedisConnector(topology: RedisTopology): RedisConnector {
  const base: RedisOptions = { maxRetriesPerRequest: 2 };
  if (topology.mode === 'single') {
    return {
      topology,
      // ioredis reads rediss:// (TLS), user:password@ and /db from the URL itself.
      connect: (options = {}) => new Redis(topology.url, { ...base, ...options }),
      slotOf: () => 0,
    };
  }
  if (topology.mode === 'sentinel') {
    const t = topology;
    return {
      topology,
      connect: (options = {}) =>
        new Redis({
          ...base,
          ...options,
          sentinels: t.sentinels,
          name: t.master,
          password: t.password,
          sentinelPassword: t.sentinelPassword,
          ...(t.tls ? { tls: {}, enableTLSForSentinelMode: true } : {}),
          // A failover closes the old master's connections; reconnect to whichever the sentinels name.
          reconnectOnError: (err) => /READONLY/.test(err.message),
        }),
      slotOf: () => 0,
    };
  }
  const t = topology;
  return {
    topology,
    connect: (options = {}) => {
      const { enableAutoPipelining: _ignored, ...redisOptions } = { ...base, ...options };
      const clusterOptions: ClusterOptions = {
        // Off on a Cluster: ioredis batches a tick's commands by node, then rejects the whole batch when a
        // MOVED has changed its slot map meanwhile ("All keys in the pipeline should belong to the same
        // slots allocation group": seen in the Cluster fault test, every demand count and a sweep lost).
        enableAutoPipelining: false,
        redisOptions: { ...redisOptions, password: t.password, ...(t.tls ? { tls: {} } : {}) },
        // Commands issued while the slot map is being refreshed (a failover, a resharding) wait for it.
        enableOfflineQueue: true,
        retryDelayOnMoved: 0,
        retryDelayOnClusterDown: 200,
        retryDelayOnFailover: 200,
      };
      return new Cluster(t.nodes, clusterOptions);
    },
    slotOf: (key) => calculateSlot(key),
  };
}

/**
 * Whether the Redis behind `client` persists what it acknowledges (an append-only file, or RDB
 * snapshots): a Redis that restarts empty forgets every reservation and waiting list. On a Cluster,
 * every master is asked. Returns the problem, or null when persistence is on.
 */
export async function persistenceProblem(client: RedisClient): Promise<string | null> {
  const nodes: Redis[] = client instanceof Cluster ? client.nodes('master') : [client];
  for (const node of nodes) {
    let aof: string[];
    let save: string[];
    try {
      aof = (await node.config('GET', 'appendonly')) as string[];
      save = (await node.config('GET', 'save')) as string[];
    } catch (e) {
      return `could not read the persistence settings of Redis at ${describe(node)} (${(e as Error).message}); a managed service that refuses CONFIG needs REDIS_PERSISTENCE_CHECK=off, after checking that persistence is on in its own settings`;
    }
    const appendonly = aof[1] === 'yes';
    const rdb = (save[1] ?? '').trim() !== '';
    if (!appendonly && !rdb) {
      return `Redis at ${describe(node)} persists nothing (appendonly no, save ""): a restart would forget every reservation and waiting list. Turn on appendonly yes (or RDB save), or set REDIS_PERSISTENCE_CHECK=off for a managed service that persists by its own settings`;
    }
  }
  return null;
}

function describe(node: Redis): string {
  return `${node.options.host ?? '?'}:${node.options.port ?? '?'}`;
}
