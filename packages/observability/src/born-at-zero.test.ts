import { bornAtZero } from './born-at-zero';
import { createMetrics } from './metrics';

const series = async (m: ReturnType<typeof createMetrics>, name: string) =>
  (await m.registry.getSingleMetric(name)!.get()).values.map((v) => ({ labels: v.labels, value: v.value }));

describe('bornAtZero', () => {
  it('happy: the counters whose labels are known have a series at 0 before anything happens', async () => {
    const m = createMetrics({ service: 't', defaults: false });
    bornAtZero(m, { deadLetterTopics: ['consultation.decided.v1'], channels: ['notify'], levels: true });
    expect(await series(m, 'sluice_dead_letters_total')).toEqual([
      { labels: { topic: 'consultation.decided.v1' }, value: 0 },
    ]);
    const rejections = await series(m, 'sluice_notification_rejections_total');
    expect(rejections).toEqual([
      { labels: { channel: 'notify', status: '400' }, value: 0 },
      { labels: { channel: 'notify', status: '403' }, value: 0 },
    ]);
    expect((await series(m, 'sluice_notifications_total')).map((s) => s.labels.outcome)).toEqual([
      'sent',
      'recovered',
      'duplicate',
      'held',
      'rejected',
      'failed',
      'suppressed',
    ]);
    expect((await series(m, 'sluice_notification_retries_total')).every((s) => s.value === 0)).toBe(true);
    expect(await series(m, 'sluice_notification_holds_total')).toEqual([{ labels: { channel: 'notify' }, value: 0 }]);
    expect((await series(m, 'sluice_level_changes_total')).map((s) => s.labels.to)).toEqual([
      'GREEN',
      'AMBER',
      'RED',
      'BLACK',
    ]);
    // ...and in the exposition text Prometheus scrapes.
    expect(await m.registry.metrics()).toMatch(/^sluice_dead_letters_total\{topic="consultation.decided.v1"\} 0$/m);
  });

  it('happy: a role initialises only its own counters (intake sends no messages, so exports no empty channel series)', async () => {
    const m = createMetrics({ service: 't', defaults: false });
    bornAtZero(m, { deadLetterTopics: ['consultation.decided.v1'] });
    expect(await series(m, 'sluice_notifications_total')).toEqual([]);
    expect(await series(m, 'sluice_level_changes_total')).toEqual([]);
  });

  it('happy: the first event counts from 0 (1, not 0 then 1 twice)', async () => {
    const m = createMetrics({ service: 't', defaults: false });
    bornAtZero(m, { deadLetterTopics: ['t1'] });
    m.deadLetters.inc({ topic: 't1' });
    expect(await series(m, 'sluice_dead_letters_total')).toEqual([{ labels: { topic: 't1' }, value: 1 }]);
  });
});
