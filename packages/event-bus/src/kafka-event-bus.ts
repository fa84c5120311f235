import { Kafka, Partitioners, type Admin, type Consumer } from 'kafkajs';
import type {
  ConsumedMessage,
  EventBus,
  OutgoingMessage,
  PartitionLag,
  SubscribeOptions,
  Subscription,
} from './event-bus';
import { FailurePolicy, type FailurePolicyOptions, type FailureReporter } from './failure-policy';
import { LanePublisher } from './kafka-publisher';
import { kafkaClientConfig, type KafkaSecurity } from './kafka-options';
import { awaitLeaders, ensureTopicsOn } from './kafka-topics';

export interface KafkaEventBusOptions extends KafkaSecurity {
  brokers: string[];
  clientId: string;
  /** Where kafkajs's own log lines go (they never carry payloads). */
  onLog?: (level: 'error' | 'warn' | 'info', message: string, extra: Record<string, unknown>) => void;
  /** Most messages one produce request carries. */
  maxProduceBatch?: number;
  /**
   * How long a publish arriving at an idle producer waits for others to share its produce request
   * (default 0: it goes at once). Publishes arriving while a request is in flight are coalesced anyway.
   */
  lingerMs?: number;
  /**
   * Partitions whose batches one consumer handles at once (default 6, the default partition count). Order
   * within a partition is kept whatever the number; across partitions batches overlap, so a fetch that
   * brings six partitions' records costs one batch's round trips instead of six in a row (decision 0007).
   */
  partitionsConcurrently?: number;
  /** How long a fetch may wait for `fetchMinBytes` before the broker answers with what it has (default 25 ms). */
  fetchMaxWaitMs?: number;
  /** Bytes a fetch waits for, up to `fetchMaxWaitMs` (default 16 KB). */
  fetchMinBytes?: number;
  connectionTimeoutMs?: number;
  /** Replicas of topics this bus creates (default: the broker's default.replication.factor, never forced to 1). */
  replicationFactor?: number;
  /** min.insync.replicas of topics this bus creates, and the least an existing topic may have. */
  minInsyncReplicas?: number;
  /** Longest a publish waits for the brokers before it is refused (default 15 s; decision 0019). */
  publishTimeoutMs?: number;
  /** Producers, each with its own queue, that partitions are spread over (default 6; decision 0019). */
  producerLanes?: number;
  /** The consumer's rack (zone): with brokers' replica.selector.class set, it fetches from a replica in its own zone. */
  rack?: string;
  /** Told of every handler failure (counted and logged by the wiring). */
  failures?: FailureReporter;
  policy?: FailurePolicyOptions;
}

/**
 * kafkajs behind our EventBus. Producers are idempotent (acks=all, one request in flight, so a retried
 * send cannot duplicate or reorder), one per lane of partitions (kafka-publisher.ts). kafkajs has no
 * linger setting, so publishes that arrive while a produce request is in flight are coalesced into the
 * next one: under load batches grow on their own, and an idle publish goes out at once (or after
 * `lingerMs`, when set). Handler failures follow failure-policy.ts.
 */
export class KafkaEventBus implements EventBus {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private readonly consumers = new Set<Consumer>();
  /** Topics of each group with a live subscription here, for consumerLag(). */
  private readonly groups = new Map<string, Set<string>>();
  private admin: Promise<Admin> | null = null;
  private readonly publisher: LanePublisher;
  private readonly policy: FailurePolicy;

  constructor(private readonly options: KafkaEventBusOptions) {
    this.kafka = new Kafka(kafkaClientConfig(options));
    this.publisher = new LanePublisher(this.kafka, (fn) => this.withAdmin(fn), {
      maxBatch: options.maxProduceBatch ?? 1000,
      lingerMs: options.lingerMs ?? 0,
      lanes: options.producerLanes ?? 6,
      publishTimeoutMs: options.publishTimeoutMs ?? 15_000,
    });
    this.policy = new FailurePolicy(options.policy);
  }

  async ensureTopics(topics: readonly string[], partitions = 3): Promise<void> {
    // Its own admin with kafkajs's full retries: start-up may meet a cluster still electing leaders.
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await ensureTopicsOn(admin, topics, {
        partitions,
        ...(this.options.replicationFactor !== undefined ? { replicationFactor: this.options.replicationFactor } : {}),
        ...(this.options.minInsyncReplicas !== undefined ? { minInsyncReplicas: this.options.minInsyncReplicas } : {}),
        log: (message, extra) => this.options.onLog?.('info', message, extra),
      });
      const { topics: meta } = await admin.fetchTopicMetadata({ topics: [...topics] });
      // ensureTopicsOn saw at least `partitions` on one broker; another may not have heard yet.
      for (const t of meta) this.publisher.rememberPartitions(t.name, Math.max(t.partitions.length, partitions));
    } finally {
      await admin.disconnect();
    }
  }

  /** Until every partition of `topics` has a leader that answers (tests, and after a cluster change). */
  async awaitTopics(topics: readonly string[], timeoutMs = 30_000): Promise<void> {
    await this.withAdmin((a) => awaitLeaders(a, topics, timeoutMs));
  }

  publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    return this.publisher.publish(topic, messages);
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      rebalanceTimeout: 15_000,
      // A fetch waits for 16 KB or 25 ms by default, whichever comes first: under load each fetch carries
      // dozens of records instead of one or two (the broker's CPU per request was the largest in the
      // pipeline), while an idle topic adds at most the wait (docs/performance.md).
      maxWaitTimeInMs: this.options.fetchMaxWaitMs ?? 25,
      minBytes: this.options.fetchMinBytes ?? 16 * 1024,
      // Raised fetch sizes: the defaults halve consume speed (measured, see shared notes).
      maxBytesPerPartition: 4 * 1024 * 1024,
      maxBytes: 16 * 1024 * 1024,
      retry: { initialRetryTime: 100, retries: 10 },
      ...(this.options.rack ? { rackId: this.options.rack } : {}),
    });
    // Ready only once the coordinator has made this consumer a member of its group: a consumer that
    // is connected but still waiting to join (another member holding up a rebalance) consumes nothing.
    let ready = false;
    const notReady = () => {
      ready = false;
    };
    // What this member holds, and each topic's partition count, so ownsKey() can say which practices
    // (message keys) are this replica's: it exports their gauges, the others do not.
    let assigned: Record<string, number[]> = {};
    const partitionCounts = new Map<string, number>();
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      ready = true;
      assigned = e.payload.memberAssignment;
      void this.withAdmin((a) => a.fetchTopicMetadata({ topics: [...options.topics] }))
        .then((md) => {
          for (const t of md.topics) partitionCounts.set(t.name, t.partitions.length);
        })
        .catch(() => undefined); // unknown until the next join: ownsKey() answers undefined meanwhile
    });
    consumer.on(consumer.events.CRASH, notReady);
    consumer.on(consumer.events.STOP, notReady);
    consumer.on(consumer.events.DISCONNECT, notReady);
    await consumer.connect();
    this.consumers.add(consumer);
    const topics = this.groups.get(options.groupId) ?? new Set<string>();
    for (const t of options.topics) topics.add(t);
    this.groups.set(options.groupId, topics);
    for (const topic of options.topics) {
      await consumer.subscribe({ topic, fromBeginning: true });
      this.options.failures?.subscribed?.({ topic, group: options.groupId });
    }
    const max = options.maxBatchSize ?? 500;
    await consumer.run({
      // Partitions handled at once (docs/decisions/0007-consumer-concurrency.md): order within each is kept.
      partitionsConsumedConcurrently: this.options.partitionsConcurrently ?? 6,
      eachBatchAutoResolve: false,
      autoCommit: true,
      autoCommitInterval: 500,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary }) => {
        const all = batch.messages;
        const context = { heartbeat, isStale: () => !isRunning() || isStale() };
        for (let i = 0; i < all.length; i += max) {
          if (context.isStale()) return;
          const slice = all.slice(i, i + max);
          const messages: ConsumedMessage[] = slice.map((m) => ({
            topic: batch.topic,
            partition: batch.partition,
            offset: m.offset,
            key: m.key ? m.key.toString() : null,
            value: m.value ? m.value.toString() : '',
            headers: Object.fromEntries(
              Object.entries(m.headers ?? {}).map(([k, v]) => [
                k,
                Array.isArray(v) ? String(v[0]) : v ? v.toString() : '',
              ]),
            ),
            timestamp: Number(m.timestamp),
          }));
          // The policy retries, splits and dead-letters (failure-policy.ts); it never throws to kafkajs,
          // which would crash the consumer for good on a `retriable: false` error. Offsets are resolved
          // as parts finish; a stale batch stops there and the rest is delivered again.
          const finished = await this.policy.run(messages, {
            group: options.groupId,
            handle: options.handleBatch,
            context,
            publish: (t, ms) => this.publish(t, ms),
            ...(this.options.failures ? { reporter: this.options.failures } : {}),
            done: (last) => resolveOffset(last.offset),
          });
          if (!finished) return;
          await commitOffsetsIfNecessary();
          await heartbeat();
        }
      },
    });
    return {
      stop: async () => {
        this.consumers.delete(consumer);
        this.groups.delete(options.groupId);
        // kafkajs lets the batch in hand finish, commits the offsets it resolved, then leaves the group.
        await consumer.disconnect();
      },
      isReady: () => ready,
      ownsKey: (key: string) => {
        const topic = options.topics[0]!;
        const count = partitionCounts.get(topic);
        if (!ready || count === undefined) return undefined;
        return (assigned[topic] ?? []).includes(partitionOf(topic, key, count));
      },
    };
  }

  /**
   * One admin connection, kept for readiness probes and lag polls (a new connection per probe would
   * churn the broker). Few retries: a probe must answer "not ready" quickly rather than hang. A failed
   * call drops the connection so the next one starts afresh.
   */
  private async withAdmin<T>(fn: (admin: Admin) => Promise<T>): Promise<T> {
    if (!this.admin) {
      const admin = this.kafka.admin({ retry: { initialRetryTime: 100, retries: 1, maxRetryTime: 1000 } });
      this.admin = admin.connect().then(() => admin);
    }
    const current = this.admin;
    try {
      return await fn(await current);
    } catch (e) {
      if (this.admin === current) this.admin = null;
      await current.then((a) => a.disconnect()).catch(() => undefined);
      throw e;
    }
  }

  async healthy(): Promise<boolean> {
    try {
      await this.withAdmin((a) => a.describeCluster());
      return true;
    } catch {
      return false;
    }
  }

  /** Lag from the group's committed offsets (what a restarted consumer would resume from), not its in-memory position. */
  async consumerLag(): Promise<PartitionLag[]> {
    const groups = [...this.groups].map(([group, topics]) => ({ group, topics: [...topics] }));
    if (groups.length === 0) return [];
    return this.withAdmin(async (admin) => {
      const topics = [...new Set(groups.flatMap((g) => g.topics))];
      const ends = new Map<string, { high: number; low: number }>();
      for (const topic of topics) {
        for (const p of await admin.fetchTopicOffsets(topic))
          ends.set(`${topic}/${p.partition}`, { high: Number(p.high), low: Number(p.low) });
      }
      const lags: PartitionLag[] = [];
      for (const { group, topics: ts } of groups) {
        for (const t of await admin.fetchOffsets({ groupId: group, topics: ts })) {
          for (const p of t.partitions) {
            const end = ends.get(`${t.topic}/${p.partition}`);
            if (!end) continue;
            const committed = Number(p.offset);
            // -1: nothing committed yet, so the group starts from the earliest retained message.
            const from = committed < 0 ? end.low : committed;
            lags.push({ group, topic: t.topic, partition: p.partition, lag: Math.max(0, end.high - from) });
          }
        }
      }
      return lags;
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((c) => c.disconnect().catch(() => undefined)));
    this.consumers.clear();
    await this.publisher.close();
    this.groups.clear();
    const admin = this.admin;
    this.admin = null;
    if (admin) await admin.then((a) => a.disconnect()).catch(() => undefined);
  }
}

const defaultPartitioner = Partitioners.DefaultPartitioner();

/** The partition the producer's partitioner (kafkajs' default, Java-compatible murmur2) puts `key` on. */
export function partitionOf(topic: string, key: string, count: number): number {
  const partitionMetadata = Array.from({ length: count }, (_, partitionId) => ({
    partitionId,
    leader: 0,
    replicas: [0],
    isr: [0],
    partitionErrorCode: 0,
  }));
  return defaultPartitioner({ topic, partitionMetadata, message: { key, value: null } });
}
