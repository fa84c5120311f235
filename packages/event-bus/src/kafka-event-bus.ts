import {
  CompressionTypes,
  Kafka,
  logLevel,
  Partitioners,
  type Admin,
  type Consumer,
  type KafkaConfig,
  type Producer,
  type TopicMessages,
} from 'kafkajs';
import {
  BusError,
  type ConsumedMessage,
  type EventBus,
  type OutgoingMessage,
  type PartitionLag,
  type SubscribeOptions,
  type Subscription,
} from './event-bus';

export interface KafkaEventBusOptions {
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
}

interface Pending {
  topic: string;
  messages: OutgoingMessage[];
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * kafkajs behind our EventBus. The producer is idempotent (acks=all, one request in flight, so a
 * retried send cannot duplicate or reorder). kafkajs has no linger setting, so publishes that arrive
 * while a produce request is in flight are coalesced into the next one: under load batches grow on
 * their own, and an idle publish goes out at once (or after `lingerMs`, when set).
 */
export class KafkaEventBus implements EventBus {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private producer: Producer | null = null;
  private producerConnecting: Promise<Producer> | null = null;
  private readonly consumers = new Set<Consumer>();
  /** Topics of each group with a live subscription here, for consumerLag(). */
  private readonly groups = new Map<string, Set<string>>();
  private admin: Promise<Admin> | null = null;
  private queue: Pending[] = [];
  private flushing = false;
  private readonly maxBatch: number;

  constructor(private readonly options: KafkaEventBusOptions) {
    this.maxBatch = options.maxProduceBatch ?? 1000;
    const onLog = options.onLog;
    const config: KafkaConfig = {
      clientId: options.clientId,
      brokers: options.brokers,
      connectionTimeout: options.connectionTimeoutMs ?? 3000,
      retry: { initialRetryTime: 100, retries: 8, maxRetryTime: 5000 },
      logLevel: logLevel.WARN,
      logCreator:
        () =>
        ({ level, log }) => {
          if (!onLog) return;
          const { message, ...extra } = log;
          const lvl = level === logLevel.ERROR ? 'error' : level === logLevel.WARN ? 'warn' : 'info';
          onLog(lvl, String(message), extra);
        },
    };
    this.kafka = new Kafka(config);
  }

  async ensureTopics(topics: readonly string[], partitions = 3): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((t) => !existing.has(t));
      if (missing.length > 0) {
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })),
        });
      }
    } finally {
      await admin.disconnect();
    }
  }

  publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ topic, messages, resolve, reject });
      void this.flush();
    });
  }

  private async getProducer(): Promise<Producer> {
    if (this.producer) return this.producer;
    if (!this.producerConnecting) {
      const p = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
      this.producerConnecting = p
        .connect()
        .then(() => {
          this.producer = p;
          return p;
        })
        .finally(() => {
          this.producerConnecting = null;
        });
    }
    return this.producerConnecting;
  }

  private resetProducer(): void {
    const old = this.producer;
    this.producer = null;
    if (old) void old.disconnect().catch(() => undefined);
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      const linger = this.options.lingerMs ?? 0;
      // No waiting when a full produce request is already queued (maxBatch counts messages, not publishes).
      if (linger > 0 && this.queue.reduce((n, p) => n + p.messages.length, 0) < this.maxBatch) await new Promise((r) => setTimeout(r, linger));
      while (this.queue.length > 0) {
        const batch: Pending[] = [];
        let count = 0;
        while (this.queue.length > 0 && (count === 0 || count + this.queue[0]!.messages.length <= this.maxBatch)) {
          const p = this.queue.shift()!;
          batch.push(p);
          count += p.messages.length;
        }
        const byTopic = new Map<string, TopicMessages>();
        for (const p of batch) {
          let tm = byTopic.get(p.topic);
          if (!tm) byTopic.set(p.topic, (tm = { topic: p.topic, messages: [] }));
          for (const m of p.messages) tm.messages.push({ key: m.key, value: m.value, headers: m.headers });
        }
        try {
          const producer = await this.getProducer();
          await producer.sendBatch({ topicMessages: [...byTopic.values()], acks: -1, compression: CompressionTypes.None });
          for (const p of batch) p.resolve();
        } catch (e) {
          const err = new BusError(`publish failed: ${(e as Error).message}`, (e as { retriable?: boolean }).retriable ?? true, { cause: e });
          for (const p of batch) p.reject(err);
          // After a broker crash kafkajs's idempotent producer can be left with sequence numbers the
          // broker refuses ("out of order sequence number") and then fails every later send, for good:
          // found by the Kafka restart fault test, where capacity stopped deciding. The next attempt
          // gets a fresh producer (a new producer id). Nothing is lost: this batch was refused, so its
          // senders retry it (consumers redeliver, intake answered 503).
          this.resetProducer();
        }
      }
    } finally {
      this.flushing = false;
    }
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
    for (const topic of options.topics) await consumer.subscribe({ topic, fromBeginning: true });
    const max = options.maxBatchSize ?? 500;
    await consumer.run({
      // Partitions handled at once (docs/decisions/0007-consumer-concurrency.md): order within each is kept.
      partitionsConsumedConcurrently: this.options.partitionsConcurrently ?? 6,
      eachBatchAutoResolve: false,
      autoCommit: true,
      autoCommitInterval: 500,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary }) => {
        const all = batch.messages;
        for (let i = 0; i < all.length; i += max) {
          if (!isRunning() || isStale()) return;
          const slice = all.slice(i, i + max);
          const messages: ConsumedMessage[] = slice.map((m) => ({
            topic: batch.topic,
            partition: batch.partition,
            offset: m.offset,
            key: m.key ? m.key.toString() : null,
            value: m.value ? m.value.toString() : '',
            headers: Object.fromEntries(
              Object.entries(m.headers ?? {}).map(([k, v]) => [k, Array.isArray(v) ? String(v[0]) : v ? v.toString() : '']),
            ),
            timestamp: Number(m.timestamp),
          }));
          // Throwing here makes kafkajs seek back and redeliver from the last resolved offset. kafkajs
          // honours `retriable: false` by crashing the consumer for good (no restart): whatever the
          // handler's reason, our contract is redelivery, so its error is always handed on as retriable.
          try {
            await options.handleBatch(messages, { heartbeat, isStale: () => !isRunning() || isStale() });
          } catch (e) {
            throw asRetriable(e);
          }
          resolveOffset(slice[slice.length - 1]!.offset);
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
        for (const p of await admin.fetchTopicOffsets(topic)) ends.set(`${topic}/${p.partition}`, { high: Number(p.high), low: Number(p.low) });
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
    while (this.flushing || this.queue.length > 0) await new Promise((r) => setTimeout(r, 5));
    if (this.producer) await this.producer.disconnect().catch(() => undefined);
    this.producer = null;
    this.groups.clear();
    const admin = this.admin;
    this.admin = null;
    if (admin) await admin.then((a) => a.disconnect()).catch(() => undefined);
  }
}

/**
 * The handler's error, marked retriable for kafkajs. No `cause`: kafkajs reads retriability from the
 * innermost cause, which would be the original error again. Name, message and stack are kept for logs.
 */
function asRetriable(e: unknown): Error {
  const err = e instanceof Error ? e : new Error(String(e));
  if ((err as { retriable?: boolean }).retriable !== false) return err;
  return Object.assign(new Error(err.message), { name: err.name, stack: err.stack, retriable: true });
}

const defaultPartitioner = Partitioners.DefaultPartitioner();

/** The partition the producer's partitioner (kafkajs' default, Java-compatible murmur2) puts `key` on. */
export function partitionOf(topic: string, key: string, count: number): number {
  const partitionMetadata = Array.from({ length: count }, (_, partitionId) => ({ partitionId, leader: 0, replicas: [0], isr: [0], partitionErrorCode: 0 }));
  return defaultPartitioner({ topic, partitionMetadata, message: { key, value: null } });
}
