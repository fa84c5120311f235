import { ConsultationDecidedV1, TOPICS, type RequestStatusDoc } from '@sluice/contracts';
import { typedBatchHandler, type EventBus, type Subscription } from '@sluice/event-bus';
import type { Logger, Metrics } from '@sluice/observability';
import type { RequestLedger, StatusRecord } from '@sluice/request-ledger';

/** The patient-facing status of a decision: no contact details, no symptom text. */
export function statusFromDecision(e: ConsultationDecidedV1): StatusRecord {
  const doc: RequestStatusDoc = {
    id: e.id,
    practice: e.practice,
    status: e.outcome,
    reason: e.reason,
    day: e.day,
    ...(e.destination ? { destination: e.destination } : {}),
    ...(e.queue ? { queue: e.queue } : {}),
    ...(e.screening ? { screening: e.screening } : {}),
    ...(e.advice ? { advice: e.advice } : {}),
    updatedAt: e.decidedAt,
  };
  return { doc, sequence: e.sequence };
}

/** Keeps the status read-model behind GET /v1/requests/{id} up to date from consultation.decided.v1. */
export function startStatusProjector(deps: {
  bus: EventBus;
  ledger: RequestLedger;
  metrics: Metrics;
  log: Logger;
  retentionSeconds: number;
  groupId?: string;
}): Promise<Subscription> {
  return deps.bus.subscribe({
    groupId: deps.groupId ?? 'sluice-intake-status',
    topics: [TOPICS.decided],
    handleBatch: typedBatchHandler({
      bus: deps.bus,
      schema: ConsultationDecidedV1,
      onDeadLetter: (l) => {
        deps.metrics.deadLetters.inc({ topic: l.sourceTopic });
        deps.log.warn({ requestId: l.requestId, practice: l.practice, error: l.error }, 'dead-lettered a decision');
      },
      handle: async (events) => {
        // A throw here (Redis down) redelivers the batch; putStatus is monotonic, so replays are harmless.
        await Promise.all(
          events.map(({ event }) => deps.ledger.putStatus(statusFromDecision(event), deps.retentionSeconds)),
        );
      },
    }),
  });
}
