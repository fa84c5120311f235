import { randomUUID } from 'node:crypto';
import { TOPICS, type ConsultationDecidedV1, type ConsultationRequestedV1 } from '@sluice/contracts';
import { InProcessEventBus } from '@sluice/event-bus';
import { createLogger, createMetrics } from '@sluice/observability';
import { startHistoryWriter } from './history-writer';
import { MemoryRecord } from './memory-record';
import { openRecord } from './open-record';
import type { SluiceRecord } from './record';

const SECRET = { sms: '07700900461', description: 'Crushing chest pain since breakfast', name: 'Ada Lovelace' };

function requested(over: Partial<ConsultationRequestedV1> = {}): ConsultationRequestedV1 {
  return {
    type: 'consultation.requested',
    version: 1,
    id: randomUUID(),
    practice: 'A81001',
    receivedAt: '2026-11-30T10:00:00.000Z',
    kind: 'clinical',
    urgency: 'urgent',
    description: `${SECRET.description} (${SECRET.name})`,
    contact: { sms: SECRET.sms },
    screening: { outcome: 'concern', ruleId: 'chest-pain', rulesVersion: '3' },
    ...over,
  };
}

function decided(r: ConsultationRequestedV1, over: Partial<ConsultationDecidedV1> = {}): ConsultationDecidedV1 {
  return {
    type: 'consultation.decided',
    version: 1,
    id: r.id,
    practice: r.practice,
    sequence: 1,
    outcome: 'queued',
    reason: { code: 'queued-capacity', text: 'You are on the list.' },
    day: '2026-11-30',
    queue: { position: 4, expectedDay: '2026-12-01' },
    flags: [],
    kind: r.kind,
    urgency: r.urgency,
    contact: r.contact,
    receivedAt: r.receivedAt,
    decidedAt: '2026-11-30T10:00:00.040Z',
    ...over,
  };
}

const publish = (bus: InProcessEventBus, topic: string, events: { practice: string }[]) =>
  bus.publish(
    topic,
    events.map((e) => ({ key: e.practice, value: JSON.stringify(e) })),
  );

async function until(what: string, fn: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!(await fn())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each([
  ['memory', async () => new MemoryRecord() as SluiceRecord],
  ['pglite', async () => (await openRecord({ dataDir: 'memory://' })).record],
])('history writer (%s record)', (_name, makeRecord) => {
  let record: SluiceRecord;
  beforeAll(async () => {
    record = await makeRecord();
  }, 240_000);
  afterAll(async () => record.close());

  it('happy: a new group reads from the earliest event; each screening and decision is written once, without patient data', async () => {
    const bus = new InProcessEventBus();
    const metrics = createMetrics({ service: 'test', defaults: false });
    const r1 = requested();
    const r2 = requested({ kind: 'admin', urgency: 'routine', screening: { outcome: 'clear' } });
    // Published before the writer subscribes: a new deployment's history starts at the beginning.
    await publish(bus, TOPICS.requested, [r1, r2]);
    await publish(bus, TOPICS.decided, [decided(r1)]);
    const sub = await startHistoryWriter({
      bus,
      record,
      metrics,
      log: createLogger({ service: 'test', level: 'silent' }),
    });
    const promoted = decided(r1, {
      sequence: 2,
      outcome: 'accepted',
      reason: { code: 'accepted-routine', text: 'Promoted.' },
      queue: undefined,
      share: 'routine',
      flags: ['promoted'],
      decidedAt: '2026-11-30T11:00:00.000Z',
    });
    // A redelivery of the first decision beside the promotion: one new row only.
    await publish(bus, TOPICS.decided, [
      decided(r1),
      promoted,
      decided(r2, {
        outcome: 'accepted',
        reason: { code: 'accepted-admin', text: 'ok' },
        queue: undefined,
        share: 'admin',
      }),
    ]);
    await until(
      'every row',
      async () => (await record.decisions(r1.id)).length === 2 && (await record.decisions(r2.id)).length === 1,
    );
    await sub.stop();

    expect(await record.screening(r1.id)).toEqual({
      requestId: r1.id,
      practice: 'A81001',
      receivedAt: r1.receivedAt,
      kind: 'clinical',
      urgency: 'urgent',
      outcome: 'concern',
      ruleId: 'chest-pain',
      rulesVersion: '3',
    });
    const rows = await record.decisions(r1.id);
    expect(
      rows.map((d) => [d.sequence, d.outcome, d.reasonCode, d.queuePosition, d.expectedDay, d.share, d.flags]),
    ).toEqual([
      [1, 'queued', 'queued-capacity', 4, '2026-12-01', undefined, []],
      [2, 'accepted', 'accepted-routine', undefined, undefined, 'routine', ['promoted']],
    ]);
    const everything = JSON.stringify([
      await record.screening(r1.id),
      await record.screening(r2.id),
      rows,
      await record.decisions(r2.id),
    ]);
    for (const secret of Object.values(SECRET)) expect(everything).not.toContain(secret);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/sluice_history_rows_total\{kind="decision",outcome="written"\} 3/);
    expect(text).toMatch(/sluice_history_rows_total\{kind="decision",outcome="duplicate"\} 1/);
    expect(text).toMatch(/sluice_history_rows_total\{kind="screening",outcome="written"\} 2/);
    expect(text).toMatch(/sluice_history_write_seconds_count [1-9]/);
    await bus.close();
  });

  it('error: a record that fails gets the batch again, and nothing is lost or doubled; a malformed event is skipped and counted', async () => {
    const bus = new InProcessEventBus();
    const metrics = createMetrics({ service: 'test', defaults: false });
    let failures = 2;
    const flaky: SluiceRecord = Object.create(record, {
      writeDecisions: {
        value: async (rows: Parameters<SluiceRecord['writeDecisions']>[0]) => {
          if (failures-- > 0) throw new Error('record unavailable');
          return record.writeDecisions(rows);
        },
      },
    });
    const r = requested();
    await bus.publish(TOPICS.decided, [
      { key: 'A81001', value: '{"not":"a decision"}' },
      { key: 'A81001', value: 'not json' },
    ]);
    await publish(bus, TOPICS.requested, [r]);
    await publish(bus, TOPICS.decided, [decided(r)]);
    const sub = await startHistoryWriter({
      bus,
      record: flaky,
      metrics,
      log: createLogger({ service: 'test', level: 'silent' }),
    });
    await until('the decision', async () => (await record.decisions(r.id)).length === 1);
    await sub.stop();
    expect(failures).toBeLessThan(0);
    expect(await record.decisions(r.id)).toHaveLength(1);
    expect(await record.screening(r.id)).not.toBeNull();
    expect(await metrics.registry.metrics()).toMatch(
      /sluice_history_rows_total\{kind="decision",outcome="skipped"\} 2/,
    );
    await bus.close();
  });
});
