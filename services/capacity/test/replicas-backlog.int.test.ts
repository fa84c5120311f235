import { randomUUID } from 'node:crypto';
import { RedisCapacityStore, type ShareLimits } from '@sluice/capacity-store';
import { ManualClock } from '@sluice/config';
import { ALL_TOPICS, deadLetterTopic, DeadLetterV1, TOPICS, type ConsultationDecidedV1 } from '@sluice/contracts';
import { KafkaEventBus, type OutgoingMessage, type PartitionLag } from '@sluice/event-bus';
import { createLogger } from '@sluice/observability';
import { deleteByPrefix, redisUrl, startPrivateKafka, uniqueName, waitFor } from '@sluice/testkit';
import {
  checkAdmissions,
  collectDecisions,
  firstDecisions,
  practiceCode,
  requestEvent,
  startReplica,
  type Replica,
  type ReplicaSetup,
} from './replica-support';

/**
 * Two capacity replicas in one consumer group drain a backlog of thousands of mixed requests on a
 * six-partition topic (practices with room, full ones whose requests queue, closed ones, red-flagged
 * requests, redeliveries and poison records), then drain a second one while a replica leaves the
 * group mid-backlog and a third joins. Each time: every request decided, once; the group's committed
 * offset reaches the end of every partition; admitted ≤ safe capacity per practice-day. Written to
 * hunt the replica stall of docs/decisions/0007-consumer-concurrency.md: a stalled replica shows as lost
 * requests and a partition whose lag stays above 0, a stalled collector as lost requests, lag 0 and
 * collector lag above 0. The decided topic starts with the poison record that stalled the collector
 * then (another test's, on the shared broker). SLUICE_BACKLOG sets the requests per phase.
 */
describe('capacity replicas drain a large mixed backlog (real Kafka and Redis)', () => {
  const DAY = '2026-11-30';
  const PARTITIONS = 6;
  const BACKLOG = Number(process.env.SLUICE_BACKLOG ?? 5000);
  const clock = new ManualClock('2026-11-30T10:00:00Z');
  const log = createLogger({ service: 'backlog', level: 'silent' });
  const prefix = `${uniqueName('backlog')}:`;
  const group = uniqueName('capacity');
  const PROFILES: Record<'roomy' | 'full' | 'closed', ShareLimits> = {
    roomy: { routine: 10_000, urgent: 1_000, admin: 10_000 },
    full: { routine: 5, urgent: 2, admin: 3 },
    closed: { routine: 0, urgent: 0, admin: 0 },
  };
  const codes = new Set<string>();
  while (codes.size < 36) codes.add(practiceCode()); // distinct: two profiles on one code would read as over-admitted
  const practices = [...codes].map((code, i) => ({
    code,
    limits: PROFILES[(['roomy', 'full', 'closed'] as const)[i % 3]!],
  }));

  let broker: Awaited<ReturnType<typeof startPrivateKafka>>;
  let setup: ReplicaSetup;
  let store: RedisCapacityStore;
  let bus: KafkaEventBus;
  const replicas: Replica[] = [];
  const decided: ConsultationDecidedV1[] = [];
  const deadLetters = new Set<string>();
  const allIds = new Set<string>();
  /** The replicas' kafkajs warnings and errors, by message. */
  const kafkaLog = new Map<string, number>();
  let collector: Awaited<ReturnType<typeof collectDecisions>>;

  beforeAll(async () => {
    const url = redisUrl(); // before the broker: without Redis this fails at once and leaves no JVM behind
    broker = await startPrivateKafka();
    setup = {
      brokers: () => broker.brokers,
      prefix,
      group,
      clock,
      log,
      onKafkaLog: (level, message) => {
        if (level === 'info' || message.startsWith('Limiting retries for the idempotent producer')) return;
        kafkaLog.set(`${level}: ${message}`, (kafkaLog.get(`${level}: ${message}`) ?? 0) + 1);
      },
    };
    store = new RedisCapacityStore({ url, prefix });
    bus = new KafkaEventBus({ brokers: broker.brokers, clientId: 'backlog-test' });
    await bus.ensureTopics(ALL_TOPICS, PARTITIONS);
    for (const p of practices) await store.setDayLimits(p.code, DAY, p.limits);
    // Ahead of every decision, on the partitions of two practices: what services/notifier/test/crash.int.test.ts
    // publishes on a shared broker (a decision without sequence or outcome), and a record that is not JSON.
    await bus.publish(TOPICS.decided, [
      {
        key: practices[0]!.code,
        value: JSON.stringify({
          type: 'consultation.decided',
          id: randomUUID(),
          practice: practices[0]!.code,
          contact: { sms: '07700900123' },
        }),
      },
      { key: practices[13]!.code, value: '{"type":"consultation.decided",' },
    ]);
    collector = await collectDecisions(bus, decided);
    await bus.subscribe({
      groupId: uniqueName('dead-letters'),
      topics: [deadLetterTopic(TOPICS.requested)],
      handleBatch: async (ms) => {
        for (const m of ms) {
          const letter = DeadLetterV1.safeParse(JSON.parse(m.value));
          if (letter.success) deadLetters.add(`${letter.data.partition}/${letter.data.offset}`);
        }
      },
    });
  }, 60_000);

  afterAll(async () => {
    for (const r of replicas) await r.stop();
    for (const r of replicas) await r.close();
    await bus?.close();
    if (store) await deleteByPrefix(store.redis, prefix);
    await store?.close();
    await broker?.stop();
  });

  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

  /** `n` requests (a few red-flagged), 2 % of them sent twice, and 10 poison records, shuffled into one another. */
  function backlog(n: number) {
    const events = Array.from({ length: n }, () =>
      requestEvent(pick(practices).code, clock, {
        kind: Math.random() < 0.2 ? 'admin' : 'clinical',
        urgency: Math.random() < 0.2 ? 'urgent' : 'routine',
        ...(Math.random() < 0.04
          ? { screening: { outcome: 'emergency-signposted' as const, destination: '999' as const } }
          : {}),
      }),
    );
    const messages: OutgoingMessage[] = events.map((e) => ({ key: e.practice, value: JSON.stringify(e) }));
    const insert = (m: OutgoingMessage) => messages.splice(Math.floor(Math.random() * (messages.length + 1)), 0, m);
    const redelivered = events.filter(() => Math.random() < 0.02);
    for (const e of redelivered) insert({ key: e.practice, value: JSON.stringify(e) });
    for (let i = 0; i < 5; i++) {
      const practice = pick(practices).code;
      insert({ key: practice, value: '{"type":"consultation.requested","version":1,' });
      insert({
        key: practice,
        value: JSON.stringify({ type: 'consultation.requested', version: 1, id: randomUUID(), practice }),
      });
    }
    const ids = new Set(events.map((e) => e.id));
    for (const id of ids) allIds.add(id);
    return { ids, messages, redelivered: redelivered.length, poison: 10 };
  }

  async function produce(messages: OutgoingMessage[]): Promise<void> {
    const chunks = Array.from({ length: Math.ceil(messages.length / 500) }, (_, i) =>
      messages.slice(i * 500, (i + 1) * 500),
    );
    await Promise.all(chunks.map((c) => bus.publish(TOPICS.requested, c)));
  }

  /** The group's lag per partition of the requests topic, from committed offsets (what a lag monitor reads). */
  async function lag(): Promise<PartitionLag[]> {
    const all = await replicas[0]!.bus.consumerLag();
    return all
      .filter((l) => l.group === group && l.topic === TOPICS.requested)
      .sort((a, b) => a.partition - b.partition);
  }

  /** Waits (bounded) for every request decided and the group's lag at 0, prints the counts, then asserts them. */
  async function drainAndCheck(label: string, b: ReturnType<typeof backlog>, t0: number): Promise<void> {
    const decidedAll = await waitFor(() => firstDecisions(decided, b.ids).first.size === b.ids.size, {
      timeoutMs: 40_000,
    }).then(
      () => true,
      () => false,
    );
    let lags: PartitionLag[] = [];
    const caughtUp = async () => {
      lags = await lag();
      return lags.length === PARTITIONS && lags.every((l) => l.lag === 0);
    };
    await waitFor(caughtUp, { timeoutMs: decidedAll ? 15_000 : 1 }).catch(() => undefined);
    const { first, doubled } = firstDecisions(decided, b.ids);
    const everyFirst = firstDecisions(decided, allIds).first;
    let overAdmitted = 0;
    const miscounted: string[] = [];
    for (const p of practices) {
      const a = await checkAdmissions(store, p.code, DAY, p.limits, everyFirst);
      overAdmitted += a.overAdmitted;
      miscounted.push(...a.miscounted);
    }
    // Where a request stuck, if one did: a replica's partition (lag above), or the collector reading decisions.
    const collectorLag = (await bus.consumerLag())
      .filter((l) => l.topic === TOPICS.decided)
      .reduce((n, l) => n + l.lag, 0);
    const outcomes = [...first.values()].reduce<Record<string, number>>(
      (n, d) => ({ ...n, [d.outcome]: (n[d.outcome] ?? 0) + 1 }),
      {},
    );
    const counts = {
      sent: b.ids.size,
      decided: first.size,
      doubled: doubled.size,
      lost: b.ids.size - first.size,
      overAdmitted,
      miscounted: miscounted.length,
      lagging: lags.length === PARTITIONS ? lags.filter((l) => l.lag > 0).length : PARTITIONS,
    };
    console.log(
      `[backlog] ${label}: sent ${counts.sent} (+${b.redelivered} redelivered, ${b.poison} poison), decided ${counts.decided} ` +
        `(${Object.entries(outcomes)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}), doubled ${counts.doubled}, lost ${counts.lost}, ` +
        `over-admitted ${overAdmitted}, miscounted ${miscounted.length}, dead letters ${deadLetters.size}, ` +
        `lag ${lags.map((l) => `p${l.partition}=${l.lag}`).join(' ') || 'unread'}, collector lag ${collectorLag} (${collector.unreadable()} unreadable skipped), ${((Date.now() - t0) / 1000).toFixed(1)} s` +
        (kafkaLog.size ? `; kafkajs so far: ${[...kafkaLog].map(([m, n]) => `${n}× ${m}`).join('; ')}` : ''),
    );
    expect(counts).toEqual({
      sent: b.ids.size,
      decided: b.ids.size,
      doubled: 0,
      lost: 0,
      overAdmitted: 0,
      miscounted: 0,
      lagging: 0,
    });
    expect(miscounted).toEqual([]);
  }

  it('two replicas drain a backlog produced before they start: every request decided once, lag 0 everywhere, admitted ≤ capacity', async () => {
    const b = backlog(BACKLOG);
    await produce(b.messages);
    const t0 = Date.now();
    replicas.push(await startReplica(setup, 1), await startReplica(setup, 2));
    await drainAndCheck('two replicas', b, t0);
    await waitFor(() => deadLetters.size === b.poison, { timeoutMs: 10_000, what: `${b.poison} dead letters` });
    expect(collector.unreadable()).toBe(2);
  }, 90_000);

  it('a replica leaves mid-backlog and another joins (two rebalances): the same holds', async () => {
    const b = backlog(BACKLOG);
    const t0 = Date.now();
    await produce(b.messages);
    await waitFor(() => firstDecisions(decided, b.ids).first.size >= b.ids.size / 5, {
      timeoutMs: 30_000,
      what: 'a fifth of the backlog decided',
    });
    const leaving = replicas.splice(1, 1)[0]!;
    await leaving.stop();
    await leaving.close();
    const atLeave = firstDecisions(decided, b.ids).first.size;
    replicas.push(await startReplica(setup, 3));
    console.log(`[backlog] replica 2 left with ${atLeave} of ${b.ids.size} decided; replica 3 joined`);
    await drainAndCheck('leave and join', b, t0);
    expect(deadLetters.size).toBe(2 * b.poison);
  }, 90_000);
});
