import request from 'supertest';
import { InProcessEventBus } from '@sluice/event-bus';
import { CONCERN_ADVICE, intake, post, published, smallest, STACKS, useStack } from './harness';

describe.each(STACKS)('intake (%s)', (which) => {
  beforeAll(() => useStack(which));

  it('happy: takes the smallest body, publishes keyed by practice, answers 202 with a status link', async () => {
    const bus = new InProcessEventBus();
    const { app, viaExpress } = intake(bus);
    const res = await post(app, '/v1/practices/a81001/requests').send(smallest).expect(202);
    // On the fast path, express never saw the create (the status read below is its).
    expect(viaExpress).toEqual([]);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'received',
      statusUrl: `http://sluice.test/v1/requests/${res.body.id}`,
      screening: 'clear',
    });
    const [event] = await published(bus);
    expect(event).toMatchObject({
      id: res.body.id,
      practice: 'A81001',
      urgency: 'routine',
      screening: { outcome: 'clear' },
      receivedAt: '2026-11-30T10:00:00.000Z',
    });
    expect(event!.contactHash).toMatch(/^[0-9a-f]{64}$/);
    const status = await request(app).get(`/v1/requests/${res.body.id}`).expect(200);
    expect(status.body).toMatchObject({
      id: res.body.id,
      practice: 'A81001',
      status: 'received',
      reason: { code: 'received' },
      screening: 'clear',
    });
  });

  it('happy: request ids are unguessable and distinct', async () => {
    const { app } = intake();
    const ids = new Set<string>();
    for (let i = 0; i < 20; i++) ids.add((await post(app, '/v1/practices/A81001/requests').send(smallest)).body.id);
    expect(ids.size).toBe(20);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('happy: an emergency is answered at once with its destination, and still published for the practice', async () => {
    const bus = new InProcessEventBus();
    const { app } = intake(bus);
    const res = await post(app, '/v1/practices/A81001/requests')
      .send({ ...smallest, description: 'EMERGENCY' })
      .expect(202);
    expect(res.body).toMatchObject({
      status: 'redirected',
      destination: '999',
      reason: { code: 'redirected-emergency', text: 'Call 999 now.' },
      screening: 'emergency',
    });
    const [event] = await published(bus);
    expect(event!.screening).toEqual({
      outcome: 'emergency-signposted',
      ruleId: 'test-rule',
      rulesVersion: 't',
      destination: '999',
    });
  });

  it('happy: a concern is answered 202 received with the rule’s advice, published for the duty clinician, and its status says so', async () => {
    const bus = new InProcessEventBus();
    const { app } = intake(bus);
    const res = await post(app, '/v1/practices/A81001/requests')
      .send({ ...smallest, description: 'CONCERN' })
      .expect(202);
    expect(res.body).toEqual({
      id: res.body.id,
      status: 'received',
      statusUrl: `http://sluice.test/v1/requests/${res.body.id}`,
      screening: 'concern',
      advice: CONCERN_ADVICE,
    });
    const [event] = await published(bus);
    expect(event!.screening).toEqual({
      outcome: 'concern',
      ruleId: 'test-concern',
      rulesVersion: 't',
      advice: CONCERN_ADVICE,
    });
    const status = await request(app).get(`/v1/requests/${res.body.id}`).expect(200);
    expect(status.body).toMatchObject({
      status: 'received',
      screening: 'concern',
      advice: CONCERN_ADVICE,
      reason: { code: 'received', text: expect.stringContaining('doctor or nurse') },
    });
  });

  it('safety: a concern whose rule text is too long to carry is still taken, without it (the practice wording says when to call 999)', async () => {
    const bus = new InProcessEventBus();
    const { app } = intake(bus);
    const res = await post(app, '/v1/practices/A81001/requests')
      .send({ ...smallest, description: 'CONCERN LONG' })
      .expect(202);
    expect(res.body).toMatchObject({ status: 'received', screening: 'concern' });
    expect(res.body.advice).toBeUndefined();
    const [event] = await published(bus);
    expect(event!.screening).toEqual({ outcome: 'concern', ruleId: 'test-concern', rulesVersion: 't' });
  });

  it('happy: each screening is counted by outcome and rule (sluice_screenings_total)', async () => {
    const { app, metrics } = intake();
    for (const description of ['CONCERN', 'CONCERN', 'EMERGENCY', 'Rash'])
      await post(app, '/v1/practices/A81001/requests')
        .send({ ...smallest, description })
        .expect(202);
    const counts = Object.fromEntries(
      (await metrics.screenings.get()).values.map((v) => [`${v.labels.outcome}/${v.labels.rule}`, v.value]),
    );
    expect(counts).toEqual({ 'concern/test-concern': 2, 'emergency/test-rule': 1, 'clear/none': 1 });
  });

  it('happy: a repeated Idempotency-Key returns the first answer and publishes once', async () => {
    const bus = new InProcessEventBus();
    const { app } = intake(bus);
    const a = await post(app, '/v1/practices/A81001/requests').set('Idempotency-Key', 'k-1').send(smallest).expect(202);
    const b = await post(app, '/v1/practices/A81001/requests').set('Idempotency-Key', 'k-1').send(smallest).expect(202);
    expect(b.body).toEqual(a.body);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(await published(bus)).toHaveLength(1);
    await post(app, '/v1/practices/A81001/requests')
      .set('Idempotency-Key', 'k-1')
      .send({ ...smallest, description: 'other' })
      .expect(422);
  });

  it.each([
    ['a bad practice code', '/v1/practices/12345/requests', smallest, 'ods'],
    ['a missing kind', '/v1/practices/A81001/requests', { description: 'x', contact: { sms: '07700900123' } }, 'kind'],
    ['no way to reply', '/v1/practices/A81001/requests', { kind: 'admin', description: 'x', contact: {} }, 'contact'],
    [
      'an unknown red-flag code',
      '/v1/practices/A81001/requests',
      { ...smallest, redFlags: ['itchy-elbow'] },
      'redFlags.0',
    ],
  ])('error: %s is a 400 problem naming the field, and nothing is published', async (_what, path, body, field) => {
    const bus = new InProcessEventBus();
    const { app } = intake(bus);
    const res = await post(app, path).send(body).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.parse(res.text).errors.map((e: { path: string }) => e.path)).toContain(field);
    expect(await published(bus)).toHaveLength(0);
  });

  it('error: when the bus cannot take the request, the patient gets a 503 with advice, never a 202; the key can be retried', async () => {
    const broken = new InProcessEventBus();
    broken.publish = async () => {
      throw new Error('broker down');
    };
    const { app, metrics } = intake(broken);
    const res = await post(app, '/v1/practices/A81001/requests')
      .set('Idempotency-Key', 'k-2')
      .send(smallest)
      .expect(503);
    expect(JSON.parse(res.text).detail).toMatch(/NHS 111/);
    expect(JSON.parse(res.text).detail).toMatch(/999/);
    const emergency = await post(app, '/v1/practices/A81001/requests')
      .send({ ...smallest, description: 'EMERGENCY' })
      .expect(503);
    expect(JSON.parse(emergency.text)).toMatchObject({
      destination: '999',
      advice: 'Call 999 now.',
      screening: 'emergency',
    });
    // A concern is told not to wait: call the practice (or 111), and exactly when to call 999.
    const concern = JSON.parse(
      (
        await post(app, '/v1/practices/A81001/requests')
          .send({ ...smallest, description: 'CONCERN' })
          .expect(503)
      ).text,
    );
    expect(concern).toMatchObject({ advice: CONCERN_ADVICE, screening: 'concern' });
    expect(concern.detail).toMatch(/Call your practice now, or call 111/);
    expect(concern.detail).toContain(CONCERN_ADVICE);
    expect((await metrics.publishFailures.get()).values[0]!.value).toBe(3);
    // The failed attempt released its Idempotency-Key: the sender's retry is not told "in progress".
    await post(app, '/v1/practices/A81001/requests').set('Idempotency-Key', 'k-2').send(smallest).expect(503);
  });

  it('error: when the status store is unreachable, the status link answers 503 with advice, never 500', async () => {
    const { app, ledger } = intake();
    const { body } = await post(app, '/v1/practices/A81001/requests').send(smallest).expect(202);
    ledger.getStatus = async () => {
      throw new Error('connect ECONNREFUSED');
    };
    const res = await request(app)
      .get(`/v1/requests/${body.id}`)
      .expect(503)
      .expect('content-type', /problem\+json/);
    expect(res.headers['retry-after']).toBe('5');
    expect(JSON.parse(res.text).detail).toMatch(/will be decided/);
    expect(JSON.parse(res.text).detail).toMatch(/111/);
  });

  it('error: when the ledger (Redis) is down, an Idempotency-Key request gets 503 with advice, and nothing is published', async () => {
    const bus = new InProcessEventBus();
    const { app, ledger } = intake(bus);
    ledger.claimIdempotencyKey = async () => {
      throw new Error('redis down');
    };
    const res = await post(app, '/v1/practices/A81001/requests')
      .set('Idempotency-Key', 'k-3')
      .send(smallest)
      .expect(503);
    expect(JSON.parse(res.text).detail).toMatch(/call your practice/);
    expect(await published(bus)).toHaveLength(0);
  });

  it('happy: when only the status write fails, the published request is still a 202 (it will be decided)', async () => {
    const bus = new InProcessEventBus();
    const { app, ledger } = intake(bus);
    ledger.putStatus = async () => {
      throw new Error('redis down');
    };
    await post(app, '/v1/practices/A81001/requests').send(smallest).expect(202);
    expect(await published(bus)).toHaveLength(1);
  });

  it('error: unknown and malformed request ids are a 404 problem', async () => {
    const { app } = intake();
    await request(app)
      .get('/v1/requests/5f0c6c1e-1f1e-4a4a-9a9a-1b2c3d4e5f60')
      .expect(404)
      .expect('content-type', /problem\+json/);
    await request(app).get('/v1/requests/../../etc/passwd').expect(404);
  });
});
