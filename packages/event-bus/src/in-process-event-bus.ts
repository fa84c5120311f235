import type {
  ConsumedMessage,
  EventBus,
  OutgoingMessage,
  PartitionLag,
  SubscribeOptions,
  Subscription,
} from './event-bus';
import { FailurePolicy, type FailurePolicyOptions, type FailureReporter } from './failure-policy';

interface Entry extends ConsumedMessage {
  seq: number;
}

interface Group {
  id: string;
  topics: Set<string>;
  /** Next offset to deliver, per topic (one partition per topic in-process). */
  cursor: Map<string, number>;
  options: SubscribeOptions;
  running: boolean;
  draining: Promise<void> | null;
  wake: () => void;
}

export interface InProcessEventBusOptions {
  /** Told of every handler failure (counted and logged by the wiring). */
  failures?: FailureReporter;
  policy?: FailurePolicyOptions;
}

/**
 * Messages kept of a topic no group has subscribed to (the notifier's result events, in the embedded
 * default): the newest, as a Kafka topic's retention keeps them for a group that subscribes later.
 * Without a bound such a topic grew by every message for as long as the process ran (the soak's
 * embedded RSS rose all through its ten minutes).
 */
export const UNREAD_RETAINED = 10_000;

/**
 * The embedded default's bus: one partition per topic, every group sees every message, a batch whose
 * handler throws is redelivered after a back-off (at-least-once, like Kafka). Messages are trimmed once
 * every group subscribed to the topic has consumed them, and a topic nobody reads keeps only its newest
 * UNREAD_RETAINED, so memory stays flat under a long run.
 */
export class InProcessEventBus implements EventBus {
  readonly kind = 'in-process' as const;
  private readonly logs = new Map<string, { base: number; entries: Entry[] }>();
  private readonly groups = new Map<string, Group>();
  /** Committed offsets by group, kept across stop/subscribe as Kafka keeps them. */
  private readonly committed = new Map<string, Map<string, number>>();
  private closed = false;
  private readonly policy: FailurePolicy;

  constructor(private readonly options: InProcessEventBusOptions = {}) {
    // Short back-offs by default: in one process a retry costs nothing but the wait.
    this.policy = new FailurePolicy({ initialBackoffMs: 10, maxBackoffMs: 1000, ...options.policy });
  }

  async ensureTopics(topics: readonly string[]): Promise<void> {
    for (const t of topics) this.log(t);
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (this.closed) throw new Error('event bus is closed');
    const log = this.log(topic);
    const now = Date.now();
    for (const m of messages) {
      const offset = log.base + log.entries.length;
      log.entries.push({
        topic,
        partition: 0,
        offset: String(offset),
        key: m.key,
        value: m.value,
        headers: { ...(m.headers ?? {}) },
        timestamp: now,
        seq: offset,
      });
    }
    if (log.entries.length > UNREAD_RETAINED + 1024 && !this.read(topic)) {
      const drop = log.entries.length - UNREAD_RETAINED;
      log.entries.splice(0, drop);
      log.base += drop;
    }
    for (const g of this.groups.values()) if (g.topics.has(topic)) g.wake();
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    if (this.groups.has(options.groupId)) {
      throw new Error(`in-process bus: group ${options.groupId} already has a consumer`);
    }
    const group: Group = {
      id: options.groupId,
      topics: new Set(options.topics),
      cursor: this.cursorsFor(options.groupId, options.topics),
      options,
      running: true,
      draining: null,
      wake: () => undefined,
    };
    group.wake = () => {
      if (!group.running || group.draining) return;
      group.draining = this.drain(group).finally(() => {
        group.draining = null;
        if (group.running && this.pending(group)) group.wake();
      });
    };
    this.groups.set(group.id, group);
    for (const topic of options.topics) this.options.failures?.subscribed?.({ topic, group: group.id });
    setImmediate(group.wake);
    return {
      stop: async () => {
        group.running = false;
        await group.draining;
        this.groups.delete(group.id);
      },
      isReady: () => group.running,
    };
  }

  async healthy(): Promise<boolean> {
    return !this.closed;
  }

  async consumerLag(): Promise<PartitionLag[]> {
    const lags: PartitionLag[] = [];
    for (const g of this.groups.values()) {
      for (const topic of g.topics) {
        const log = this.log(topic);
        const end = log.base + log.entries.length;
        lags.push({ group: g.id, topic, partition: 0, lag: Math.max(0, end - (g.cursor.get(topic) ?? log.base)) });
      }
    }
    return lags;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const g of this.groups.values()) g.running = false;
    await Promise.all([...this.groups.values()].map((g) => g.draining));
    this.groups.clear();
  }

  /** Messages held, for tests and the soak benchmark. */
  retained(): number {
    let n = 0;
    for (const l of this.logs.values()) n += l.entries.length;
    return n;
  }

  private cursorsFor(groupId: string, topics: string[]): Map<string, number> {
    const c = this.committed.get(groupId) ?? new Map<string, number>();
    for (const t of topics) if (!c.has(t)) c.set(t, this.log(t).base);
    this.committed.set(groupId, c);
    return c;
  }

  /** Whether any group reads the topic, now or from a committed offset (a stopped group resumes there). */
  private read(topic: string): boolean {
    for (const c of this.committed.values()) if (c.has(topic)) return true;
    return false;
  }

  private log(topic: string) {
    let l = this.logs.get(topic);
    if (!l) {
      l = { base: 0, entries: [] };
      this.logs.set(topic, l);
    }
    return l;
  }

  private pending(group: Group): boolean {
    for (const t of group.topics) {
      const l = this.log(t);
      if ((group.cursor.get(t) ?? 0) < l.base + l.entries.length) return true;
    }
    return false;
  }

  private async drain(group: Group): Promise<void> {
    const max = group.options.maxBatchSize ?? 500;
    const context = { heartbeat: async () => undefined, isStale: () => !group.running };
    for (const topic of group.topics) {
      const log = this.log(topic);
      while (group.running) {
        const from = (group.cursor.get(topic) ?? 0) - log.base;
        const batch = log.entries.slice(from, from + max);
        if (batch.length === 0) break;
        // At-least-once, as Kafka: a failed batch comes again after a back-off, split down to the
        // message that fails; that one is dead-lettered when its error is not retriable (failure-policy.ts).
        const finished = await this.policy.run(
          batch.map(({ seq: _seq, ...m }) => ({ ...m, headers: { ...m.headers } })),
          {
            group: group.id,
            handle: group.options.handleBatch,
            context,
            publish: (t, ms) => this.publish(t, ms),
            ...(this.options.failures ? { reporter: this.options.failures } : {}),
            done: (last) => group.cursor.set(topic, Number(last.offset) + 1),
          },
        );
        this.trim(topic);
        if (!finished) return;
      }
    }
  }

  /** Drops entries every subscribed group has consumed. */
  private trim(topic: string): void {
    const log = this.log(topic);
    let min = log.base + log.entries.length;
    for (const c of this.committed.values()) {
      const at = c.get(topic);
      if (at !== undefined) min = Math.min(min, at);
    }
    const drop = min - log.base;
    if (drop > 1024 || (drop > 0 && drop === log.entries.length)) {
      log.entries.splice(0, drop);
      log.base = min;
    }
  }
}
