import { ConsultationDecidedV1, ConsultationRequestedV1, TOPICS } from '@sluice/contracts';
import type { ConsumedMessage, EventBus, Subscription } from '@sluice/event-bus';
import type { Logger, Metrics } from '@sluice/observability';
import type { DecisionRow, HistoryRecord, ScreeningRow } from './record';

export const HISTORY_GROUP = 'sluice-history';

export interface HistoryWriterDeps {
  bus: EventBus;
  record: HistoryRecord;
  metrics: Metrics;
  log: Logger;
  /** Its own consumer group: a new deployment's group starts from the earliest retained event. */
  groupId?: string;
  maxBatchSize?: number;
  now?: () => number;
}

/** What the record keeps of a request as intake screened it: no description, contact or patient. */
export function screeningRow(e: ConsultationRequestedV1): ScreeningRow {
  return {
    requestId: e.id,
    practice: e.practice,
    receivedAt: e.receivedAt,
    kind: e.kind,
    urgency: e.urgency,
    outcome: e.screening.outcome,
    ...(e.screening.ruleId ? { ruleId: e.screening.ruleId } : {}),
    ...(e.screening.rulesVersion ? { rulesVersion: e.screening.rulesVersion } : {}),
    ...(e.screening.destination ? { destination: e.screening.destination } : {}),
    ...(e.source ? { source: e.source } : {}),
  };
}

/** What the record keeps of a decision: never the contact it carries for the notifier. */
export function decisionRow(e: ConsultationDecidedV1): DecisionRow {
  return {
    requestId: e.id,
    sequence: e.sequence,
    practice: e.practice,
    day: e.day,
    outcome: e.outcome,
    reasonCode: e.reason.code,
    ...(e.share ? { share: e.share } : {}),
    ...(e.destination ? { destination: e.destination } : {}),
    ...(e.queue ? { queuePosition: e.queue.position, expectedDay: e.queue.expectedDay } : {}),
    flags: e.flags,
    kind: e.kind,
    urgency: e.urgency,
    receivedAt: e.receivedAt,
    decidedAt: e.decidedAt,
  };
}

/**
 * The history consumer: every screening (consultation.requested) and decision (consultation.decided)
 * into the record, a batch at a time, idempotently (a redelivered batch writes nothing twice). A
 * record that fails throws, so the bus redelivers the batch and nothing is lost; offsets move only
 * after the rows are in. A message that is not a valid event is counted and skipped here: the
 * decider and the status projector, which read the same topics, already dead-letter it.
 */
export function startHistoryWriter(deps: HistoryWriterDeps): Promise<Subscription> {
  const now = deps.now ?? Date.now;
  return deps.bus.subscribe({
    groupId: deps.groupId ?? HISTORY_GROUP,
    topics: [TOPICS.requested, TOPICS.decided],
    maxBatchSize: deps.maxBatchSize ?? 1000,
    handleBatch: async (messages) => {
      const screenings: ScreeningRow[] = [];
      const decisions: DecisionRow[] = [];
      let newest = 0;
      for (const m of messages) {
        const row = parse(m);
        if (!row) {
          deps.metrics.historyRows.inc({
            kind: m.topic === TOPICS.decided ? 'decision' : 'screening',
            outcome: 'skipped',
          });
          continue;
        }
        if (row.kind === 'screening') screenings.push(row.row);
        else decisions.push(row.row);
        newest = Math.max(newest, m.timestamp);
      }
      if (!screenings.length && !decisions.length) return;
      const end = deps.metrics.historyWriteSeconds.startTimer();
      const [s, d] = await Promise.all([
        deps.record.writeScreenings(screenings),
        deps.record.writeDecisions(decisions),
      ]);
      end();
      count(deps.metrics, 'screening', s, screenings.length);
      count(deps.metrics, 'decision', d, decisions.length);
      if (newest) deps.metrics.historyLagSeconds.set(Math.max(0, now() - newest) / 1000);
    },
  });
}

function parse(
  m: ConsumedMessage,
): { kind: 'screening'; row: ScreeningRow } | { kind: 'decision'; row: DecisionRow } | null {
  let raw: unknown;
  try {
    raw = JSON.parse(m.value);
  } catch {
    return null;
  }
  if (m.topic === TOPICS.requested) {
    const r = ConsultationRequestedV1.safeParse(raw);
    return r.success ? { kind: 'screening', row: screeningRow(r.data) } : null;
  }
  const r = ConsultationDecidedV1.safeParse(raw);
  return r.success ? { kind: 'decision', row: decisionRow(r.data) } : null;
}

function count(metrics: Metrics, kind: 'screening' | 'decision', written: number, handled: number): void {
  if (written) metrics.historyRows.inc({ kind, outcome: 'written' }, written);
  if (handled > written) metrics.historyRows.inc({ kind, outcome: 'duplicate' }, handled - written);
}
