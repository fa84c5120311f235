import { randomUUID } from 'node:crypto';
import { ALL_TOPICS, TOPICS } from '@sluice/contracts';
import { KafkaEventBus } from '@sluice/event-bus';
import { createLogger, createMetrics } from '@sluice/observability';
import { freshDatabase, kafkaBrokers } from '@sluice/testkit';
import { startHistoryWriter } from './history-writer';
import { openRecord } from './open-record';

jest.setTimeout(180_000);

async function until(what: string, fn: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const start = Date.now();
  while (!(await fn())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('history writer on Kafka and PostgreSQL', () => {
  it('happy: a new group starts at the earliest offset and writes each decision once, a redelivery included', async () => {
    const fresh = await freshDatabase();
    const { record } = await openRecord({ databaseUrl: fresh.url });
    const bus = new KafkaEventBus({ brokers: kafkaBrokers(), clientId: `history-test-${randomUUID().slice(0, 6)}` });
    try {
      await bus.ensureTopics(ALL_TOPICS, 3);
      const ids = Array.from({ length: 50 }, () => randomUUID());
      const decided = (id: string, sequence = 1) => ({
        key: 'A81001',
        value: JSON.stringify({
          type: 'consultation.decided',
          version: 1,
          id,
          practice: 'A81001',
          sequence,
          outcome: 'accepted',
          reason: { code: 'accepted-routine', text: 'ok' },
          day: '2026-11-30',
          share: 'routine',
          flags: [],
          kind: 'clinical',
          urgency: 'routine',
          contact: { sms: '07700900461' },
          receivedAt: '2026-11-30T10:00:00Z',
          decidedAt: '2026-11-30T10:00:01Z',
        }),
      });
      // Published before the group exists, each twice (a producer retry, a replayed outbox).
      await bus.publish(TOPICS.decided, [...ids.map((id) => decided(id)), ...ids.map((id) => decided(id))]);
      const metrics = createMetrics({ service: 'test', defaults: false });
      const sub = await startHistoryWriter({
        bus,
        record,
        metrics,
        log: createLogger({ service: 'test', level: 'silent' }),
        groupId: `sluice-history-${randomUUID().slice(0, 8)}`,
      });
      await until('all 50 decisions', async () =>
        (await Promise.all(ids.map((id) => record.decisions(id)))).every((d) => d.length === 1),
      );
      await sub.stop();
      const rows = (await Promise.all(ids.map((id) => record.decisions(id)))).flat();
      expect(rows).toHaveLength(50);
      expect(JSON.stringify(rows)).not.toContain('07700900461');
    } finally {
      await bus.close();
      await record.close();
      await fresh.drop();
    }
  });
});
