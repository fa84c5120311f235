/**
 * The event bus every service talks to. Kafka in production, in-process for the embedded default;
 * both pass one contract suite (event-bus.contract.ts).
 *
 * Semantics (Kafka's, which the in-process bus copies):
 * - `publish` resolves only once every message is durably accepted by the bus; it rejects otherwise,
 *   and then the caller must not tell anyone the message was taken.
 * - Messages with the same key keep their order.
 * - Delivery is at least once: a handler that throws gets the same batch again (after a back-off),
 *   and offsets are committed only after the handler resolves. Handlers must be idempotent.
 */
export interface OutgoingMessage {
  key: string;
  value: string;
  headers?: Record<string, string>;
}

export interface ConsumedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
  /** Milliseconds since the epoch when the bus took the message. */
  timestamp: number;
}

/**
 * What a handler can do while it works on a batch. A handler that may take longer than the
 * consumer's session timeout (a notifier backing off from a provider) calls `heartbeat()` so the
 * group does not think it died, and checks `isStale()` to stop early once its partitions moved on.
 */
export interface BatchContext {
  heartbeat(): Promise<void>;
  isStale(): boolean;
}

export type BatchHandler = (messages: ConsumedMessage[], context?: BatchContext) => Promise<void>;

export interface SubscribeOptions {
  groupId: string;
  topics: string[];
  handleBatch: BatchHandler;
  /** Most messages handed to one handler call. */
  maxBatchSize?: number;
}

export interface Subscription {
  /** Stops fetching, lets the batch in hand finish and commits its offsets. */
  stop(): Promise<void>;
  /** True once the consumer has joined its group and has partitions (or, in-process, is running). */
  isReady(): boolean;
  /**
   * Whether messages with this key on the subscription's first topic land on a partition this
   * consumer holds now: true, false, or undefined while that is not known (not yet joined, or the
   * topic's partition count not yet read). Absent on a bus with one consumer per group (in-process).
   */
  ownsKey?(key: string): boolean | undefined;
}

/** How far one consumer group is behind the end of one topic-partition, from its committed offset. */
export interface PartitionLag {
  group: string;
  topic: string;
  partition: number;
  /** Messages published but not yet committed by the group (never negative). */
  lag: number;
}

export interface EventBus {
  readonly kind: 'kafka' | 'in-process';
  ensureTopics(topics: readonly string[], partitions?: number): Promise<void>;
  publish(topic: string, messages: OutgoingMessage[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** Whether the bus can be reached now (readiness). */
  healthy(): Promise<boolean>;
  /**
   * Lag of every group this bus instance consumes for (its live subscriptions), per topic-partition.
   * Rejects when the bus cannot be asked (the caller keeps its last figures and tries again).
   */
  consumerLag(): Promise<PartitionLag[]>;
  close(): Promise<void>;
}

/** An infrastructure failure (never a business outcome). `retriable` tells consumers whether to try again. */
export class BusError extends Error {
  constructor(
    message: string,
    readonly retriable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BusError';
  }
}
