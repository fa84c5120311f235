import {
  ConsultationDecidedV1,
  deadLetterTopic,
  TOPICS,
  type DeadLetterV1,
  type NotificationResultV1,
} from '@sluice/contracts';
import type { Clock } from '@sluice/config';
import {
  typedBatchHandler,
  type BatchContext,
  type EventBus,
  type OutgoingMessage,
  type Subscription,
} from '@sluice/event-bus';
import type { Logger, Metrics } from '@sluice/observability';
import type { ChannelName, NotificationChannel, OutgoingNotification } from './channel';
import type { DeliveryLedger } from './delivery-ledger';
import {
  DEFAULT_POLICY,
  deliver,
  realTiming,
  type DeliveryDeps,
  type DeliveryPolicy,
  type Outcome,
  type Timing,
} from './deliver';
import { MemoryHoldStore, type HeldMessage, type HoldStore } from './hold-store';
import { MemoryRecipientLimiter, MemoryTokenBucket, type RecipientLimiter, type TokenBucket } from './rate-limits';
import { render } from './render';
import type { PracticeFacts } from './templates';

export interface NotifierDeps {
  bus: EventBus;
  /** The default channel (SLUICE_NOTIFY_CHANNEL). */
  channel: NotificationChannel;
  /** Other channels practices may be given, and which practice uses which (SLUICE_NOTIFY_PRACTICE_CHANNELS). */
  channels?: Partial<Record<ChannelName, NotificationChannel>>;
  practiceChannels?: Record<string, ChannelName>;
  ledger: DeliveryLedger;
  holds?: HoldStore;
  bucket?: TokenBucket;
  recipients?: RecipientLimiter;
  /** The practice's name (and extended access hub) for the text; "your GP practice" when unknown. */
  practices?: (ods: string) => Promise<PracticeFacts>;
  metrics: Metrics;
  log: Logger;
  /** The business clock, for event times. Leases, back-off and holds use `timing` (real time). */
  clock: Clock;
  timing?: Timing;
  publicUrl: string;
  groupId?: string;
  policy?: Partial<DeliveryPolicy>;
  /** Messages sent at once within a batch; one request's messages always go in order. */
  concurrency?: number;
  /** How often held messages are looked at. */
  sweepMs?: number;
  hashSalt?: string;
}

const NO_CONTEXT: BatchContext = { heartbeat: async () => undefined, isStale: () => false };

/**
 * Runs `fn` over items with at most `limit` at once. After a failure no new item starts, and it
 * waits for those in flight before rethrowing, so the batch is redelivered only once nothing of it runs.
 */
async function pool<T>(items: T[], limit: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (!failure && next < items.length) {
      try {
        await fn(items[next++]!);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw (failure as { error: unknown }).error;
}

/** Caches practice facts for a minute: a burst of one practice's decisions costs one read. */
function cachedPractices(load: (ods: string) => Promise<PracticeFacts>, now: () => number) {
  const cache = new Map<string, { at: number; facts: Promise<PracticeFacts> }>();
  return (ods: string) => {
    const hit = cache.get(ods);
    if (hit && now() - hit.at < 60_000) return hit.facts;
    const facts = load(ods).catch(() => ({ name: 'your GP practice' }));
    cache.set(ods, { at: now(), facts });
    if (cache.size > 10_000) cache.delete(cache.keys().next().value!);
    return facts;
  };
}

export interface Notifier extends Subscription {
  /** The default channel. */
  readonly channel: NotificationChannel;
  /** Sends held messages whose hold has ended (the timer calls it; tests may too). */
  sweep(): Promise<number>;
}

export async function startNotifier(deps: NotifierDeps): Promise<Notifier> {
  const timing = deps.timing ?? realTiming;
  const delivery: DeliveryDeps = {
    ledger: deps.ledger,
    holds: deps.holds ?? new MemoryHoldStore(),
    bucket: deps.bucket ?? new MemoryTokenBucket({ limit: 3000, windowMs: 60_000 }, timing.now),
    recipients: deps.recipients ?? new MemoryRecipientLimiter(undefined, timing.now),
    metrics: deps.metrics,
    log: deps.log,
    timing,
    policy: { ...DEFAULT_POLICY, ...deps.policy },
    hashSalt: deps.hashSalt ?? 'sluice-notify-recipient-limits',
  };
  const practices = cachedPractices(deps.practices ?? (async () => ({ name: 'your GP practice' })), timing.now);
  const channelFor = (practice: string): NotificationChannel => {
    const name = deps.practiceChannels?.[practice];
    return (name && deps.channels?.[name]) || deps.channel;
  };

  const result = (
    n: OutgoingNotification,
    channel: ChannelName,
    type: NotificationResultV1['type'],
    extra: Partial<NotificationResultV1>,
  ): OutgoingMessage => {
    const r: NotificationResultV1 = {
      type,
      version: 1,
      id: n.decision.id,
      practice: n.decision.practice,
      sequence: n.decision.sequence,
      channel,
      template: n.template,
      attempts: 1,
      at: deps.clock.now().toISOString(),
      ...extra,
    };
    // The request id in a header too, as on every Sluice event: consumers and tools can follow a request
    // across topics without parsing payloads.
    return { key: n.decision.practice, value: JSON.stringify(r), headers: { 'request-id': n.decision.id } };
  };

  /** Counts, logs and turns an outcome into the events ops see. Never the contact, never the text. */
  const report = (
    n: OutgoingNotification,
    channel: ChannelName,
    o: Outcome,
    source: HeldMessage['source'],
    out: Map<string, OutgoingMessage[]>,
  ) => {
    const push = (topic: string, m: OutgoingMessage) => {
      const list = out.get(topic);
      if (list) list.push(m);
      else out.set(topic, [m]);
    };
    const ids = {
      requestId: n.decision.id,
      practice: n.decision.practice,
      sequence: n.decision.sequence,
      template: n.template,
      channel,
    };
    deps.metrics.notifications.inc({ channel, outcome: o.kind });
    switch (o.kind) {
      case 'sent':
      case 'recovered': {
        const attempts = o.kind === 'sent' ? o.attempts : 1;
        const ref = o.kind === 'sent' && o.providerReference ? { providerReference: o.providerReference } : {};
        push(TOPICS.notificationSent, result(n, channel, 'notification.sent', { attempts, ...ref }));
        if (o.kind === 'recovered') deps.log.info(ids, 'message found already sent after a restart; not sent again');
        return;
      }
      case 'duplicate':
        deps.log.debug({ ...ids, state: o.state }, 'already handled; not sent again');
        // Result events are at least once, like everything on the bus: a crash after the send and before the
        // batch's events went out would otherwise lose them. Consumers key them by (id, sequence).
        if (o.state === 'sent') push(TOPICS.notificationSent, result(n, channel, 'notification.sent', {}));
        if (o.state === 'done')
          push(
            TOPICS.notificationFailed,
            result(n, channel, 'notification.failed', { error: 'failed before; see its first notification.failed' }),
          );
        return;
      case 'held':
        deps.log.warn(
          { ...ids, until: o.until.toISOString() },
          'provider daily limit reached; message held until it resets',
        );
        return;
      case 'suppressed':
        deps.log.warn({ ...ids, err: o.error }, 'recipient limit reached; message not sent');
        push(TOPICS.notificationFailed, result(n, channel, 'notification.failed', { error: o.error }));
        return;
      case 'rejected':
      case 'failed': {
        const level = o.kind === 'rejected' ? 'error' : 'warn';
        deps.log[level](
          { ...ids, attempts: o.attempts, err: o.error },
          o.kind === 'rejected'
            ? 'provider refused the message; not retried (alert)'
            : 'retry budget spent; dead-lettered',
        );
        const letter: DeadLetterV1 = {
          type: 'dead-letter',
          version: 1,
          sourceTopic: source.topic,
          partition: source.partition,
          offset: source.offset,
          key: n.decision.practice,
          error: o.error,
          requestId: n.decision.id,
          practice: n.decision.practice,
          at: deps.clock.now().toISOString(),
        };
        deps.metrics.deadLetters.inc({ topic: source.topic });
        push(deadLetterTopic(source.topic), { key: n.decision.practice, value: JSON.stringify(letter) });
        push(
          TOPICS.notificationFailed,
          result(n, channel, 'notification.failed', { attempts: o.attempts, error: o.error }),
        );
        return;
      }
    }
  };

  const publishAll = async (out: Map<string, OutgoingMessage[]>) => {
    for (const [topic, messages] of out) await deps.bus.publish(topic, messages);
  };

  const handleOne = async (
    decision: ConsultationDecidedV1,
    source: HeldMessage['source'],
    ctx: BatchContext,
    out: Map<string, OutgoingMessage[]>,
    mode: 'consume' | 'release',
  ) => {
    const channel = channelFor(decision.practice);
    const n = render(decision, await practices(decision.practice), deps.publicUrl);
    const outcome = await deliver(n, channel, delivery, ctx, source, mode);
    report(n, channel.name, outcome, source, out);
    return outcome;
  };

  const subscription = await deps.bus.subscribe({
    groupId: deps.groupId ?? 'sluice-notifier',
    topics: [TOPICS.decided],
    // Small slices: the bus heartbeats between them, and a slice's sends finish well inside the session timeout.
    maxBatchSize: 100,
    handleBatch: typedBatchHandler({
      bus: deps.bus,
      schema: ConsultationDecidedV1,
      onDeadLetter: (l) => deps.metrics.deadLetters.inc({ topic: l.sourceTopic }),
      handle: async (events, ctx) => {
        // One request's decisions (queued, then promoted) in order; different requests side by side.
        const byRequest = new Map<string, typeof events>();
        for (const e of events) byRequest.set(e.event.id, [...(byRequest.get(e.event.id) ?? []), e]);
        const out = new Map<string, OutgoingMessage[]>();
        try {
          await pool([...byRequest.values()], deps.concurrency ?? 16, async (group) => {
            for (const { event, message } of group) {
              await handleOne(
                event,
                { topic: message.topic, partition: message.partition, offset: message.offset },
                ctx,
                out,
                'consume',
              );
            }
          });
        } finally {
          // Results of what was sent go out even when the batch fails part-way (it is redelivered, and the ledger skips those).
          await publishAll(out);
        }
      },
    }),
  });

  let sweeping: Promise<number> | null = null;
  const sweep = (): Promise<number> => {
    sweeping ??= (async () => {
      let done = 0;
      try {
        const due = await delivery.holds.takeDue(new Date(timing.now()), 100, 60_000);
        const out = new Map<string, OutgoingMessage[]>();
        for (const h of due) {
          const o = await handleOne(h.decision, h.source, NO_CONTEXT, out, 'release');
          if (o.kind !== 'held') await delivery.holds.remove(h.reference);
          done++;
        }
        await publishAll(out);
      } catch (e) {
        deps.log.error({ err: (e as Error).message }, 'sweeping held messages failed; next sweep tries again');
      } finally {
        sweeping = null;
      }
      return done;
    })();
    return sweeping;
  };
  const timer = setInterval(() => void sweep(), deps.sweepMs ?? 30_000);
  timer.unref();

  return {
    channel: deps.channel,
    isReady: () => subscription.isReady(),
    stop: async () => {
      clearInterval(timer);
      await sweeping;
      await subscription.stop();
    },
    sweep,
  };
}
