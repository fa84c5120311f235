import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { ConsultationDecidedV1, TOPICS } from '@sluice/contracts';
import { kafkaBrokers, redisUrl, startSluiceProcess, uniqueName, waitFor, type SluiceProcess } from '@sluice/testkit';

/**
 * SIGTERM to the capacity service while requests are flowing: it stops taking HTTP requests, finishes
 * the batch in hand, commits its offsets and exits 0; a new capacity process carries on from the
 * committed offsets. Read back from Kafka, every request was decided exactly once: none missing, none
 * decided twice (not even redelivered and answered from the stored decision), and no more admitted
 * than the practice can safely see.
 */
describe('graceful shutdown of the capacity service mid-load (real Kafka and Redis, OS processes)', () => {
  const brokers = kafkaBrokers();
  const run = uniqueName('shutdown');
  const prefix = `${run}:`;
  const operatorKey = `operator-${randomUUID()}`;
  const practice = `G${String(Math.floor(Math.random() * 90000) + 10000)}`;
  const env = {
    SLUICE_BUS: 'kafka',
    SLUICE_STORE: 'redis',
    KAFKA_BROKERS: brokers.join(','),
    REDIS_URL: redisUrl(),
    REDIS_PERSISTENCE_CHECK: 'off', // the shared test Redis persists nothing
    SLUICE_REDIS_PREFIX: prefix,
    SLUICE_GROUP_SUFFIX: `-${run.slice(-17)}`,
    SLUICE_OPERATOR_KEY: operatorKey,
    SLUICE_NOW: '2026-11-30T10:00:00Z', // a Monday in core hours
    SLUICE_PRACTICE_RATE_LIMIT: '100000', // one practice takes the whole load here
    LOG_LEVEL: 'info',
  };
  const TOTAL = 240;
  const SAFE = 60;
  const procs: SluiceProcess[] = [];
  const auth = { Authorization: `Bearer ${operatorKey}`, 'content-type': 'application/json' };

  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop()));
    const redis = new Redis(redisUrl());
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  const ready = (p: SluiceProcess) =>
    waitFor(async () => (await fetch(`${p.url}/readyz`)).status === 200, {
      timeoutMs: 60_000,
      what: `${p.url} to be ready`,
    });

  /** Every decision for this test's practice on consultation.decided.v1, read by a group of its own. */
  async function decisions(): Promise<ConsultationDecidedV1[]> {
    const kafka = new Kafka({ brokers, clientId: run, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    const end = (await admin.fetchTopicOffsets(TOPICS.decided)).reduce((n, p) => n + Number(p.high), 0);
    await admin.disconnect();
    const consumer = kafka.consumer({ groupId: uniqueName('read-decided') });
    await consumer.connect();
    await consumer.subscribe({ topic: TOPICS.decided, fromBeginning: true });
    const all: ConsultationDecidedV1[] = [];
    let seen = 0;
    await consumer.run({
      eachMessage: async ({ message }) => {
        seen++;
        const d = ConsultationDecidedV1.safeParse(JSON.parse(message.value?.toString() ?? 'null'));
        if (d.success && d.data.practice === practice) all.push(d.data);
      },
    });
    await waitFor(() => seen >= end, { timeoutMs: 60_000, what: `reading ${end} decisions` });
    await consumer.disconnect();
    return all;
  }

  it('happy: SIGTERM mid-load, restart: every request decided exactly once, none over safe capacity', async () => {
    const [intake, capacity] = await Promise.all([
      startSluiceProcess({ roles: ['intake'], env }),
      startSluiceProcess({ roles: ['capacity'], env }),
    ]);
    procs.push(intake, capacity);
    await Promise.all([ready(intake), ready(capacity)]);
    const rota = await fetch(`${capacity.url}/v1/practices/${practice}/rota/2026-11-30`, {
      method: 'PUT',
      headers: auth,
      body: JSON.stringify({ clinicians: [{ id: 'gp1', role: 'GP', contacts: SAFE }] }),
    });
    expect(rota.status).toBe(200);

    const ids: string[] = [];
    const post = async () => {
      const res = await fetch(`${intake.url}/v1/practices/${practice}/requests`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({
          kind: 'clinical',
          description: 'Sore knee for a week',
          contact: { sms: '07700900123' },
        }),
      });
      expect(res.status).toBe(202);
      ids.push(((await res.json()) as { id: string }).id);
    };
    // Ten at a time. The capacity group starts from the beginning of a topic other tests share, so
    // wait until it is deciding this practice's requests; then SIGTERM while requests keep arriving.
    const decidedHere = async (p: SluiceProcess) => {
      const m = new RegExp(`^sluice_practice_decisions_total\\{practice="${practice}",outcome="\\w+"\\} (\\d+)`, 'gm');
      return [...(await (await fetch(`${p.url}/metrics`)).text()).matchAll(m)].reduce((n, x) => n + Number(x[1]), 0);
    };
    let stoppedAt = -1;
    let exitCode: number | null = null;
    let shutdownMs = 0;
    let stopping: Promise<void> | null = null;
    for (let sent = 0; sent < TOTAL; sent += 10) {
      if (sent === 80) {
        await waitFor(async () => (await decidedHere(capacity)) > 0, {
          timeoutMs: 120_000,
          intervalMs: 200,
          what: 'capacity to be deciding this practice',
        });
        stoppedAt = ids.length;
        const t0 = Date.now();
        stopping = capacity.stop('SIGTERM').then((code) => {
          exitCode = code;
          shutdownMs = Date.now() - t0;
        });
      }
      await Promise.all(Array.from({ length: 10 }, post));
    }
    await stopping;
    expect(exitCode).toBe(0);
    expect(capacity.lines.some((l) => l.includes('"msg":"stopped"'))).toBe(true);

    const before = await decisions();
    // Mid-load: some were decided before the SIGTERM, and requests kept arriving after it.
    expect(before.length).toBeGreaterThan(0);
    expect(before.length).toBeLessThan(TOTAL);

    const again = await startSluiceProcess({ roles: ['capacity'], env });
    procs.push(again);
    await ready(again);
    const all = await waitFor(
      async () => {
        const d = await decisions();
        return new Set(d.map((x) => x.id)).size >= TOTAL ? d : null;
      },
      { timeoutMs: 120_000, intervalMs: 1000, what: `decisions for all ${TOTAL} requests` },
    );

    const firsts = all.filter((d) => d.sequence === 1);
    const byId = new Map<string, number>();
    for (const d of firsts) byId.set(d.id, (byId.get(d.id) ?? 0) + 1);
    expect(ids.filter((id) => !byId.has(id))).toEqual([]); // none missing
    expect([...byId].filter(([, n]) => n > 1)).toEqual([]); // none decided (or even announced) twice
    expect(byId.size).toBe(TOTAL);
    const accepted = firsts.filter((d) => d.outcome === 'accepted').length;
    expect(accepted).toBeLessThanOrEqual(SAFE);

    // The store agrees: admitted ≤ safe capacity in every share, and the restarted process saw no redelivery.
    const state = (await (
      await fetch(`${again.url}/v1/practices/${practice}/state?date=2026-11-30`, { headers: auth })
    ).json()) as {
      shares: Record<string, { used: number; safe: number }>;
    };
    for (const share of Object.values(state.shares)) expect(share.used).toBeLessThanOrEqual(share.safe);
    expect(Object.values(state.shares).reduce((n, s) => n + s.used, 0)).toBe(accepted);
    const metrics = await (await fetch(`${again.url}/metrics`)).text();
    expect(metrics).toMatch(/^sluice_duplicate_deliveries_total 0$/m);
    console.log(
      `graceful shutdown: SIGTERM after ${stoppedAt} of ${TOTAL} posted, ${before.length} decided before it; exit 0 in ${shutdownMs} ms`,
    );
  }, 360_000);
});
