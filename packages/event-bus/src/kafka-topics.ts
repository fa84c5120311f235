/**
 * Sluice's topics on a real cluster: created at the broker's own default replication (or the one
 * configured; never forced to 1), checked when they exist already (a topic with fewer replicas or a
 * lower min.insync.replicas than configured is refused at start, not found in an outage), grown
 * when KAFKA_PARTITIONS rises (docs/decisions/0020-growing-partitions.md), and awaited until every
 * partition has a leader that answers (a 3-node cluster otherwise says "This server does not host
 * this topic-partition" right after creation).
 */
import { ConfigResourceTypes, type Admin } from 'kafkajs';
import { BusError } from './event-bus';

export interface TopicPolicy {
  partitions: number;
  /** Unset: the broker's default.replication.factor. */
  replicationFactor?: number;
  /** Unset: the broker's default (topic config min.insync.replicas is not written). */
  minInsyncReplicas?: number;
  /** How long new or grown topics may take to get leaders everywhere (default 30 s). */
  readyTimeoutMs?: number;
  log?: (message: string, extra: Record<string, unknown>) => void;
}

/** Refused at start: the message names the topic and what it has. */
export class TopicConfigError extends BusError {
  constructor(message: string) {
    super(message, false);
    this.name = 'TopicConfigError';
  }
}

async function brokerDefault(admin: Admin, name: string): Promise<number | null> {
  const cluster = await admin.describeCluster();
  const id = cluster.controller ?? cluster.brokers[0]?.nodeId;
  if (id === undefined || id === null) return null;
  const res = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [{ type: ConfigResourceTypes.BROKER, name: String(id), configNames: [name] }],
  });
  const v = res.resources[0]?.configEntries.find((e) => e.configName === name)?.configValue;
  return v === undefined || v === null ? null : Number(v);
}

async function topicMinIsr(admin: Admin, topics: string[]): Promise<Map<string, number>> {
  const res = await admin.describeConfigs({
    includeSynonyms: false,
    resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: ['min.insync.replicas'] })),
  });
  const out = new Map<string, number>();
  for (const r of res.resources) {
    const v = r.configEntries.find((e) => e.configName === 'min.insync.replicas')?.configValue;
    if (v !== undefined && v !== null) out.set(r.resourceName, Number(v));
  }
  return out;
}

export async function ensureTopicsOn(admin: Admin, topics: readonly string[], policy: TopicPolicy): Promise<void> {
  const log = policy.log ?? (() => undefined);
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t));
  if (missing.length > 0) {
    await admin.createTopics({
      // Not kafkajs's own wait: it asks one broker's metadata, and a broker that has not heard of the
      // topic yet answers "This server does not host this topic-partition", which it does not retry.
      waitForLeaders: false,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: policy.partitions,
        // Omitted: the broker's default.replication.factor (CreateTopics sends -1).
        ...(policy.replicationFactor !== undefined ? { replicationFactor: policy.replicationFactor } : {}),
        ...(policy.minInsyncReplicas !== undefined
          ? { configEntries: [{ name: 'min.insync.replicas', value: String(policy.minInsyncReplicas) }] }
          : {}),
      })),
    });
    log('created topics', {
      topics: missing,
      partitions: policy.partitions,
      replicationFactor: policy.replicationFactor ?? 'broker default',
    });
  }
  // Every topic is checked, not only those listed as present: a broker that had not yet heard of a
  // topic made a moment ago (by another role, or by hand) lists it as missing, and creating it again
  // is a quiet no-op that would skip its checks and its growth.
  await awaitLeaders(admin, topics, policy.readyTimeoutMs ?? 30_000);
  await checkExisting(admin, [...topics], policy, log);
  await awaitLeaders(admin, topics, policy.readyTimeoutMs ?? 30_000, policy.partitions);
}

async function checkExisting(
  admin: Admin,
  present: string[],
  policy: TopicPolicy,
  log: NonNullable<TopicPolicy['log']>,
): Promise<void> {
  const { topics: meta } = await admin.fetchTopicMetadata({ topics: present });
  const wantRf = policy.replicationFactor ?? (await brokerDefault(admin, 'default.replication.factor'));
  const problems: string[] = [];
  const grow: { topic: string; count: number }[] = [];
  for (const t of meta) {
    const rf = Math.min(...t.partitions.map((p) => p.replicas.length));
    if (wantRf !== null && rf < wantRf)
      problems.push(
        `topic ${t.name} has replication factor ${rf}, below the ${wantRf} required (${policy.replicationFactor !== undefined ? 'KAFKA_REPLICATION_FACTOR' : "the broker's default.replication.factor"})`,
      );
    if (t.partitions.length < policy.partitions) grow.push({ topic: t.name, count: policy.partitions });
  }
  if (policy.minInsyncReplicas !== undefined) {
    const isr = await topicMinIsr(admin, present);
    for (const [topic, n] of isr) {
      if (n < policy.minInsyncReplicas)
        problems.push(
          `topic ${topic} has min.insync.replicas ${n}, below KAFKA_MIN_INSYNC_REPLICAS ${policy.minInsyncReplicas}`,
        );
    }
  }
  if (problems.length > 0) {
    throw new TopicConfigError(
      `Kafka topics do not meet the configured replication; refusing to start: ${problems.join('; ')}. ` +
        'Reassign the topics (kafka-reassign-partitions) or change min.insync.replicas (kafka-configs) first; Sluice never lowers them.',
    );
  }
  if (grow.length > 0) {
    try {
      await admin.createPartitions({ topicPartitions: grow });
    } catch (e) {
      // Another role grew them first (every role ensures the topics at start): fine if they now have enough.
      const { topics: again } = await admin.fetchTopicMetadata({ topics: grow.map((g) => g.topic) });
      if (again.some((t) => t.partitions.length < policy.partitions)) throw e;
    }
    log('grew topics: keys now map to other partitions (docs/decisions/0020-growing-partitions.md)', {
      topics: grow.map((g) => g.topic),
      partitions: policy.partitions,
    });
  }
}

/**
 * Until every partition has a leader in the metadata and its leader answers a ListOffsets for it:
 * a leader elected in the controller's metadata is not yet one every broker knows of. With
 * `minPartitions`, also until the metadata shows that many partitions: a topic just grown is seen
 * with its old count by a broker the change has not reached, and keys would go to the old ones.
 */
export async function awaitLeaders(
  admin: Admin,
  topics: readonly string[],
  timeoutMs: number,
  minPartitions = 0,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      const { topics: meta } = await admin.fetchTopicMetadata({ topics: [...topics] });
      const leaderless = meta.flatMap((t) =>
        t.partitions.filter((p) => p.leader < 0).map((p) => `${t.name}/${p.partitionId}`),
      );
      const short = meta
        .filter((t) => t.partitions.length < minPartitions)
        .map((t) => `${t.name} (${t.partitions.length} of ${minPartitions} partitions)`);
      if (leaderless.length === 0 && short.length === 0) {
        for (const t of topics) await admin.fetchTopicOffsets(t);
        return;
      }
      last =
        short.length > 0
          ? `not grown yet: ${short.join(', ')}`
          : `no leader yet for ${leaderless.slice(0, 5).join(', ')}${leaderless.length > 5 ? ` and ${leaderless.length - 5} more` : ''}`;
    } catch (e) {
      last = (e as Error).message;
    }
    if (Date.now() > deadline) throw new BusError(`Kafka topics not ready after ${timeoutMs} ms: ${last}`, true);
    await new Promise((r) => setTimeout(r, 200));
  }
}
