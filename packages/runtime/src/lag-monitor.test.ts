import { InProcessEventBus, type EventBus } from '@sluice/event-bus';
import { createLogger, createMetrics } from '@sluice/observability';
import { startLagMonitor } from './lag-monitor';

const log = createLogger({ service: 't', level: 'silent' });

async function lagSeries(metrics: ReturnType<typeof createMetrics>) {
  return (await metrics.consumerLag.get()).values.map((v) => ({ ...v.labels, lag: v.value }));
}

describe('startLagMonitor', () => {
  it('happy: exports the lag of each group and topic-partition this process consumes, and 0 once caught up', async () => {
    const bus = new InProcessEventBus();
    const metrics = createMetrics({ service: 't', defaults: false });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const sub = await bus.subscribe({
      groupId: 'sluice-capacity',
      topics: ['consultation.requested.v1'],
      handleBatch: () => gate,
    });
    await bus.publish(
      'consultation.requested.v1',
      [1, 2, 3].map((i) => ({ key: 'A81001', value: String(i) })),
    );
    const monitor = startLagMonitor({ bus, metrics, log, intervalMs: 0 });
    await monitor.poll();
    expect(await lagSeries(metrics)).toEqual([
      { group: 'sluice-capacity', topic: 'consultation.requested.v1', partition: '0', lag: 3 },
    ]);
    release();
    await new Promise((r) => setTimeout(r, 20));
    await monitor.poll();
    expect(await lagSeries(metrics)).toEqual([
      { group: 'sluice-capacity', topic: 'consultation.requested.v1', partition: '0', lag: 0 },
    ]);
    // A group no longer consumed here stops being reported (another replica reports it).
    await sub.stop();
    await monitor.poll();
    expect(await lagSeries(metrics)).toEqual([]);
    await monitor.stop();
    await bus.close();
  });

  it('error: when the bus cannot say, the last figures stay and polling carries on', async () => {
    const metrics = createMetrics({ service: 't', defaults: false });
    let fail = false;
    const bus = {
      consumerLag: async () => {
        if (fail) throw new Error('broker unreachable');
        return [{ group: 'g', topic: 't', partition: 2, lag: 7 }];
      },
    } as unknown as EventBus;
    const monitor = startLagMonitor({ bus, metrics, log, intervalMs: 0 });
    await monitor.poll();
    fail = true;
    await expect(monitor.poll()).resolves.toBeUndefined();
    expect(await lagSeries(metrics)).toEqual([{ group: 'g', topic: 't', partition: '2', lag: 7 }]);
    await monitor.stop();
  });
});
