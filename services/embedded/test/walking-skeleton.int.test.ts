import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { createSluiceClient, type SluiceClient } from '@sluice/client';
import { TOPICS } from '@sluice/contracts';
import { startSluiceProcess, waitFor, type SluiceProcess } from '@sluice/testkit';

/** Polls `fn` every 100 ms until it returns something truthy (30 s unless told). */
const until = <T>(what: string, fn: () => Promise<T>, timeoutMs = 30_000) =>
  waitFor(fn, { what, timeoutMs, intervalMs: 100 });

const brokers = process.env.KAFKA_BROKERS;
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
if (!brokers) throw new Error('KAFKA_BROKERS is not set: run through `pnpm test`, which starts a Kafka broker');

/**
 * The whole journey on real parts: intake, capacity and notifier as three OS processes, talking
 * through a real Kafka broker and a real Redis.
 */
describe('walking skeleton on real Kafka and Redis (three processes)', () => {
  const run = randomUUID().slice(0, 8);
  const prefix = `e2e:${run}:`;
  const operatorKey = `operator-${randomUUID()}`;
  const env = {
    SLUICE_BUS: 'kafka',
    SLUICE_STORE: 'redis',
    KAFKA_BROKERS: brokers,
    REDIS_URL: redisUrl,
    REDIS_PERSISTENCE_CHECK: 'off', // the shared test Redis persists nothing
    SLUICE_REDIS_PREFIX: prefix,
    SLUICE_GROUP_SUFFIX: `-${run}`,
    SLUICE_OPERATOR_KEY: operatorKey,
    SLUICE_NOW: '2026-11-30T10:00:00Z', // a Monday in core hours
  };
  let intake: SluiceProcess;
  let capacity: SluiceProcess;
  let notifier: SluiceProcess;
  const practice = `E${String(Math.floor(Math.random() * 90000) + 10000)}`;
  const auth = { Authorization: `Bearer ${operatorKey}`, 'content-type': 'application/json' };
  // The published contract's own client, for the calls an integrator makes.
  let tool: SluiceClient;
  let admin: SluiceClient;
  let patient: SluiceClient;

  beforeAll(async () => {
    [intake, capacity, notifier] = await Promise.all([
      startSluiceProcess({ roles: ['intake'], env }),
      startSluiceProcess({ roles: ['capacity'], env }),
      startSluiceProcess({ roles: ['notifier'], env }),
    ]);
    await until(
      'all three ready',
      async () => {
        const codes = await Promise.all(
          [intake, capacity, notifier].map(async (p) => (await fetch(`${p.url}/readyz`)).status),
        );
        return codes.every((c) => c === 200);
      },
      60_000,
    );
    tool = createSluiceClient({ baseUrl: intake.url, key: operatorKey });
    admin = createSluiceClient({ baseUrl: capacity.url, key: operatorKey });
    patient = createSluiceClient({ baseUrl: intake.url });
  }, 120_000);

  afterAll(async () => {
    await Promise.all([intake, capacity, notifier].filter(Boolean).map((p) => p.stop()));
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  const smallest = {
    kind: 'clinical',
    description: 'Rash on my arm for two weeks',
    contact: { sms: '07700900123' },
  } as const;
  const post = (body: typeof smallest, o: { as?: SluiceClient; idempotencyKey?: string; to?: string } = {}) =>
    (o.as ?? tool).POST('/v1/practices/{ods}/requests', {
      params: {
        path: { ods: o.to ?? practice },
        ...(o.idempotencyKey ? { header: { 'Idempotency-Key': o.idempotencyKey } } : {}),
      },
      body,
    });
  const status = async (id: string) => {
    const { data, error } = await patient.GET('/v1/requests/{id}', { params: { path: { id } } });
    if (!data) throw new Error(`status of ${id}: ${JSON.stringify(error)}`);
    return data;
  };

  it('happy: a request travels HTTP → Kafka → capacity (Redis) → notifier, and GET shows the decision; then capacity runs out and the next is queued', async () => {
    const rota = await admin.PUT('/v1/practices/{ods}/rota/{date}', {
      params: { path: { ods: practice, date: '2026-11-30' } },
      body: { clinicians: [{ id: 'gp1', role: 'GP', contacts: 2 }] },
    });
    expect(rota.response.status).toBe(200);
    expect(rota.data?.safeCapacity).toMatchObject({ total: 2, routine: 2 });
    const config = await admin.PUT('/v1/practices/{ods}/config', {
      params: { path: { ods: practice } },
      body: { urgentSharePct: 0 },
    });
    expect(config.data?.urgentSharePct).toBe(0);

    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await post(smallest);
      expect(res.response.status).toBe(202);
      const body = res.data!;
      expect(body.status).toBe('received');
      expect(body.statusUrl).toBe(`${intake.url}/v1/requests/${body.id}`);
      ids.push(body.id);
      // One at a time, so arrival order is the order the test asserts.
      await until(`decision for request ${i + 1}`, async () => (await status(body.id)).status !== 'received');
    }
    const statuses = await Promise.all(ids.map(status));
    expect(statuses.map((s) => s.status)).toEqual(['accepted', 'accepted', 'queued']);
    expect(statuses[2]!.queue?.position).toBe(1);

    // The notifier (its own process) told each patient once, through the log channel, without the phone number.
    await until('three patient messages', async () =>
      ids.every((id) => notifier.lines.some((l) => l.includes(id) && l.includes('patient message'))),
    );
    const notifierLog = notifier.lines.join('\n');
    expect(notifierLog).not.toContain('07700900123');
    expect(notifierLog).not.toContain('Rash on my arm');
    for (const id of ids)
      expect(notifier.lines.filter((l) => l.includes(id) && l.includes('patient message'))).toHaveLength(1);
  }, 120_000);

  it('happy: a repeated Idempotency-Key returns the first answer and publishes once', async () => {
    const key = `idem-${randomUUID()}`;
    const first = await post(smallest, { idempotencyKey: key });
    const second = await post(smallest, { idempotencyKey: key });
    expect(first.response.status).toBe(202);
    expect(second.response.status).toBe(202);
    const [a, b] = [first.data!, second.data!];
    expect(b.id).toBe(a.id);
    expect(second.response.headers.get('idempotent-replayed')).toBe('true');
    // Read the topic: exactly one consultation.requested.v1 carries that id.
    const seen = (await readAll(TOPICS.requested)).filter((v) => v.includes(a.id)).length;
    expect(seen).toBe(1);
  }, 60_000);

  const kafka = () => new Kafka({ brokers: brokers.split(','), clientId: `e2e-${run}`, logLevel: logLevel.NOTHING });
  const highWater = async (topic: string) => {
    const admin = kafka().admin();
    await admin.connect();
    const n = (await admin.fetchTopicOffsets(topic)).reduce((s, p) => s + Number(p.high), 0);
    await admin.disconnect();
    return n;
  };
  const readAll = async (topic: string): Promise<string[]> => {
    const end = await highWater(topic);
    const consumer = kafka().consumer({ groupId: `e2e-read-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const values: string[] = [];
    await consumer.run({ eachMessage: async ({ message }) => void values.push(message.value?.toString() ?? '') });
    await until(`reading ${topic}`, async () => values.length >= end, 30_000);
    await consumer.disconnect();
    return values;
  };

  it('happy: the same Kafka message delivered twice is decided once: same decision, one reservation (real Redis)', async () => {
    const p2 = `F${String(Math.floor(Math.random() * 90000) + 10000)}`;
    await fetch(`${capacity.url}/v1/practices/${p2}/rota/2026-11-30`, {
      method: 'PUT',
      headers: auth,
      body: JSON.stringify({ clinicians: [{ id: 'gp1', role: 'GP', contacts: 10 }] }),
    });
    const id = randomUUID();
    const event = {
      type: 'consultation.requested',
      version: 1,
      id,
      practice: p2,
      receivedAt: '2026-11-30T10:00:00.000Z',
      kind: 'clinical',
      urgency: 'routine',
      description: 'Sore knee',
      contact: { sms: '07700900123' },
      screening: { outcome: 'clear' },
    };
    const producer = kafka().producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    // Two separate sends: a true redelivery from the consumer's point of view (two offsets, one request id).
    await producer.send({ topic: TOPICS.requested, messages: [{ key: p2, value: JSON.stringify(event) }] });
    await producer.send({ topic: TOPICS.requested, messages: [{ key: p2, value: JSON.stringify(event) }] });
    await producer.disconnect();
    const decisions = await until('two decision events for one request', async () => {
      const all = (await readAll(TOPICS.decided))
        .map((v) => JSON.parse(v) as { id: string; outcome: string; sequence: number })
        .filter((d) => d.id === id);
      return all.length >= 2 ? all : null;
    });
    expect(decisions.map((d) => [d.outcome, d.sequence])).toEqual([
      ['accepted', 1],
      ['accepted', 1],
    ]);
    const state = (await (
      await fetch(`${capacity.url}/v1/practices/${p2}/state?date=2026-11-30`, { headers: auth })
    ).json()) as { shares: { routine: { used: number } } };
    expect(state.shares.routine.used).toBe(1);
    const redis = new Redis(redisUrl);
    expect(await redis.hget(`${prefix}{${p2}}:day:2026-11-30`, 'used:routine')).toBe('1');
    redis.disconnect();
  }, 90_000);

  it('error: a malformed Kafka message goes to the dead-letter topic (no payload) and the consumer keeps consuming', async () => {
    const producer = kafka().producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const marker = randomUUID();
    await producer.send({ topic: TOPICS.requested, messages: [{ key: practice, value: `{"not json ${marker}` }] });
    await producer.disconnect();
    const letters = await until('the dead letter', async () => {
      const all = (await readAll(`${TOPICS.requested}.dlq`)).map(
        (v) => JSON.parse(v) as { error: string; sourceTopic: string },
      );
      return all.length ? all : null;
    });
    expect(letters.some((l) => l.sourceTopic === TOPICS.requested && /not JSON/.test(l.error))).toBe(true);
    expect(JSON.stringify(letters)).not.toContain(marker);
    // And the consumer carried on: a fresh request is still decided.
    const { id } = (await post(smallest)).data!;
    await until('a decision after the poison record', async () => (await status(id)).status !== 'received');
  }, 90_000);

  it('happy: a red-flag request is answered at once with a destination, never queued or counted (real Redis), and still published for the practice', async () => {
    const p3 = `G${String(Math.floor(Math.random() * 90000) + 10000)}`;
    await fetch(`${capacity.url}/v1/practices/${p3}/rota/2026-11-30`, {
      method: 'PUT',
      headers: auth,
      body: JSON.stringify({ clinicians: [{ id: 'gp1', role: 'GP', contacts: 1 }] }),
    });
    const res = await fetch(`${intake.url}/v1/practices/${p3}/requests`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ ...smallest, description: 'my face has dropped on one side and my speech is slurred' }),
    });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { id: string; status: string; destination: string; reason: { text: string } };
    expect(body).toMatchObject({ status: 'redirected', destination: '999' });
    expect(body.reason.text).toMatch(/999/);
    await until(
      'the decision',
      async () =>
        (await status(body.id)).status === 'redirected' &&
        (await status(body.id)).reason.code === 'redirected-emergency',
    );
    const redis = new Redis(redisUrl);
    const day = await redis.hgetall(`${prefix}{${p3}}:day:2026-11-30`);
    expect(Number(day['used:routine'] ?? 0) + Number(day['used:urgent'] ?? 0)).toBe(0);
    expect(await redis.zcard(`${prefix}{${p3}}:wait:clinical`)).toBe(0);
    redis.disconnect();
    // The topic also holds other tests' records (a poison one among them): read only this request's.
    const raw = (await readAll(TOPICS.requested)).find((v) => v.includes(body.id));
    const published = raw ? (JSON.parse(raw) as { screening: { outcome: string; ruleId?: string } }) : undefined;
    expect(published?.screening.outcome).toBe('emergency-signposted');
    expect(published?.screening.ruleId).toBeTruthy();
  }, 60_000);

  it('safety: a concern on the bus goes to the duty clinician today in Redis: urgent share, then overbooked; never queued, never routine', async () => {
    const p4 = `H${String(Math.floor(Math.random() * 90000) + 10000)}`;
    // 5 contacts: 4 routine and 1 urgent at the default 20 % urgent share.
    await fetch(`${capacity.url}/v1/practices/${p4}/rota/2026-11-30`, {
      method: 'PUT',
      headers: auth,
      body: JSON.stringify({ clinicians: [{ id: 'gp1', role: 'GP', contacts: 5 }] }),
    });
    const advice = 'Call 999 if your legs go weak or numb.';
    const ids = [randomUUID(), randomUUID()];
    const producer = kafka().producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({
      topic: TOPICS.requested,
      messages: ids.map((id) => ({
        key: p4,
        value: JSON.stringify({
          type: 'consultation.requested',
          version: 1,
          id,
          practice: p4,
          receivedAt: '2026-11-30T10:00:00.000Z',
          kind: 'clinical',
          urgency: 'routine',
          description: 'Back ache',
          contact: { sms: '07700900123' },
          screening: { outcome: 'concern', ruleId: 'test-concern', rulesVersion: 't', advice },
        }),
      })),
    });
    await producer.disconnect();
    const docs = await until('both concerns decided', async () => {
      const all = await Promise.all(ids.map((id) => status(id)));
      return all.every((d) => d.status === 'accepted') ? all : null;
    });
    for (const d of docs)
      expect(d).toMatchObject({
        screening: 'concern',
        advice,
        reason: { code: 'concern-duty-clinician' },
        day: '2026-11-30',
      });
    const redis = new Redis(redisUrl);
    const day = await redis.hgetall(`${prefix}{${p4}}:day:2026-11-30`);
    expect(Number(day['used:routine'] ?? 0)).toBe(0);
    expect(Number(day['used:urgent'] ?? 0)).toBe(2);
    expect(await redis.zcard(`${prefix}{${p4}}:wait:clinical`)).toBe(0);
    redis.disconnect();
    const decided = (await readAll(TOPICS.decided))
      .map((v) => JSON.parse(v) as { id: string; flags: string[] })
      .filter((d) => (ids as string[]).includes(d.id));
    expect(decided.map((d) => [...d.flags].sort())).toEqual([['concern'], ['concern', 'duty-clinician']]);
  }, 60_000);

  it('error: a malformed body is a 400 problem naming the fields, and nothing is published', async () => {
    const before = await highWater(TOPICS.requested);
    // Not through the typed client, which would not compile a body this wrong.
    const res = await fetch(`${intake.url}/v1/practices/${practice}/requests`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ kind: 'clinical', description: '', contact: { sms: 'not a number' } }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const body = (await res.json()) as { errors: { path: string }[] };
    expect(body.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['description', 'contact.sms']));
    expect(await highWater(TOPICS.requested)).toBe(before);
  });

  it('security: a client key issued by the capacity role is honoured by the intake process (Redis): its practice only; none, unknown practices refused', async () => {
    const issued = await admin.POST('/v1/clients', { body: { name: 'Consult tool', practices: [practice] } });
    expect(issued.response.status).toBe(201);
    const asClient = createSluiceClient({ baseUrl: intake.url, key: issued.data!.key });
    expect((await post(smallest, { as: asClient })).response.status).toBe(202);
    const other = `K${String(Math.floor(Math.random() * 90000) + 10000)}`;
    await admin.PUT('/v1/practices/{ods}/rota/weekly', { params: { path: { ods: other } }, body: {} });
    expect((await post(smallest, { as: asClient, to: other })).response.status).toBe(403);
    const stranger = createSluiceClient({ baseUrl: intake.url, key: 'slc_never-issued-to-anyone-at-all' });
    const refused = await post(smallest, { as: stranger });
    expect(refused.response.status).toBe(401);
    expect(refused.error).toMatchObject({ status: 401, title: expect.any(String) });
    const unknown = await post(smallest, { to: 'Y99999' });
    expect(unknown.response.status).toBe(404);
    expect(unknown.response.headers.get('content-type')).toMatch(/problem\+json/);
  }, 30_000);
});
