import request from 'supertest';
import { loadEnv } from '@sluice/config';
import { startSluice, type Sluice } from '../src';

/** The embedded default, exactly as `pnpm start` runs it (in-process bus, memory store), on a free port. */
describe('embedded default', () => {
  let sluice: Sluice;
  beforeAll(async () => {
    sluice = await startSluice(loadEnv({ PORT: '0', LOG_LEVEL: 'silent', SLUICE_NOW: '2026-11-30T10:00:00Z' }), { tickMs: 0 });
  });
  afterAll(async () => sluice.stop());

  const auth = () => ({ Authorization: `Bearer ${sluice.operatorKey}` });
  const day = (contacts: number) => ({ clinicians: [{ id: 'gp1', role: 'GP', contacts }] });
  const waitForStatus = async (id: string, not = 'received') => {
    for (let i = 0; i < 200; i++) {
      const r = await request(sluice.server).get(`/v1/requests/${id}`);
      if (r.body.status !== not) return r.body;
      await new Promise((res) => setTimeout(res, 10));
    }
    throw new Error(`request ${id} stayed ${not}`);
  };

  it('happy: the README walkthrough — a weekly rota of 2 contacts, a client key; three requests are accepted, accepted, queued', async () => {
    const weekly = Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((d) => [d, day(2)]));
    await request(sluice.server).put('/v1/practices/A81001/rota/weekly').set(auth()).send(weekly).expect(200);
    const client = await request(sluice.server).post('/v1/clients').set(auth()).send({ name: 'Our consultation tool', practices: ['A81001'] }).expect(201);
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const res = await request(sluice.server)
        .post('/v1/practices/A81001/requests')
        .set({ Authorization: `Bearer ${client.body.key}` })
        .send({ kind: 'clinical', description: 'Rash on my arm for two weeks', contact: { sms: '07700900123' } })
        .expect(202);
      expect(res.body).toMatchObject({ status: 'received', statusUrl: `${sluice.url}/v1/requests/${res.body.id}` });
      statuses.push(await waitForStatus(res.body.id));
    }
    expect(statuses.map((s) => s.status)).toEqual(['accepted', 'accepted', 'queued']);
    expect(statuses[2].queue).toEqual({ position: 1, expectedDay: '2026-12-01' });
    expect(statuses[2].reason.text).toMatch(/Tuesday 1 December/);
  });

  it('happy: an emergency is answered in the POST response and never queued', async () => {
    const res = await request(sluice.server)
      .post('/v1/practices/A81001/requests')
      .set(auth())
      .send({ kind: 'clinical', description: 'crushing chest pain going down my left arm', contact: { sms: '07700900123' } })
      .expect(202);
    expect(res.body).toMatchObject({ status: 'redirected', destination: '999' });
    expect(res.body.reason.text).toMatch(/999/);
    const after = await waitForStatus(res.body.id, 'none');
    expect(after.status).toBe('redirected');
    expect(after.queue).toBeUndefined();
  });

  it('happy: every decision reaches the notifier once', async () => {
    const channel = sluice.channel as unknown as { sent: { requestId: string; sequence: number }[] };
    const keys = channel.sent.map((s) => `${s.requestId}:${s.sequence}`);
    expect(keys.length).toBeGreaterThanOrEqual(4);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('error: unknown request ids are a 404 problem', async () => {
    await request(sluice.server).get('/v1/requests/00000000-0000-4000-8000-000000000000').expect(404).expect('content-type', /problem\+json/);
    await request(sluice.server).get('/v1/requests/not-an-id').expect(404);
  });
});
