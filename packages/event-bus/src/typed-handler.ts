import { deadLetterTopic, type DeadLetterV1 } from '@sluice/contracts';
import type { z } from 'zod';
import type { BatchContext, BatchHandler, ConsumedMessage, EventBus } from './event-bus';

export interface Parsed<T> {
  message: ConsumedMessage;
  event: T;
}

export interface TypedHandlerOptions<S extends z.ZodType> {
  bus: EventBus;
  schema: S;
  handle: (events: Parsed<z.output<S>>[], context: BatchContext) => Promise<void>;
  /** Told of each dead letter (for metrics and logs); never given the payload. */
  onDeadLetter?: (letter: DeadLetterV1) => void;
  now?: () => Date;
}

/** In-process buses have no session to keep alive. */
const NO_CONTEXT: BatchContext = { heartbeat: async () => undefined, isStale: () => false };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ODS = /^[A-Z]\d{5}$/;

/**
 * Parses every consumed message with its contract schema. A message that is not JSON or fails the
 * schema is a poison record: it goes to `<topic>.dlq` with the error (and only the request id and
 * practice code, when those can be read), and the rest of the batch carries on. The dead letter is
 * published before the batch's offsets are committed, so it is never lost either.
 */
export function typedBatchHandler<S extends z.ZodType>(options: TypedHandlerOptions<S>): BatchHandler {
  const now = options.now ?? (() => new Date());
  return async (messages, context = NO_CONTEXT) => {
    const good: Parsed<z.output<S>>[] = [];
    const letters = new Map<string, { key: string; value: string }[]>();
    for (const message of messages) {
      let raw: unknown;
      let error: string | null = null;
      try {
        raw = JSON.parse(message.value);
      } catch (e) {
        // Only where it failed: V8's message quotes the text around the fault, which may be patient data.
        const at = /position (\d+)/.exec((e as Error).message);
        error = at ? `not JSON (at position ${at[1]})` : 'not JSON';
      }
      if (error === null) {
        const result = options.schema.safeParse(raw);
        if (result.success) {
          good.push({ message, event: result.data });
          continue;
        }
        // Paths and messages only: zod's issue list can echo input values, which may be patient data.
        error = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.code}`).join('; ');
      }
      const ids = readIds(raw);
      const letter: DeadLetterV1 = {
        type: 'dead-letter',
        version: 1,
        sourceTopic: message.topic,
        partition: message.partition,
        offset: message.offset,
        key: message.key !== null && ODS.test(message.key) ? message.key : null,
        error: error ?? 'unknown',
        ...ids,
        at: now().toISOString(),
      };
      const topic = deadLetterTopic(message.topic);
      const list = letters.get(topic) ?? [];
      list.push({ key: letter.practice ?? letter.key ?? 'unknown', value: JSON.stringify(letter) });
      letters.set(topic, list);
      options.onDeadLetter?.(letter);
    }
    for (const [topic, list] of letters) await options.bus.publish(topic, list);
    if (good.length > 0) await options.handle(good, context);
  };
}

function readIds(raw: unknown): { requestId?: string; practice?: string } {
  if (typeof raw !== 'object' || raw === null) return {};
  const r = raw as Record<string, unknown>;
  return {
    ...(typeof r.id === 'string' && UUID.test(r.id) ? { requestId: r.id } : {}),
    ...(typeof r.practice === 'string' && ODS.test(r.practice) ? { practice: r.practice } : {}),
  };
}
