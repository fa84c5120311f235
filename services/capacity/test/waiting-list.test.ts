import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { capacityHarness } from './harness';

const rota = (n: number) => ({ clinicians: [{ id: 'gp1', role: 'GP', contacts: n }] });

describe('waiting list through the admin API', () => {
  let h: Awaited<ReturnType<typeof capacityHarness>>;
  beforeEach(async () => {
    h = await capacityHarness();
    await request(h.app).put('/v1/practices/A81001/config').set(h.auth).send({ urgentSharePct: 0 }).expect(200);
    await request(h.app).put('/v1/practices/A81001/rota/2026-11-30').set(h.auth).send(rota(1)).expect(200);
  });
  afterEach(async () => h.stop());

  it('happy: lists queued requests in order with a reference, kind, urgency and expected day, and no symptom text', async () => {
    const [a, b, c] = [
      h.request('A81001'),
      h.request('A81001'),
      h.request('A81001', { kind: 'admin', description: 'Fit note please' }),
    ];
    await h.send(a, b, c);
    await h.settle(3);
    const res = await request(h.app).get('/v1/practices/A81001/waiting').set(h.auth).expect(200);
    expect(res.body.day).toBe('2026-11-30');
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({
      id: b.id,
      place: 1,
      list: 'clinical',
      kind: 'clinical',
      urgency: 'routine',
      reason: 'queued-capacity',
      receivedAt: b.receivedAt,
    });
    expect(res.body.items[0].reference).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}$/);
    expect(res.body.items[0].expectedDay).toMatch(/^2026-12-/);
    expect(JSON.stringify(res.body)).not.toContain('Rash');
    expect(JSON.stringify(res.body)).not.toContain('07700900123');
  });

  it('happy: taking on a request beyond safe capacity accepts it as overbooked, the count stays honest and the patient is told once', async () => {
    const [a, b] = [h.request('A81001'), h.request('A81001')];
    await h.send(a, b);
    await h.settle(2);
    const res = await request(h.app).post(`/v1/practices/A81001/requests/${b.id}/promote`).set(h.auth).expect(200);
    expect(res.body).toMatchObject({ id: b.id, status: 'accepted', day: '2026-11-30', sequence: 2, overbooked: true });
    await h.settle(3);
    const told = h.decided.filter((d) => d.id === b.id && d.sequence === 2);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ outcome: 'accepted', reason: { code: 'promoted' } });
    expect(told[0]!.flags).toEqual(expect.arrayContaining(['promoted', 'duty-clinician']));
    const state = await request(h.app).get('/v1/practices/A81001/state').set(h.auth).expect(200);
    expect(state.body.shares.routine.used).toBe(2);
    expect(state.body.overbooked).toBeGreaterThanOrEqual(1);
    // The outbox was acknowledged: a sweep announces nothing again.
    await h.service.monitor.tick();
    await new Promise((r) => setTimeout(r, 20));
    expect(h.decided.filter((d) => d.id === b.id)).toHaveLength(2);
    expect((await request(h.app).get('/v1/practices/A81001/waiting').set(h.auth).expect(200)).body.items).toEqual([]);
    // Once only: a second go is a conflict.
    const again = await request(h.app).post(`/v1/practices/A81001/requests/${b.id}/promote`).set(h.auth).expect(409);
    expect(again.body.detail).toContain('accepted');
  });

  it('happy: cancelling with a reason tells the patient why; without one it still cancels', async () => {
    const [a, b] = [h.request('A81001'), h.request('A81001')];
    await h.send(a, b);
    await h.settle(2);
    await request(h.app)
      .post(`/v1/practices/A81001/requests/${b.id}/cancel`)
      .set(h.auth)
      .send({ reason: 'duplicate' })
      .expect(200);
    await h.settle(3);
    const told = h.decided.find((d) => d.id === b.id && d.outcome === 'cancelled')!;
    expect(told.reason.text).toContain('because you sent the same request more than once');
    await request(h.app).post(`/v1/practices/A81001/requests/${a.id}/cancel`).set(h.auth).expect(200);
  });

  it('unhappy: unknown requests are 404, a bad reason is 400, another practice is refused', async () => {
    await request(h.app).post(`/v1/practices/A81001/requests/${randomUUID()}/promote`).set(h.auth).expect(404);
    await request(h.app).post('/v1/practices/A81001/requests/not-an-id/promote').set(h.auth).expect(404);
    await request(h.app)
      .post(`/v1/practices/A81001/requests/${randomUUID()}/cancel`)
      .set(h.auth)
      .send({ reason: 'because I said so' })
      .expect(400);
    await request(h.app).get('/v1/practices/A81001/waiting').expect(401);
  });
});
