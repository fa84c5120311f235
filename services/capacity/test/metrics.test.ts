import request from 'supertest';
import { TOPICS } from '@sluice/contracts';
import { WORKING_DAY_SECONDS } from '@sluice/domain';
import type { Metrics } from '@sluice/observability';
import { capacityHarness } from './harness';

type Metric = Metrics[Exclude<keyof Metrics, 'registry'>];

/** The value of one series (0 when it was never set), e.g. value(m.decisions, { outcome: 'queued' }). */
async function value(metric: Metric, labels: Record<string, string> = {}, name?: string): Promise<number> {
  const values = (await metric.get()).values as {
    metricName?: string;
    labels: Record<string, string | number | undefined>;
    value: number;
  }[];
  const match = values.filter(
    (v) =>
      (!name || v.metricName === name) && Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want),
  );
  return match.reduce((n, v) => n + v.value, 0);
}

const rota = (contacts: number) => ({ clinicians: [{ id: 'gp1', role: 'GP', contacts }] });

describe('capacity metrics (what the dashboards and alerts read)', () => {
  let h: Awaited<ReturnType<typeof capacityHarness>>;
  beforeEach(async () => {
    h = await capacityHarness('2026-11-30T09:00:00Z'); // a Monday, 09:00 GMT
  });
  afterEach(async () => h.stop());

  it('happy: decisions by outcome and reason, per-practice demand, latency from intake, and the practice gauges as it fills up', async () => {
    await request(h.app).put('/v1/practices/A81001/config').set(h.auth).send({ urgentSharePct: 0 }).expect(200);
    await request(h.app).put('/v1/practices/A81001/rota/2026-11-30').set(h.auth).send(rota(2)).expect(200);
    // Taken at intake half a second before the capacity service sees them.
    const receivedAt = '2026-11-30T08:59:59.500Z';
    await h.send(
      h.request('A81001', { receivedAt }),
      h.request('A81001', { receivedAt }),
      h.request('A81001', { receivedAt }),
    );
    await h.settle(3);
    const m = h.metrics;

    expect(await value(m.decisions, { outcome: 'accepted', reason: 'accepted-routine' })).toBe(2);
    expect(await value(m.decisions, { outcome: 'queued', reason: 'queued-capacity' })).toBe(1);
    expect(await value(m.practiceDecisions, { practice: 'A81001', outcome: 'accepted' })).toBe(2);
    expect(await value(m.practiceDecisions, { practice: 'A81001', outcome: 'queued' })).toBe(1);
    expect(await value(m.decisionLatency, {}, 'sluice_intake_to_decision_seconds_count')).toBe(3);
    expect(await value(m.decisionLatency, {}, 'sluice_intake_to_decision_seconds_sum')).toBeCloseTo(1.5);

    expect(await value(m.practiceLevel, { practice: 'A81001' })).toBe(2); // RED: the routine share is used up
    expect(await value(m.levelChanges, { to: 'RED' })).toBe(1);
    expect(await value(m.practiceUsed, { practice: 'A81001', share: 'routine' })).toBe(2);
    expect(await value(m.practiceSafe, { practice: 'A81001', share: 'routine' })).toBe(2);
    expect(await value(m.practiceQueueDepth, { practice: 'A81001' })).toBe(1);
    expect(await value(m.practiceOldestQueued, { practice: 'A81001' })).toBe(0);

    // A day later the queued request has waited 24 hours, and exactly one working day of core hours.
    h.clock.advance(24 * 3600 * 1000);
    await h.service.monitor.refresh('A81001');
    expect(await value(m.practiceOldestQueued, { practice: 'A81001' })).toBe(24 * 3600);
    expect(await value(m.practiceOldestQueuedWorking, { practice: 'A81001' })).toBe(WORKING_DAY_SECONDS);
  });

  it('happy: a redelivery counts as a duplicate, not a second decision; a cancellation counts its promotion; a poison record counts as a dead letter', async () => {
    await request(h.app).put('/v1/practices/A81001/config').set(h.auth).send({ urgentSharePct: 0 }).expect(200);
    await request(h.app).put('/v1/practices/A81001/rota/2026-11-30').set(h.auth).send(rota(1)).expect(200);
    const [a, b] = [h.request('A81001'), h.request('A81001')];
    await h.send(a, b, a);
    await h.settle(3);
    expect(await value(h.metrics.decisions)).toBe(2);
    expect(await value(h.metrics.duplicates)).toBe(1);

    await request(h.app).post(`/v1/practices/A81001/requests/${a.id}/cancel`).set(h.auth).expect(200);
    expect(await value(h.metrics.promotions)).toBe(1);

    await h.bus.publish(TOPICS.requested, [{ key: 'A81001', value: '{"not json' }]);
    for (let i = 0; i < 100 && (await value(h.metrics.deadLetters)) === 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(await value(h.metrics.deadLetters, { topic: TOPICS.requested })).toBe(1);
  });
});
