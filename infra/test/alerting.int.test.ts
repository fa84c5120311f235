import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { Kafka, logLevel } from 'kafkajs';
import {
  redisUrl,
  startPrivateKafka,
  startSluiceProcess,
  waitFor,
  type PrivateKafka,
  type SluiceProcess,
} from '@sluice/testkit';
import { startAlertmanager, type AlertmanagerServer, type ReceivedAlert } from './support/alertmanager-server';
import { freePort, startPrometheus, type PrometheusServer } from './support/prometheus-server';
import { scaledRules } from './support/scaled-rules';

// The rules' durations divided by this: for: 2m is 6 s, [15m] 45 s (keep_firing_for stays 10m: see scaledRules).
const FACTOR = 20;
// Generous: on a loaded 2-core machine a private broker alone has taken 55 s to start.
jest.setTimeout(240_000);

/**
 * What an on-call engineer would see. The three roles as their own processes on a private Kafka
 * broker and the test Redis; a real Prometheus (the repo's rules, durations scaled down by FACTOR,
 * scraping every second) sending to a real Alertmanager (the repo's routes, receivers pointed at a
 * local recorder). A short script: a poison record, a webhook that refuses (403), a pause, the
 * capacity process killed and started again. Each alert must fire on the first event and reach the
 * right receiver; a dead consumer group must alert; the restart must not re-notify the ICB; the
 * latency must read the real wait across the restart.
 */
describe('alerts that reach someone: real Prometheus and Alertmanager against the three roles', () => {
  const run = randomUUID().slice(0, 8);
  const suffix = `-${run}`;
  const operatorKey = randomBytes(24).toString('hex');
  const ods = (letter: string) => `${letter}${String(10000 + Math.floor(Math.random() * 89999))}`;
  const [REFUSED, PAUSED, ROOMY] = [ods('R'), ods('P'), ods('G')];
  let broker: PrivateKafka;
  let webhook: Server;
  let prom: PrometheusServer;
  let am: AlertmanagerServer;
  let rules: ReturnType<typeof scaledRules>;
  const procs: Record<'intake' | 'capacity' | 'notifier', SluiceProcess | undefined> = {
    intake: undefined,
    capacity: undefined,
    notifier: undefined,
  };
  let env: Record<string, string>;
  const ports = { intake: 0, capacity: 0, notifier: 0 };

  const start = async (role: keyof typeof procs) => {
    procs[role] = await startSluiceProcess({
      roles: [role],
      env: { ...env, PORT: String(ports[role]) },
      timeoutMs: 90_000,
    });
    await waitFor(async () => (await fetch(`${procs[role]!.url}/readyz`)).status === 200, {
      timeoutMs: 60_000,
      what: `${role} ready`,
    });
  };

  beforeAll(async () => {
    const t = Date.now();
    const redis = redisUrl(); // fail at once, not after a broker start, when there is none
    // The webhook channel's receiver refuses every message: 403, never retried.
    webhook = createServer((req, res) => req.resume().on('end', () => res.writeHead(403).end('{"error":"forbidden"}')));
    await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
    broker = await startPrivateKafka();
    const tBroker = Date.now();
    for (const role of ['intake', 'capacity', 'notifier'] as const) ports[role] = await freePort();
    env = {
      SLUICE_BUS: 'kafka',
      SLUICE_STORE: 'redis',
      KAFKA_BROKERS: broker.brokers.join(','),
      REDIS_URL: redis,
      SLUICE_REDIS_PREFIX: `alerting:${run}:`,
      SLUICE_GROUP_SUFFIX: suffix,
      SLUICE_OPERATOR_KEY: operatorKey,
      SLUICE_CONTACT_HASH_SALT: randomBytes(16).toString('hex'),
      SLUICE_NOW: '2026-11-30T09:00:00Z',
      SLUICE_CLOCK: 'running',
      SLUICE_NOTIFY_CHANNEL: 'webhook',
      SLUICE_WEBHOOK_URL: `http://127.0.0.1:${(webhook.address() as { port: number }).port}/hook`,
      SLUICE_WEBHOOK_SECRET: randomBytes(32).toString('hex'),
      SLUICE_LAG_INTERVAL_MS: '1000',
      SLUICE_SWEEP_INTERVAL_MS: '1000',
      KAFKA_PARTITIONS: '3',
      LOG_LEVEL: 'warn',
    };
    await Promise.all([start('intake'), start('capacity'), start('notifier')]);
    rules = scaledRules(FACTOR);
    am = await startAlertmanager();
    prom = await startPrometheus(
      Object.values(ports).map((p) => `127.0.0.1:${p}`),
      1,
      { ruleFiles: rules.files, alertmanager: am.address },
    );
    console.log(
      `alerting test setup: broker ${((tBroker - t) / 1000).toFixed(1)} s, roles + Prometheus + Alertmanager ${((Date.now() - tBroker) / 1000).toFixed(1)} s`,
    );
  });

  afterAll(async () => {
    const t = Date.now();
    await prom?.stop();
    await am?.stop();
    rules?.remove();
    await Promise.all(Object.values(procs).map((p) => p?.stop('SIGKILL')));
    await broker?.stop();
    await new Promise<void>((resolve) => (webhook ? webhook.close(() => resolve()) : resolve()));
    console.log(`alerting test teardown ${((Date.now() - t) / 1000).toFixed(1)} s`);
  });

  const auth = { Authorization: `Bearer ${operatorKey}`, 'content-type': 'application/json' };
  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`http://127.0.0.1:${ports.capacity}${path}`, {
      method,
      headers: auth,
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  const post = async (practice: string) => {
    const res = await fetch(`http://127.0.0.1:${ports.intake}/v1/practices/${practice}/requests`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        kind: 'clinical',
        description: 'Rash on my arm for two weeks',
        contact: { sms: '07700900123' },
      }),
    });
    expect(res.status).toBe(202);
    return ((await res.json()) as { id: string }).id;
  };
  const decided = (id: string) =>
    waitFor(
      async () =>
        ((await (await fetch(`http://127.0.0.1:${ports.intake}/v1/requests/${id}`)).json()) as { status: string })
          .status !== 'received',
      { timeoutMs: 60_000, what: `request ${id} decided` },
    );
  const firing = async (alertname: string) =>
    (await prom.query(`ALERTS{alertname="${alertname}", alertstate="firing"}`)).map((s) => s.metric);
  /** Waits until Alertmanager holds an active alert matching `labels`, and returns it. */
  const reaches = (labels: Record<string, string>, what: string) =>
    waitFor(
      async () =>
        (await am.alerts()).find(
          (a: ReceivedAlert) =>
            a.status.state === 'active' && Object.entries(labels).every(([k, v]) => a.labels[k] === v),
        ) ?? null,
      { timeoutMs: 60_000, intervalMs: 250, what },
    );
  const receiverOf = (a: ReceivedAlert) => a.receivers.map((r) => r.name);

  it('happy: the first poison record, the first refusal and a pause each fire and reach their receiver; a dead capacity group alerts; the restart neither re-notifies the ICB nor skews latency', async () => {
    const t0 = Date.now();
    expect(
      (
        await admin('PUT', `/v1/practices/${REFUSED}/rota/2026-11-30`, {
          clinicians: [{ id: 'gp1', role: 'GP', contacts: 25 }],
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await admin('PUT', `/v1/practices/${ROOMY}/rota/2026-11-30`, {
          clinicians: [{ id: 'gp1', role: 'GP', contacts: 25 }],
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await admin('PUT', `/v1/practices/${PAUSED}/rota/2026-11-30`, {
          clinicians: [{ id: 'gp1', role: 'GP', contacts: 25 }],
        })
      ).status,
    ).toBe(200);

    // Born at zero: Prometheus has the dead-letter and rejection counters at 0 before any event.
    await waitFor(
      async () => (await prom.query(`sluice_dead_letters_total{topic="consultation.requested.v1"} == 0`)).length === 1,
      { timeoutMs: 20_000, what: 'the dead-letter counter scraped at 0' },
    );
    // Each role is scraped on its own schedule: the notifier's first scrape may come after capacity's.
    await waitFor(
      async () =>
        (await prom.query(`sluice_notification_rejections_total{channel="webhook", status="403"}`)).length === 1,
      { timeoutMs: 20_000, what: 'the notifier scraped' },
    );
    expect(
      (await prom.query(`sluice_notification_rejections_total{channel="webhook", status="403"}`)).map((s) => s.value),
    ).toEqual([0]);
    expect(await firing('SluiceDeadLettersGrowing')).toEqual([]);

    // 1. The first poison record: dead-lettered by capacity, alerted, routed to the on-call ticket queue.
    const producer = new Kafka({ brokers: broker.brokers, logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    await producer.send({ topic: 'consultation.requested.v1', messages: [{ key: REFUSED, value: '{"not json' }] });
    await producer.disconnect();
    const dead = await reaches(
      { alertname: 'SluiceDeadLettersGrowing', topic: 'consultation.requested.v1' },
      'the first dead letter to reach Alertmanager',
    );
    expect(receiverOf(dead)).toEqual(['oncall-ticket']);
    expect(dead.annotations.runbook).toBe('docs/operations.md#sluicedeadlettersgrowing');

    // 2. The first refusal: one request, accepted, its message refused (403) by the webhook: paged.
    await decided(await post(REFUSED));
    const refused = await reaches(
      { alertname: 'SluiceNotificationRejected', channel: 'webhook', status: '403' },
      'the first refusal to reach Alertmanager',
    );
    expect(receiverOf(refused)).toEqual(['oncall-page']);

    // 3. A pause: BLACK and paused, both to the ICB's receiver, never to on-call.
    const pause = await admin('POST', `/v1/practices/${PAUSED}/pause`, {
      reason: 'Flooding closed the surgery building',
      by: 'Practice manager',
      until: '2026-11-30T18:00:00Z',
    });
    expect(pause.status).toBeLessThan(300);
    const black = await reaches({ alertname: 'SluicePracticeBlack', practice: PAUSED }, 'BLACK to reach Alertmanager');
    const paused = await reaches(
      { alertname: 'SluicePracticePaused', practice: PAUSED },
      'the pause to reach Alertmanager',
    );
    expect([receiverOf(black), receiverOf(paused)]).toEqual([['icb'], ['icb']]);
    const icbBlack = () =>
      am.notifications.filter(
        (n) =>
          n.receiver === 'icb' &&
          n.alerts.some((a) => a.labels.alertname === 'SluicePracticeBlack' && a.labels.practice === PAUSED),
      );
    await waitFor(async () => icbBlack().length > 0, { timeoutMs: 20_000, what: 'the ICB receiver to be sent BLACK' });
    const tFired = (Date.now() - t0) / 1000;

    // 4. Capacity killed: nobody reports its group's lag, so the group-down alert (not the lag alert) pages.
    await procs.capacity!.stop('SIGKILL');
    const tKill = Date.now();
    const waiting = await post(ROOMY); // taken while nothing decides: it waits for the restart
    const down = await reaches(
      { alertname: 'SluiceConsumerGroupDown', group: 'sluice-capacity' },
      'the dead capacity group to reach Alertmanager',
    );
    expect(receiverOf(down)).toEqual(['oncall-page']);
    const targetDown = await waitFor(
      async () => {
        const f = await firing('SluiceTargetDown');
        return f.length ? f : null;
      },
      { timeoutMs: 20_000, intervalMs: 250, what: 'SluiceTargetDown to fire' },
    );
    expect(targetDown.map((m) => m.instance)).toEqual([`127.0.0.1:${ports.capacity}`]);
    const tDown = (Date.now() - tKill) / 1000;
    const tRestart = Date.now();
    await start('capacity');
    const restartS = (Date.now() - tRestart) / 1000;
    await decided(waiting);
    const waitedMs = Date.now() - tKill;
    const after = [await post(ROOMY), await post(ROOMY), await post(ROOMY)];
    for (const id of after) await decided(id);

    // The group and the target come back: both alerts resolve.
    await waitFor(
      async () =>
        (await firing('SluiceConsumerGroupDown')).length === 0 && (await firing('SluiceTargetDown')).length === 0,
      { timeoutMs: 30_000, intervalMs: 250, what: 'group-down and target-down to resolve' },
    );
    // One restart is not a crash loop.
    expect(await firing('SluiceCrashLooping')).toEqual([]);

    // BLACK never resolved through the restart (keep_firing_for), so the ICB was sent it once, never resolved.
    expect((await firing('SluicePracticeBlack')).map((m) => m.practice)).toEqual([PAUSED]);
    await new Promise((r) => setTimeout(r, 3000)); // two group intervals: anything Alertmanager would send has been sent
    const sent = icbBlack().map(
      (n) => n.alerts.find((a) => a.labels.alertname === 'SluicePracticeBlack' && a.labels.practice === PAUSED)!.status,
    );
    expect(sent).toEqual(['firing']);

    // Latency across the restart: the request that waited for it measures the wait (one clock), the
    // three after it well under a second. A clock anchored at the restart would have read ~0.
    const capacity = `instance="127.0.0.1:${ports.capacity}"`;
    const [sum, count, fast] = await waitFor(
      async () => {
        const q = async (e: string) => (await prom.query(e))[0]?.value ?? NaN;
        const v = [
          await q(`sluice_intake_to_decision_seconds_sum{${capacity}}`),
          await q(`sluice_intake_to_decision_seconds_count{${capacity}}`),
          await q(`sluice_intake_to_decision_seconds_bucket{${capacity}, le="1"}`),
        ];
        return v[1] === 4 ? (v as [number, number, number]) : null;
      },
      { timeoutMs: 20_000, what: 'the restarted capacity to be scraped with four decisions' },
    );
    expect(count).toBe(4);
    expect(fast).toBe(3);
    expect(sum).toBeGreaterThan(waitedMs / 1000 - 2);
    expect(sum).toBeLessThan(waitedMs / 1000 + 3);
    console.log(
      `alerting test: first alerts in AM ${tFired.toFixed(1)} s after the script began; group-down in AM ${tDown.toFixed(1)} s after the kill; ` +
        `capacity restart ${restartS.toFixed(1)} s; waiting request decided ${(waitedMs / 1000).toFixed(1)} s after the kill, latency sum after the restart ${sum.toFixed(2)} s; ICB sent BLACK ${sent.length}x`,
    );
  });
});
