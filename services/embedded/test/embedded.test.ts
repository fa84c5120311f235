import request from 'supertest';
import { loadEnv } from '@sluice/config';
import type { Screen } from '@sluice/intake';
import { screen } from '@sluice/triage';
import { startSluice, type Sluice } from '../src';

/** The real screen, except that a text with this marker is a concern (whatever the rules would flag). */
const CONCERN = 'SLUICE-TEST-CONCERN';
const ADVICE = 'Call 999 if your legs go weak or numb.';
const testScreen: Screen = (input) =>
  input.description.includes(CONCERN)
    ? { outcome: 'concern', ruleId: 'test-concern', category: 'test', reasonText: ADVICE, rulesVersion: 'test' }
    : screen(input);

/** The embedded default, exactly as `pnpm start` runs it (in-process bus, memory store), on a free port. */
describe('embedded default', () => {
  let sluice: Sluice;
  beforeAll(async () => {
    sluice = await startSluice(loadEnv({ PORT: '0', LOG_LEVEL: 'silent', SLUICE_NOW: '2026-11-30T10:00:00Z' }), {
      tickMs: 0,
      screen: testScreen,
    });
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
    const client = await request(sluice.server)
      .post('/v1/clients')
      .set(auth())
      .send({ name: 'Our consultation tool', practices: ['A81001'] })
      .expect(201);
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
      .send({
        kind: 'clinical',
        description: 'crushing chest pain going down my left arm',
        contact: { sms: '07700900123' },
      })
      .expect(202);
    expect(res.body).toMatchObject({ status: 'redirected', destination: '999' });
    expect(res.body.reason.text).toMatch(/999/);
    const after = await waitForStatus(res.body.id, 'none');
    expect(after.status).toBe('redirected');
    expect(after.queue).toBeUndefined();
  });

  it('safety: a concern goes to the duty clinician today, past a full day, and the patient is told when to call 999', async () => {
    // A81001's two contacts are taken (the walkthrough above): no room in any share.
    const res = await request(sluice.server)
      .post('/v1/practices/A81001/requests')
      .set(auth())
      .send({ kind: 'clinical', description: `Back ache ${CONCERN}`, contact: { sms: '07700900123' } })
      .expect(202);
    expect(res.body).toMatchObject({ status: 'received', screening: 'concern', advice: ADVICE });
    const after = await waitForStatus(res.body.id);
    expect(after).toMatchObject({
      status: 'accepted',
      day: '2026-11-30',
      screening: 'concern',
      advice: ADVICE,
      reason: { code: 'concern-duty-clinician' },
    });
    expect(after.queue).toBeUndefined();
    const state = await request(sluice.server).get('/v1/practices/A81001/state').set(auth()).expect(200);
    expect(state.body).toMatchObject({ overbooked: 1, queue: { clinical: 1 } }); // the one queued is the walkthrough's
    const channel = sluice.channel as unknown as { sent: { requestId: string; template: string; text: string }[] };
    for (let i = 0; i < 200 && !channel.sent.some((s) => s.requestId === res.body.id); i++)
      await new Promise((r) => setTimeout(r, 10));
    const message = channel.sent.find((s) => s.requestId === res.body.id)!;
    expect(message.template).toBe('concern-duty-clinician');
    expect(message.text).toContain(`A doctor or nurse will look at it today and contact you. ${ADVICE}`);
  });

  it('happy: every decision reaches the notifier once', async () => {
    const channel = sluice.channel as unknown as { sent: { requestId: string; sequence: number }[] };
    const keys = channel.sent.map((s) => `${s.requestId}:${s.sequence}`);
    expect(keys.length).toBeGreaterThanOrEqual(4);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('error: unknown request ids are a 404 problem', async () => {
    await request(sluice.server)
      .get('/v1/requests/00000000-0000-4000-8000-000000000000')
      .expect(404)
      .expect('content-type', /problem\+json/);
    await request(sluice.server).get('/v1/requests/not-an-id').expect(404);
  });
});
