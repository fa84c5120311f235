/**
 * What a handler failure does, decided in one place for both buses (docs/decisions/0021-handler-failure-policy.md):
 * - a retriable error backs off (bounded exponential) and the batch is tried again;
 * - a batch that fails `maxAttempts` times in a row, or fails with a non-retriable error, is split in
 *   two and each half tried in order, down to the one failing message;
 * - that one message goes to `<topic>.dlq` with its error when the error is non-retriable, and the
 *   partition moves on; a single message failing retriably keeps backing off (an outage of the store
 *   must never empty a topic into its dead-letter topic).
 * Every failure is reported (counted and logged by the caller's reporter). Order within the batch is
 * kept: a half is only tried once everything before it is handled or dead-lettered.
 */
import { deadLetterTopic, type DeadLetterV1 } from '@sluice/contracts';
import type { BatchContext, BatchHandler, ConsumedMessage, OutgoingMessage } from './event-bus';

export interface HandlerFailure {
  topic: string;
  group: string;
  partition: number;
  /** Offset of the first message of the batch that failed, and how many it held. */
  offset: string;
  messages: number;
  retriable: boolean;
  /** Consecutive failures of this batch, the first being 1. */
  attempt: number;
  error: string;
  /** Set when this failure sent the message to the dead-letter topic. */
  deadLettered?: boolean;
}

/** Where a bus tells of handler failures: counted as sluice_handler_failures_total and logged by the wiring. */
export interface FailureReporter {
  /** Once per topic and group at subscribe, so counters exist (at zero) before any failure. */
  subscribed?(labels: { topic: string; group: string }): void;
  failed(failure: HandlerFailure): void;
}

export interface FailurePolicyOptions {
  /** Consecutive failures of a batch of several messages before it is split (default 3). */
  maxAttempts?: number;
  /** First back-off (default 100 ms), doubled per failure up to `maxBackoffMs` (default 5 s). */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

export interface PolicyRun {
  group: string;
  handle: BatchHandler;
  context: BatchContext;
  publish: (topic: string, messages: OutgoingMessage[]) => Promise<void>;
  reporter?: FailureReporter;
  /** Called in order with the last message of every part handled or dead-lettered (Kafka resolves its offset). */
  done?: (last: ConsumedMessage) => void;
  now?: () => Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ODS = /^[A-Z]\d{5}$/;

export function isRetriable(e: unknown): boolean {
  return (e as { retriable?: unknown } | null)?.retriable !== false;
}

/** An error's name and message, bounded: handler errors are ours (store, bus), never payload text. */
function describe(e: unknown): string {
  const err = e instanceof Error ? e : new Error(String(e));
  return `${err.name}: ${err.message}`.slice(0, 500);
}

/** The dead letter of a message a handler could not take: ids only, never the payload. */
export function handlerDeadLetter(message: ConsumedMessage, error: string, at: Date): DeadLetterV1 {
  let raw: unknown;
  try {
    raw = JSON.parse(message.value);
  } catch {
    raw = null;
  }
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  return {
    type: 'dead-letter',
    version: 1,
    sourceTopic: message.topic,
    partition: message.partition,
    offset: message.offset,
    key: message.key !== null && ODS.test(message.key) ? message.key : null,
    error: `handler failed: ${error}`,
    ...(typeof r.id === 'string' && UUID.test(r.id) ? { requestId: r.id } : {}),
    ...(typeof r.practice === 'string' && ODS.test(r.practice) ? { practice: r.practice } : {}),
    at: at.toISOString(),
  };
}

export class FailurePolicy {
  readonly maxAttempts: number;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;

  constructor(options: FailurePolicyOptions = {}) {
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.initialBackoffMs = options.initialBackoffMs ?? 100;
    this.maxBackoffMs = options.maxBackoffMs ?? 5000;
  }

  backoffMs(attempt: number): number {
    return Math.min(this.maxBackoffMs, this.initialBackoffMs * 2 ** Math.max(0, attempt - 1));
  }

  /**
   * Handles `messages` under the policy. Resolves once every message is handled or dead-lettered,
   * or returns early (false) when the context goes stale (the consumer stops or loses the partition):
   * what was not `done` is then delivered again.
   */
  async run(messages: ConsumedMessage[], run: PolicyRun): Promise<boolean> {
    if (messages.length === 0) return true;
    for (let attempt = 1; ; attempt++) {
      if (run.context.isStale()) return false;
      let failure: unknown;
      try {
        await run.handle(messages, run.context);
        run.done?.(messages[messages.length - 1]!);
        return true;
      } catch (e) {
        failure = e;
      }
      const retriable = isRetriable(failure);
      const first = messages[0]!;
      const report: HandlerFailure = {
        topic: first.topic,
        group: run.group,
        partition: first.partition,
        offset: first.offset,
        messages: messages.length,
        retriable,
        attempt,
        error: describe(failure),
      };
      if (messages.length > 1 && (!retriable || attempt >= this.maxAttempts)) {
        run.reporter?.failed(report);
        const half = Math.ceil(messages.length / 2);
        if (!(await this.run(messages.slice(0, half), run))) return false;
        return this.run(messages.slice(half), run);
      }
      if (messages.length === 1 && !retriable) {
        run.reporter?.failed({ ...report, deadLettered: true });
        return this.deadLetter(first, report.error, run);
      }
      run.reporter?.failed(report);
      if (!(await this.pause(this.backoffMs(attempt), run.context))) return false;
    }
  }

  /** Publishes the dead letter, backing off while the bus refuses it (the partition waits: nothing is dropped). */
  private async deadLetter(message: ConsumedMessage, error: string, run: PolicyRun): Promise<boolean> {
    const letter = handlerDeadLetter(message, error, (run.now ?? (() => new Date()))());
    for (let attempt = 1; ; attempt++) {
      try {
        await run.publish(deadLetterTopic(message.topic), [
          { key: letter.practice ?? letter.key ?? 'unknown', value: JSON.stringify(letter) },
        ]);
        run.done?.(message);
        return true;
      } catch {
        if (!(await this.pause(this.backoffMs(attempt), run.context))) return false;
      }
    }
  }

  /** Sleeps `ms`, heartbeating each second; false when the context went stale meanwhile. */
  private async pause(ms: number, context: BatchContext): Promise<boolean> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (context.isStale()) return false;
      await new Promise((r) => setTimeout(r, Math.min(1000, until - Date.now())));
      await context.heartbeat().catch(() => undefined);
    }
    return !context.isStale();
  }
}
