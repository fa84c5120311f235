import { RedisCapacityStore, RedisPracticeRepository } from '@sluice/capacity-store';
import { ManualClock } from '@sluice/config';
import { ALL_TOPICS, TOPICS } from '@sluice/contracts';
import { KafkaEventBus } from '@sluice/event-bus';
import { createLogger, createMetrics, type Metrics } from '@sluice/observability';
import { deleteByPrefix, redisUrl, startPrivateKafka, uniqueName, waitFor } from '@sluice/testkit';
import { startCapacityService, type CapacityService } from '../src';
import { practiceCode, requestEvent } from './replica-support';

jest.setTimeout(180_000);

/**
 * Bounded series: with two capacity replicas in one group on real Kafka, each practice's gauges are
 * exported by one replica only, the one holding the practice's partition (which is also the one that
 * decides its requests), however many sweep it. Before this every replica exported every practice.
 */
describe('per-practice gauges come from the replica that owns the practice (real Kafka and Redis)', () => {
  const clock = new ManualClock('2026-11-30T10:00:00Z');
  const log = createLogger({ service: 'ownership', level: 'silent' });
  const prefix = `${uniqueName('ownership')}:`;
  const group = uniqueName('capacity');
  let broker: Awaited<ReturnType<typeof startPrivateKafka>>;
  const replicas: { service: CapacityService; metrics: Metrics; bus: KafkaEventBus; store: RedisCapacityStore }[] = [];
  let producer: KafkaEventBus;

  beforeAll(async () => {
    const url = redisUrl(); // before the broker: without Redis this fails at once and leaves no JVM behind
    broker = await startPrivateKafka();
    producer = new KafkaEventBus({ brokers: broker.brokers, clientId: 'ownership-producer' });
    await producer.ensureTopics(ALL_TOPICS, 6);
    for (const n of [1, 2]) {
      const store = new RedisCapacityStore({ url, prefix });
      const bus = new KafkaEventBus({ brokers: broker.brokers, clientId: `ownership-${n}` });
      const metrics = createMetrics({ service: `r${n}`, defaults: false });
      const service = await startCapacityService({
        bus,
        store,
        repo: new RedisPracticeRepository(store.redis, prefix),
        clock,
        log,
        metrics,
        groupId: group,
        tickMs: 0,
        levelRefreshMs: 0,
      });
      replicas.push({ service, metrics, bus, store });
    }
  });

  afterAll(async () => {
    for (const r of replicas) await r.service.stop();
    for (const r of replicas) await r.bus.close();
    await producer?.close();
    if (replicas[0]) await deleteByPrefix(replicas[0].store.redis, prefix);
    for (const r of replicas) await r.store.close();
    await broker?.stop();
  });

  const levelSeries = async (m: Metrics) => (await m.practiceLevel.get()).values.map((v) => String(v.labels.practice));
  const perPracticeSeries = async (m: Metrics) => {
    let n = 0;
    for (const g of [
      m.practiceLevel,
      m.practiceUsed,
      m.practiceSafe,
      m.practiceQueueDepth,
      m.practiceOldestQueued,
      m.practiceOldestQueuedWorking,
      m.practicePaused,
      m.practiceDecisions,
    ])
      n += (await g.get()).values.length;
    return n;
  };

  it('happy: each practice has one set of gauges, from the replica whose partition its requests land on', async () => {
    // Both members joined, with their assignments and the topic's partition count known.
    const practices = Array.from({ length: 24 }, practiceCode);
    await waitFor(
      () => practices.every((p) => replicas.every((r) => r.service.subscription.ownsKey?.(p) !== undefined)),
      { timeoutMs: 60_000, what: 'both replicas to know their partitions' },
    );
    await waitFor(
      async () => {
        // A rebalance may still be settling: wait for the two to split every practice between them.
        return practices.every((p) => replicas.filter((r) => r.service.subscription.ownsKey!(p)).length === 1);
      },
      { timeoutMs: 60_000, what: 'every practice owned by exactly one replica' },
    );

    // Every replica sweeps every practice (as the timer does).
    for (const r of replicas) for (const p of practices) await r.service.monitor.refresh(p);
    const exported = await Promise.all(replicas.map((r) => levelSeries(r.metrics)));
    for (const p of practices)
      expect({ p, exporters: exported.filter((e) => e.includes(p)).length }).toEqual({ p, exporters: 1 });
    expect(exported.every((e) => e.length > 0)).toBe(true); // both hold some partitions

    // The owner is the one that decides the practice's requests: one request each, decided by the exporter.
    await producer.publish(
      TOPICS.requested,
      practices.map((p) => ({ key: p, value: JSON.stringify(requestEvent(p, clock)) })),
    );
    const deciders = async () =>
      Promise.all(
        replicas.map(async (r) =>
          (await r.metrics.practiceDecisions.get()).values.map((v) => String(v.labels.practice)),
        ),
      );
    await waitFor(async () => (await deciders()).flat().length === practices.length, {
      timeoutMs: 60_000,
      what: 'every request decided',
    });
    const decided = await deciders();
    for (const [i, r] of replicas.entries()) {
      const owned = practices.filter((p) => r.service.subscription.ownsKey!(p));
      expect(decided[i]!.sort()).toEqual(owned.sort());
      expect((await levelSeries(r.metrics)).sort()).toEqual(owned.sort());
    }
    const series = await Promise.all(replicas.map((r) => perPracticeSeries(r.metrics)));
    console.log(
      `ownership: ${practices.length} practices over 2 replicas: ${exported.map((e) => e.length).join(' + ')} owned; per-practice series ${series.join(' + ')} = ${(series[0]! + series[1]!) / practices.length} a practice`,
    );
  });
});
