// Reads what Sluice published, without parsing a single payload: the request id travels in the
// `request-id` header of both topics, and the record timestamps (set by each producer from the real
// clock) give intake-publish → decision-publish latency whatever SLUICE_NOW says.
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { randomUUID } from 'node:crypto';

export interface Seen {
  /** First timestamp (ms) of the record carrying this id. */
  first: number;
  count: number;
}

export class TopicWatcher {
  readonly seen = new Map<string, Seen>();
  private consumer: Consumer | null = null;

  constructor(
    private readonly brokers: string,
    private readonly topic: string,
  ) {}

  async start(): Promise<void> {
    const kafka = new Kafka({ clientId: 'bench-watch', brokers: [this.brokers], logLevel: logLevel.NOTHING });
    // Big, lazy fetches: the watcher only counts ids and reads producer timestamps, so when it reads does
    // not matter, while every fetch it makes is broker CPU charged to Sluice's figure.
    const consumer = kafka.consumer({
      groupId: `bench-watch-${randomUUID()}`,
      minBytes: 256 << 10,
      maxWaitTimeInMs: 250,
      maxBytesPerPartition: 8 << 20,
      maxBytes: 32 << 20,
    });
    this.consumer = consumer;
    let joined = false;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      joined = true;
    });
    await consumer.connect();
    await consumer.subscribe({ topic: this.topic, fromBeginning: true });
    await consumer.run({
      partitionsConsumedConcurrently: 6,
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages) {
          const h = m.headers?.['request-id'];
          if (!h) continue;
          const id = h.toString();
          const s = this.seen.get(id);
          if (s) s.count += 1;
          else this.seen.set(id, { first: Number(m.timestamp), count: 1 });
        }
      },
    });
    const t0 = Date.now();
    while (!joined && Date.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 50));
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

/** Waits until every id is seen (or the timeout); resolves with how many were. */
export async function waitSeen(w: TopicWatcher, ids: string[], timeoutMs: number): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    const n = ids.reduce((k, id) => k + (w.seen.has(id) ? 1 : 0), 0);
    if (n === ids.length || Date.now() - t0 > timeoutMs) return n;
    await new Promise((r) => setTimeout(r, 200));
  }
}
