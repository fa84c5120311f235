import {
  ConsultationDecidedV1,
  deadLetterTopic,
  TOPICS,
  type DeadLetterV1,
  type NotificationResultV1,
} from '@sluice/contracts';
import type { Clock } from '@sluice/config';
import { typedBatchHandler, type EventBus, type Subscription } from '@sluice/event-bus';
import type { Logger, Metrics } from '@sluice/observability';
import type { NotificationChannel, OutgoingNotification } from './channel';
import type { DeliveryLedger } from './delivery-ledger';

export interface NotifierDeps {
  bus: EventBus;
  channel: NotificationChannel;
  ledger: DeliveryLedger;
  metrics: Metrics;
  log: Logger;
  clock: Clock;
  publicUrl: string;
  groupId?: string;
}

/** Renders a decision as the message a patient reads: the decision's own plain-English reason and a status link. */
export function render(decision: ConsultationDecidedV1, publicUrl: string): OutgoingNotification {
  const statusLink = `${publicUrl}/status/${decision.id}`;
  return {
    decision,
    template: decision.reason.code,
    personalisation: { reason: decision.reason.text, status_link: statusLink, day: decision.day },
    text: `${decision.reason.text} Track your request: ${statusLink}`,
  };
}

export function startNotifier(deps: NotifierDeps): Promise<Subscription> {
  const result = (n: OutgoingNotification, type: NotificationResultV1['type'], extra: Partial<NotificationResultV1> = {}): NotificationResultV1 => ({
    type,
    version: 1,
    id: n.decision.id,
    practice: n.decision.practice,
    sequence: n.decision.sequence,
    channel: deps.channel.name,
    template: n.template,
    attempts: 1,
    at: deps.clock.now().toISOString(),
    ...extra,
  });

  return deps.bus.subscribe({
    groupId: deps.groupId ?? 'sluice-notifier',
    topics: [TOPICS.decided],
    handleBatch: typedBatchHandler({
      bus: deps.bus,
      schema: ConsultationDecidedV1,
      onDeadLetter: (l) => deps.metrics.deadLetters.inc({ topic: l.sourceTopic }),
      handle: async (events) => {
        for (const { event, message } of events) {
          const n = render(event, deps.publicUrl);
          const claim = await deps.ledger.claim(event.id, event.sequence);
          if (claim !== 'claimed') {
            deps.log.debug({ requestId: event.id, sequence: event.sequence, claim }, 'already notified; skipped');
            continue;
          }
          try {
            const receipt = await deps.channel.send(n);
            await deps.ledger.markSent(event.id, event.sequence);
            deps.metrics.notifications.inc({ channel: deps.channel.name, outcome: 'sent' });
            const sent = result(n, 'notification.sent', receipt.providerReference ? { providerReference: receipt.providerReference } : {});
            await deps.bus.publish(TOPICS.notificationSent, [{ key: event.practice, value: JSON.stringify(sent) }]);
          } catch (e) {
            const error = (e as Error).message;
            deps.metrics.notifications.inc({ channel: deps.channel.name, outcome: 'failed' });
            deps.log.error({ requestId: event.id, practice: event.practice, sequence: event.sequence, err: error }, 'notification failed; dead-lettered');
            const letter: DeadLetterV1 = {
              type: 'dead-letter', version: 1, sourceTopic: message.topic, partition: message.partition, offset: message.offset,
              key: event.practice, error, requestId: event.id, practice: event.practice, at: deps.clock.now().toISOString(),
            };
            deps.metrics.deadLetters.inc({ topic: message.topic });
            await deps.bus.publish(deadLetterTopic(message.topic), [{ key: event.practice, value: JSON.stringify(letter) }]);
            await deps.bus.publish(TOPICS.notificationFailed, [{ key: event.practice, value: JSON.stringify(result(n, 'notification.failed', { error })) }]);
          }
        }
      },
    }),
  });
}
