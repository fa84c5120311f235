import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { kafkaBrokers, redisUrl, startSluiceProcess, uniqueName, waitFor, type SluiceProcess } from '@sluice/testkit';
import { promtool, run } from './support/tools';

/** Series with this name (and these labels) and a value above 0 in an exposition. */
function has(exposition: string, name: string, labels: Record<string, string> = {}): boolean {
  return exposition.split('\n').some((line) => {
    const m = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})? (\S+)/.exec(line);
    if (!m || m[1] !== name || !(Number(m[3]) > 0)) return false;
    return Object.entries(labels).every(([k, v]) => (m[2] ?? '').includes(`${k}="${v}"`));
  });
}

/**
 * Each role as its own process on real Kafka and Redis, plus the embedded default, after a little of
 * everything (requests, an emergency, a cancellation and promotion, a poison record, patient messages):
 * `promtool check metrics` accepts every /metrics, and each metric is emitted by the role that owns it.
 */
describe('/metrics of every role (real Kafka and Redis) and of the embedded process', () => {
  const run_ = uniqueName('metrics');
  const prefix = `${run_}:`;
  const suffix = `-${run_.slice(-17)}`;
  const operatorKey = `operator-${randomUUID()}`;
  const practice = `M${String(Math.floor(Math.random() * 90000) + 10000)}`;
  const env = {
    SLUICE_BUS: 'kafka',
    SLUICE_STORE: 'redis',
    KAFKA_BROKERS: kafkaBrokers().join(','),
    REDIS_URL: redisUrl(),
    SLUICE_REDIS_PREFIX: prefix,
    SLUICE_GROUP_SUFFIX: suffix,
    SLUICE_OPERATOR_KEY: operatorKey,
    SLUICE_CONTACT_HASH_SALT: `salt-${randomUUID()}`,
    SLUICE_NOW: '2026-11-30T10:00:00Z',
    SLUICE_LAG_INTERVAL_MS: '1000',
    LOG_LEVEL: 'warn',
  };
  const roles: Record<string, SluiceProcess> = {};
  let embedded: SluiceProcess;
  const scrape = async (p: SluiceProcess) => (await fetch(`${p.url}/metrics`)).text();

  beforeAll(async () => {
    const [intake, capacity, notifier, all] = await Promise.all([
      startSluiceProcess({ roles: ['intake'], env }),
      startSluiceProcess({ roles: ['capacity'], env }),
      startSluiceProcess({ roles: ['notifier'], env }),
      startSluiceProcess({ env: { SLUICE_NOW: env.SLUICE_NOW, SLUICE_OPERATOR_KEY: operatorKey, LOG_LEVEL: 'warn' } }),
    ]);
    Object.assign(roles, { intake, capacity, notifier });
    embedded = all!;
    for (const p of [intake!, capacity!, notifier!, embedded]) {
      await waitFor(async () => (await fetch(`${p.url}/readyz`)).status === 200, {
        timeoutMs: 60_000,
        what: `${p.url} ready`,
      });
    }

    const auth = { Authorization: `Bearer ${operatorKey}`, 'content-type': 'application/json' };
    await fetch(`${capacity!.url}/v1/practices/${practice}/config`, {
      method: 'PUT',
      headers: auth,
      body: JSON.stringify({ urgentSharePct: 0 }),
    });
    await fetch(`${capacity!.url}/v1/practices/${practice}/rota/2026-11-30`, {
      method: 'PUT',
      headers: auth,
      body: JSON.stringify({ clinicians: [{ id: 'gp1', role: 'GP', contacts: 2 }] }),
    });
    const post = async (description: string) => {
      const res = await fetch(`${intake!.url}/v1/practices/${practice}/requests`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ kind: 'clinical', description, contact: { sms: '07700900123' } }),
      });
      return ((await res.json()) as { id: string }).id;
    };
    const ids = [
      await post('Sore knee'),
      await post('Sore knee'),
      await post('Sore knee'),
      await post('crushing chest pain going down my left arm'),
    ];
    const status = async (id: string) =>
      ((await (await fetch(`${intake!.url}/v1/requests/${id}`)).json()) as { status: string }).status;
    await waitFor(async () => (await Promise.all(ids.map(status))).every((s) => s !== 'received'), {
      timeoutMs: 30_000,
      what: 'four decisions',
    });
    const cancel = await fetch(`${capacity!.url}/v1/practices/${practice}/requests/${ids[0]}/cancel`, {
      method: 'POST',
      headers: auth,
    });
    expect(cancel.status).toBe(200);

    const producer = new Kafka({ brokers: kafkaBrokers(), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    await producer.send({ topic: 'consultation.requested.v1', messages: [{ key: practice, value: '{"not json' }] });
    await producer.disconnect();

    // Each role has seen its part: a dead letter, a patient message, a lag reading (0 is fine).
    const seen: [SluiceProcess, string, (t: string) => boolean][] = [
      [capacity!, 'a dead letter', (t) => has(t, 'sluice_dead_letters_total')],
      [notifier!, 'a patient message', (t) => has(t, 'sluice_notifications_total')],
      [intake!, 'its consumer lag', (t) => t.includes('sluice_consumer_lag_messages{')],
    ];
    for (const [p, what, ok] of seen)
      await waitFor(async () => ok(await scrape(p)), { timeoutMs: 30_000, what: `${p.url} to export ${what}` });
  }, 180_000);

  afterAll(async () => {
    await Promise.all([...Object.values(roles), embedded].filter(Boolean).map((p) => p.stop()));
    const redis = new Redis(redisUrl());
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it.each(['intake', 'capacity', 'notifier', 'embedded'])(
    'happy: `promtool check metrics` accepts the %s /metrics',
    async (name) => {
      const text = await scrape(name === 'embedded' ? embedded : roles[name]!);
      const r = await run(promtool(), ['check', 'metrics'], { input: text });
      expect({ code: r.code, problems: `${r.stdout}${r.stderr}`.trim() }).toEqual({ code: 0, problems: '' });
    },
  );

  it('happy: intake exports HTTP RED by route, requests received by kind/urgency/screening, screenings by outcome and rule, red flags, and its consumer lag', async () => {
    const text = await scrape(roles.intake!);
    expect(has(text, 'sluice_http_requests_total', { route: '/v1/practices/:ods/requests', status: '202' })).toBe(true);
    expect(has(text, 'sluice_http_request_duration_seconds_count', { route: '/v1/practices/:ods/requests' })).toBe(
      true,
    );
    expect(
      has(text, 'sluice_requests_received_total', { kind: 'clinical', urgency: 'routine', screening: 'clear' }),
    ).toBe(true);
    expect(has(text, 'sluice_requests_received_total', { screening: 'emergency-signposted' })).toBe(true);
    expect(has(text, 'sluice_red_flags_total', { destination: '999' })).toBe(true);
    expect(has(text, 'sluice_screenings_total', { outcome: 'clear', rule: 'none' })).toBe(true);
    expect(has(text, 'sluice_screenings_total', { outcome: 'emergency' })).toBe(true);
    expect(text).toContain(
      `sluice_consumer_lag_messages{group="sluice-intake-status${suffix}",topic="consultation.decided.v1"`,
    );
    // Per-practice series belong to capacity alone.
    expect(text).not.toMatch(/^sluice_practice_/m);
  });

  it('happy: capacity exports decisions, latency, the practice gauges, level changes, promotions, dead letters and its lag', async () => {
    const text = await scrape(roles.capacity!);
    expect(has(text, 'sluice_decisions_total', { outcome: 'accepted', reason: 'accepted-routine' })).toBe(true);
    expect(has(text, 'sluice_decisions_total', { outcome: 'queued' })).toBe(true);
    expect(has(text, 'sluice_decisions_total', { outcome: 'redirected', reason: 'redirected-emergency' })).toBe(true);
    expect(has(text, 'sluice_practice_decisions_total', { practice })).toBe(true);
    expect(has(text, 'sluice_intake_to_decision_seconds_count')).toBe(true);
    expect(has(text, 'sluice_practice_level', { practice })).toBe(true); // RED: 2
    expect(has(text, 'sluice_practice_capacity_used', { practice, share: 'routine' })).toBe(true);
    expect(has(text, 'sluice_practice_capacity_safe', { practice, share: 'routine' })).toBe(true);
    expect(text).toContain(`sluice_practice_queue_depth{practice="${practice}"}`);
    expect(text).toContain(`sluice_practice_oldest_queued_seconds{practice="${practice}"}`);
    expect(text).toContain(`sluice_practice_oldest_queued_working_seconds{practice="${practice}"}`);
    expect(has(text, 'sluice_level_changes_total', { to: 'RED' })).toBe(true);
    expect(has(text, 'sluice_promotions_total')).toBe(true);
    expect(has(text, 'sluice_dead_letters_total', { topic: 'consultation.requested.v1' })).toBe(true);
    expect(text).toContain(
      `sluice_consumer_lag_messages{group="sluice-capacity${suffix}",topic="consultation.requested.v1"`,
    );
  });

  it('happy: notifier exports patient messages by channel and outcome, and its lag; every role exports Node default metrics', async () => {
    const text = await scrape(roles.notifier!);
    expect(has(text, 'sluice_notifications_total', { channel: 'log', outcome: 'sent' })).toBe(true);
    expect(text).toContain(
      `sluice_consumer_lag_messages{group="sluice-notifier${suffix}",topic="consultation.decided.v1"`,
    );
    for (const p of [...Object.values(roles), embedded]) {
      const t = await scrape(p);
      expect(has(t, 'process_cpu_seconds_total')).toBe(true);
      expect(has(t, 'nodejs_heap_size_used_bytes')).toBe(true);
    }
  });
});
