// Fault: one broker of a 3-node KRaft cluster (topics RF 3, min ISR 2) is SIGKILLed mid-load and stays
// down. Sluice must first start cleanly on the cluster (its topics at RF 3, every partition led before
// use), then ride the loss: the dead node is in every partition's ISR, so acks=all publishes wait until
// the controller fences it (3 s session here) and the survivors lead; intake waits up to
// KAFKA_PUBLISH_TIMEOUT_MS (15 s by default) rather than refuse, so patients see a slow 202, not a 503. Nothing
// 202'd may be lost, decided twice or admitted beyond capacity, and at most 2 % of the answers during
// the loss may be 5xx (each with the patient advice).
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { ALL_TOPICS, deadLetterTopic, TOPICS } from '@sluice/contracts';
import { startPrivateKafkaCluster, type PrivateKafkaCluster, type SluiceProcess } from '@sluice/testkit';
import { DecisionLog, load, practiceCodes, report, setCapacity, sluiceEnv, startRoles, tally } from './fault-kit';

jest.setTimeout(300_000);

const FAULT_WINDOW_MS = 15_000;

describe('fault: one broker of a 3-node Kafka cluster is SIGKILLed mid-load', () => {
  let cluster: PrivateKafkaCluster | undefined;
  const procs: SluiceProcess[] = [];
  let log: DecisionLog | undefined;

  beforeAll(async () => {
    cluster = await startPrivateKafkaCluster();
  }, 240_000);

  afterAll(async () => {
    await log?.stop();
    await Promise.all(procs.map((p) => p.stop('SIGKILL')));
    await cluster?.stop();
  });

  it('fault: Sluice starts cleanly at RF 3; during the loss nothing is lost, doubled or over-admitted and at most 2 % of answers are 5xx', async () => {
    const c = cluster!;
    const env: Record<string, string> = {
      ...sluiceEnv({ brokers: c.brokers, redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }),
      KAFKA_MIN_INSYNC_REPLICAS: '2',
    };
    procs.push(...(await startRoles(env, [['intake'], ['capacity']])));
    const [intake, capacity] = procs as [SluiceProcess, SluiceProcess];

    // Started cleanly: every topic Sluice made has three replicas and a leader on every partition.
    const admin = new Kafka({
      clientId: `cluster-check-${randomUUID().slice(0, 8)}`,
      brokers: c.brokers,
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    const { topics } = await admin.fetchTopicMetadata({ topics: [...ALL_TOPICS] });
    expect(topics).toHaveLength(ALL_TOPICS.length);
    for (const t of topics)
      for (const p of t.partitions)
        expect({ topic: t.name, rf: p.replicas.length, led: p.leader >= 0 }).toEqual({
          topic: t.name,
          rf: 3,
          led: true,
        });

    const practices = practiceCodes(8, 'J');
    await setCapacity(capacity.url, env.SLUICE_OPERATOR_KEY!, practices, 30);
    let killedAt = 0;
    const { answers, fault } = await load({
      url: intake.url,
      key: env.SLUICE_OPERATOR_KEY!,
      practices,
      total: 500,
      concurrency: 6,
      paceMs: 5,
      startAfter: 150,
      timeoutMs: 60_000,
      during: async () => {
        killedAt = Date.now();
        await c.kill(1, { signal: 'SIGKILL' });
      },
    });
    await fault;
    const after = await load({
      url: intake.url,
      key: env.SLUICE_OPERATOR_KEY!,
      practices,
      total: 60,
      concurrency: 3,
      timeoutMs: 60_000,
    });
    const all = [...answers, ...after.answers];

    log = new DecisionLog(c.brokers);
    await log.start();
    const ids = all.filter((a) => a.id).map((a) => a.id!);
    await log.waitForAll(ids, 120_000);
    const t = await tally(all, log, { url: capacity.url, key: env.SLUICE_OPERATOR_KEY! }, practices);
    // A request dead-lettered is one not decided: the loss must never push good requests there.
    const deadLettered = (await admin.fetchTopicOffsets(deadLetterTopic(TOPICS.requested))).reduce(
      (n, o) => n + Number(o.high),
      0,
    );
    await admin.disconnect();
    const during = answers.filter((a) => a.sentAt! >= killedAt && a.sentAt! < killedAt + FAULT_WINDOW_MS);
    const fivexx = during.filter((a) => a.status >= 500 || a.status === 0).length;
    const longest = Math.max(...during.map((a) => a.ms!));
    const known = new Set(ids);
    report('one of three Kafka brokers SIGKILLed mid-load (RF 3, min ISR 2), left down', t, {
      [`answers in the ${FAULT_WINDOW_MS / 1000} s after the kill`]: during.length,
      '5xx among them': `${fivexx} (${((100 * fivexx) / Math.max(1, during.length)).toFixed(1)} %)`,
      'longest intake answer during the fault': `${longest} ms`,
      'dead-lettered': deadLettered,
      'decided though refused': [...log.byId.keys()].filter((id) => !known.has(id)).length,
      'answered after': `${after.answers.filter((a) => a.status === 202).length}/60 × 202`,
    });

    if (t.lost > 0)
      for (const p of procs)
        console.log(
          p.lines
            .filter((l) => /"level":(40|50|60)/.test(l))
            .slice(-15)
            .join('\n'),
        );
    expect(during.length).toBeGreaterThan(50);
    expect(t.lost).toBe(0);
    expect(deadLettered).toBe(0);
    expect(t.doubled).toBe(0);
    expect(t.overAdmitted).toBe(0);
    expect(t.reservationMismatch).toBe(0);
    expect(fivexx / during.length).toBeLessThanOrEqual(0.02);
    expect(Object.keys(t.other).every((s) => s === '503')).toBe(true);
    expect(after.answers.every((a) => a.status === 202)).toBe(true);
  });
});
