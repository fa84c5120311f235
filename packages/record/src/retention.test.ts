import { createLogger, createMetrics } from '@sluice/observability';
import { decisionRow } from './record.contract';
import { MemoryRecord } from './memory-record';
import { startRetention } from './retention';

describe('retention', () => {
  it('happy: deletes history older than the retention period, counts it, and keeps the rest', async () => {
    const record = new MemoryRecord();
    const old = decisionRow({ decidedAt: '2024-11-01T10:00:00.000Z', receivedAt: '2024-11-01T10:00:00.000Z' });
    const kept = decisionRow({ decidedAt: '2024-12-15T10:00:00.000Z', receivedAt: '2024-12-15T10:00:00.000Z' });
    await record.writeDecisions([old, kept]);
    await record.writeScreenings([
      {
        requestId: old.requestId,
        practice: 'A81001',
        receivedAt: old.receivedAt,
        kind: 'clinical',
        urgency: 'routine',
        outcome: 'clear',
      },
    ]);
    const metrics = createMetrics({ service: 'test', defaults: false });
    const retention = startRetention({
      record,
      clock: { now: () => new Date('2026-11-30T10:00:00Z') },
      metrics,
      log: createLogger({ service: 'test', level: 'silent' }),
      days: 730,
    });
    try {
      expect(await retention.run()).toEqual({ screenings: 1, decisions: 1 });
      expect(await record.decisions(old.requestId)).toEqual([]);
      expect(await record.decisions(kept.requestId)).toHaveLength(1);
      expect(await retention.run()).toEqual({ screenings: 0, decisions: 0 });
      expect(await metrics.registry.metrics()).toMatch(/sluice_history_pruned_total\{kind="decision"\} 1/);
    } finally {
      retention.stop();
    }
  });
});
