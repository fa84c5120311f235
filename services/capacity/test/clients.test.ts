import request from 'supertest';
import { capacityHarness } from './harness';

describe('admin API: client keys', () => {
  let h: Awaited<ReturnType<typeof capacityHarness>>;
  beforeEach(async () => {
    h = await capacityHarness();
  });
  afterEach(async () => h.stop());

  it('happy: the operator issues a key once (hash only at rest), lists clients without keys, and revokes one', async () => {
    await request(h.app).put('/v1/practices/A81001/rota/weekly').set(h.auth).send({}).expect(200);
    const issued = await request(h.app)
      .post('/v1/clients')
      .set(h.auth)
      .send({ name: 'Consult tool', practices: ['a81001', 'A81001'], rateLimitPerMinute: 120 })
      .expect(201);
    expect(issued.body).toMatchObject({
      clientId: expect.stringMatching(/^[0-9a-f]{12}$/),
      name: 'Consult tool',
      practices: ['A81001'],
      rateLimitPerMinute: 120,
      key: expect.stringMatching(/^slc_/),
    });
    const [stored] = await h.repo.listClients();
    expect(JSON.stringify(stored)).not.toContain(issued.body.key);
    const list = await request(h.app).get('/v1/clients').set(h.auth).expect(200);
    expect(list.body.clients).toEqual([
      {
        clientId: issued.body.clientId,
        name: 'Consult tool',
        practices: ['A81001'],
        rateLimitPerMinute: 120,
        createdAt: expect.any(String),
      },
    ]);
    expect(list.text).not.toContain(issued.body.key);
    expect(list.text).not.toContain(stored!.hash);
    await request(h.app).delete(`/v1/clients/${issued.body.clientId}`).set(h.auth).expect(204);
    await request(h.app).delete(`/v1/clients/${issued.body.clientId}`).set(h.auth).expect(404);
    expect((await request(h.app).get('/v1/clients').set(h.auth).expect(200)).body.clients).toEqual([]);
  });

  it('error: a key for a practice Sluice does not serve is refused, naming it; a bad body names the field', async () => {
    await request(h.app).put('/v1/practices/A81001/rota/weekly').set(h.auth).send({}).expect(200);
    const res = await request(h.app)
      .post('/v1/clients')
      .set(h.auth)
      .send({ name: 'Tool', practices: ['A81001', 'C83003'] })
      .expect(422);
    expect(JSON.parse(res.text).errors).toEqual([
      { path: 'practices.1', message: 'C83003 is not a practice Sluice serves' },
    ]);
    const bad = await request(h.app)
      .post('/v1/clients')
      .set(h.auth)
      .send({ name: 'Tool', practices: ['nope'] })
      .expect(400);
    expect(JSON.parse(bad.text).errors[0].path).toMatch(/^practices/);
  });

  it('security: only the operator reaches client keys; a client key reaches no admin route', async () => {
    await request(h.app).put('/v1/practices/A81001/rota/weekly').set(h.auth).send({}).expect(200);
    const practiceKey = (await request(h.app).post('/v1/practices/A81001/keys').set(h.auth).send({}).expect(201)).body
      .key;
    const clientKey = (
      await request(h.app)
        .post('/v1/clients')
        .set(h.auth)
        .send({ name: 'Tool', practices: ['A81001'] })
        .expect(201)
    ).body.key;
    await request(h.app)
      .post('/v1/clients')
      .send({ name: 'Tool', practices: ['A81001'] })
      .expect(401);
    await request(h.app)
      .get('/v1/clients')
      .set({ Authorization: `Bearer ${practiceKey}` })
      .expect(403);
    await request(h.app)
      .get('/v1/clients')
      .set({ Authorization: `Bearer ${clientKey}` })
      .expect(401);
    await request(h.app)
      .get('/v1/practices/A81001/config')
      .set({ Authorization: `Bearer ${clientKey}` })
      .expect(401);
  });
});

describe('admin API: dated rotas', () => {
  it('error: a dated rota more than two years from now is a 400 naming the date', async () => {
    const h = await capacityHarness('2026-11-30T09:00:00Z');
    try {
      const day = { clinicians: [{ id: 'gp1', role: 'GP', contacts: 5 }] };
      await request(h.app).put('/v1/practices/A81001/rota/2028-12-31').set(h.auth).send(day).expect(200);
      await request(h.app).put('/v1/practices/A81001/rota/2024-01-01').set(h.auth).send(day).expect(200);
      for (const date of ['2029-01-01', '2023-12-31', '9999-12-31']) {
        const res = await request(h.app).put(`/v1/practices/A81001/rota/${date}`).set(h.auth).send(day).expect(400);
        expect(JSON.parse(res.text).errors).toEqual([{ path: 'date', message: 'must be within 2024–2028' }]);
      }
    } finally {
      await h.stop();
    }
  });
});
