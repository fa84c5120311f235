/**
 * Publishing so that one unavailable partition fails only its own keys (decision 0019). Each message's
 * partition is chosen here, with kafkajs's own (Java-compatible murmur2) partitioner, and every
 * partition is sent through one of a few lanes, each with its own idempotent producer and its own
 * queue. A leaderless partition holds up its lane only; the others go on. A publish waits at most
 * `publishTimeoutMs`: past that it is refused (retriable) and what of it had not been sent yet is
 * dropped from the queue, so a caller told "no" is never left with a message that goes out later,
 * except one already in flight (which the fault tests count as "decided though refused").
 */
import { CompressionTypes, Partitioners, type Admin, type Kafka, type Producer, type TopicMessages } from 'kafkajs';
import { BusError, type OutgoingMessage } from './event-bus';

interface Pending {
  topic: string;
  partition: number;
  messages: OutgoingMessage[];
  settled: boolean;
  resolve: () => void;
  reject: (e: unknown) => void;
}

interface Lane {
  producer: Producer | null;
  connecting: Promise<Producer> | null;
  queue: Pending[];
  flushing: boolean;
}

export interface PublisherOptions {
  maxBatch: number;
  lingerMs: number;
  lanes: number;
  publishTimeoutMs: number;
  /** How long a topic's partition count is trusted before it is read again (it grows: decision 0020). */
  partitionsTtlMs?: number;
}

const partitioner = Partitioners.DefaultPartitioner();

export class LanePublisher {
  private readonly lanes: Lane[];
  private readonly partitionCounts = new Map<string, { n: number; at: number }>();

  constructor(
    private readonly kafka: Kafka,
    private readonly withAdmin: <T>(fn: (a: Admin) => Promise<T>) => Promise<T>,
    private readonly o: PublisherOptions,
  ) {
    this.lanes = Array.from({ length: Math.max(1, o.lanes) }, () => ({
      producer: null,
      connecting: null,
      queue: [],
      flushing: false,
    }));
  }

  /** Partition count of a topic, cached (set by ensureTopics, else read once per TTL). */
  rememberPartitions(topic: string, n: number): void {
    // A topic's partitions only ever grow; a broker that has not heard of a growth yet reports the old
    // count, which must not send keys back to the old partitions.
    this.partitionCounts.set(topic, { n: Math.max(n, this.partitionCounts.get(topic)?.n ?? 0), at: Date.now() });
  }

  private async partitions(topic: string): Promise<number> {
    const known = this.partitionCounts.get(topic);
    if (known && Date.now() - known.at < (this.o.partitionsTtlMs ?? 60_000)) return known.n;
    try {
      const { topics } = await this.withAdmin((a) => a.fetchTopicMetadata({ topics: [topic] }));
      const n = topics[0]?.partitions.length ?? 0;
      if (n > 0) this.rememberPartitions(topic, n);
      if (n > 0 || !known) return n;
    } catch (e) {
      if (!known) throw e;
    }
    return known.n;
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const deadline = Date.now() + this.o.publishTimeoutMs;
    let n: number;
    try {
      n = await this.partitions(topic);
    } catch (e) {
      throw new BusError(`publish failed: cannot read ${topic}'s partitions: ${(e as Error).message}`, true, {
        cause: e,
      });
    }
    if (n === 0) throw new BusError(`publish failed: topic ${topic} does not exist`, false);
    const meta = Array.from({ length: n }, (_, i) => ({
      partitionId: i,
      leader: 0,
      partitionErrorCode: 0,
      replicas: [],
      isr: [],
    }));
    const byPartition = new Map<number, OutgoingMessage[]>();
    for (const m of messages) {
      const p = partitioner({ topic, partitionMetadata: meta, message: { key: m.key, value: m.value } });
      const list = byPartition.get(p) ?? [];
      list.push(m);
      byPartition.set(p, list);
    }
    const parts: Pending[] = [];
    const done = Promise.all(
      [...byPartition].map(
        ([partition, ms]) =>
          new Promise<void>((resolve, reject) => {
            const p: Pending = { topic, partition, messages: ms, settled: false, resolve, reject };
            parts.push(p);
            const lane = this.lanes[partition % this.lanes.length]!;
            lane.queue.push(p);
            void this.flush(lane);
          }),
      ),
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => {
          // Not yet sent: never sent. In flight: may still land (the broker's answer is what we lack).
          for (const p of parts) {
            if (p.settled) continue;
            p.settled = true;
            for (const lane of this.lanes) lane.queue = lane.queue.filter((q) => q !== p);
          }
          reject(
            new BusError(
              `publish to ${topic} timed out after ${this.o.publishTimeoutMs} ms (partition without a leader?)`,
              true,
            ),
          );
        },
        Math.max(0, deadline - Date.now()),
      );
    });
    try {
      await Promise.race([done, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async producer(lane: Lane): Promise<Producer> {
    if (lane.producer) return lane.producer;
    if (!lane.connecting) {
      // Retries at most a second apart, for about as long as a publish may wait: the client's default
      // (up to 5 s between retries) noticed a new leader seconds after it was elected, and pushed
      // answers past the timeout in the cluster fault test.
      const retry = {
        initialRetryTime: 100,
        maxRetryTime: 1000,
        retries: Math.ceil(this.o.publishTimeoutMs / 1000) + 5,
      };
      const p = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, retry });
      lane.connecting = p
        .connect()
        .then(() => {
          lane.producer = p;
          return p;
        })
        .finally(() => {
          lane.connecting = null;
        });
    }
    return lane.connecting;
  }

  private async flush(lane: Lane): Promise<void> {
    if (lane.flushing) return;
    lane.flushing = true;
    try {
      const linger = this.o.lingerMs;
      // No waiting when a full produce request is already queued (maxBatch counts messages, not publishes).
      if (linger > 0 && lane.queue.reduce((n, p) => n + p.messages.length, 0) < this.o.maxBatch)
        await new Promise((r) => setTimeout(r, linger));
      while (lane.queue.length > 0) {
        const batch: Pending[] = [];
        let count = 0;
        while (lane.queue.length > 0 && (count === 0 || count + lane.queue[0]!.messages.length <= this.o.maxBatch)) {
          const p = lane.queue.shift()!;
          if (p.settled) continue;
          batch.push(p);
          count += p.messages.length;
        }
        if (batch.length === 0) continue;
        const byTopic = new Map<string, TopicMessages>();
        for (const p of batch) {
          let tm = byTopic.get(p.topic);
          if (!tm) byTopic.set(p.topic, (tm = { topic: p.topic, messages: [] }));
          for (const m of p.messages)
            tm.messages.push({
              key: m.key,
              value: m.value,
              partition: p.partition,
              ...(m.headers ? { headers: m.headers } : {}),
            });
        }
        try {
          const producer = await this.producer(lane);
          await producer.sendBatch({
            topicMessages: [...byTopic.values()],
            acks: -1,
            compression: CompressionTypes.None,
          });
          for (const p of batch) {
            p.settled = true;
            p.resolve();
          }
        } catch (e) {
          // Always retriable: kafkajs marks the error of its last retry non-retriable, but for us the
          // same messages can always be sent again. Marked otherwise, a consumer's failed publish made
          // the failure policy dead-letter a request whose place was already reserved (the cluster fault test).
          const err = new BusError(`publish failed: ${(e as Error).message}`, true, { cause: e });
          for (const p of batch) {
            p.settled = true;
            p.reject(err);
          }
          // After a broker crash kafkajs's idempotent producer can be left with sequence numbers the
          // broker refuses ("out of order sequence number") and then fails every later send, for good:
          // found by the Kafka restart fault test, where capacity stopped deciding. The lane's next
          // attempt gets a fresh producer (a new producer id); the other lanes keep theirs. Nothing is
          // lost: this batch was refused, so its senders retry it (consumers redeliver, intake answered 503).
          this.reset(lane);
        }
      }
    } finally {
      lane.flushing = false;
    }
  }

  private reset(lane: Lane): void {
    const old = lane.producer;
    lane.producer = null;
    if (old) void old.disconnect().catch(() => undefined);
  }

  /** Lets queued and in-flight publishes finish, then disconnects every lane's producer. */
  async close(): Promise<void> {
    while (this.lanes.some((l) => l.flushing || l.queue.length > 0)) await new Promise((r) => setTimeout(r, 5));
    await Promise.all(this.lanes.map((l) => l.producer?.disconnect().catch(() => undefined)));
    for (const l of this.lanes) l.producer = null;
  }
}
