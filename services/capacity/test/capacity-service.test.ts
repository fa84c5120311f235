import request from 'supertest';
import { contactHash } from '@sluice/contracts';
import { capacityHarness, SALT } from './harness';

const rota = (contacts: number) => ({ clinicians: [{ id: 'gp1', role: 'GP', contacts }] });

describe('capacity service (in-process bus, memory store)', () => {
  let h: Awaited<ReturnType<typeof capacityHarness>>;
  beforeEach(async () => {
    h = await capacityHarness('2026-11-30T09:00:00Z'); // a Monday, 09:00 GMT
  });
  afterEach(async () => h.stop());

  it('happy: a rota of 2 contacts accepts two routine requests and queues the third with an expected day', async () => {
    await request(h.app).put('/v1/practices/A81001/config').set(h.auth).send({ urgentSharePct: 0 }).expect(200);
    await request(h.app).put('/v1/practices/A81001/rota/2026-11-30').set(h.auth).send(rota(2)).expect(200);
    await h.send(h.request('A81001'), h.request('A81001'), h.request('A81001'));
    await h.settle(3);
    expect(h.decided.map((d) => d.outcome)).toEqual(['accepted', 'accepted', 'queued']);
    const queued = h.decided[2]!;
    expect(queued.queue?.position).toBe(1);
    expect(queued.reason.code).toBe('queued-capacity');
    expect(queued.reason.text.length).toBeGreaterThan(20);
  });

  it('happy: each request is counted once in its practice-day hourly demand, by London arrival hour', async () => {
    await request(h.app).put('/v1/practices/A81001/rota/2026-11-30').set(h.auth).send(rota(5)).expect(200);
    const first = h.request('A81001');
    await h.send(first, h.request('A81001', { kind: 'admin' }));
    h.clock.set('2026-11-30T11:15:00Z');
    await h.send(h.request('A81001'), first); // `first` again: a redelivery, not new demand
    await h.settle(4);
    const d = await h.store.demandByHour('A81001', '2026-11-30');
    expect(d.clinical[9]).toBe(1);
    expect(d.admin[9]).toBe(1);
    expect(d.clinical[11]).toBe(1);
    expect(d.clinical.reduce((a, b) => a + b, 0)).toBe(2);
  });

  it('happy: a redelivered request gets the same decision and no second reservation', async () => {
    await request(h.app).put('/v1/practices/A81001/rota/2026-11-30').set(h.auth).send(rota(5)).expect(200);
    const r = h.request('A81001');
    await h.send(r);
    await h.send(r);
    await h.settle(2);
    expect(h.decided[0]!.outcome).toBe(h.decided[1]!.outcome);
    expect(h.decided[0]!.sequence).toBe(h.decided[1]!.sequence);
    const state = await request(h.app).get('/v1/practices/A81001/state').set(h.auth).expect(200);
    expect(state.body.shares.routine.used).toBe(1);
  });

  it('happy: cancelling an accepted request promotes the head of the waiting list, and the patient is told', async () => {
    await request(h.app).put('/v1/practices/A81001/config').set(h.auth).send({ urgentSharePct: 0 }).expect(200);
    await request(h.app).put('/v1/practices/A81001/rota/2026-11-30').set(h.auth).send(rota(1)).expect(200);
    const [a, b] = [h.request('A81001'), h.request('A81001')];
    await h.send(a, b);
    await h.settle(2);
    const res = await request(h.app).post(`/v1/practices/A81001/requests/${a.id}/cancel`).set(h.auth).expect(200);
    expect(res.body).toMatchObject({ status: 'cancelled', promoted: 1 });
    await h.settle(4);
    const promoted = h.decided.find((d) => d.id === b.id && d.sequence === 2)!;
    expect(promoted).toMatchObject({ outcome: 'accepted', reason: { code: 'promoted' } });
    expect(promoted.flags).toContain('promoted');
    expect(h.decided.find((d) => d.id === a.id && d.outcome === 'cancelled')).toBeDefined();
  });

  it('happy: a rota saved later in the day promotes queued requests at once', async () => {
    await h.send(h.request('B81001'));
    await h.settle(1);
    expect(h.decided[0]!.outcome).toBe('queued');
    await request(h.app).put('/v1/practices/B81001/rota/2026-11-30').set(h.auth).send(rota(10)).expect(200);
    await h.settle(2);
    expect(h.decided[1]).toMatchObject({ outcome: 'accepted', sequence: 2 });
  });

  it("happy: nothing queued is lost at a day boundary: the next working day's sweep promotes the waiting list", async () => {
    await request(h.app).put('/v1/practices/A81001/config').set(h.auth).send({ urgentSharePct: 0 }).expect(200);
    const weekly = Object.fromEntries(
      ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((d) => [d, rota(1)]),
    );
    await request(h.app).put('/v1/practices/A81001/rota/weekly').set(h.auth).send(weekly).expect(200);
    const [a, b, c] = [h.request('A81001'), h.request('A81001'), h.request('A81001')];
    await h.send(a, b, c);
    await h.settle(3);
    expect(h.decided.map((d) => d.outcome)).toEqual(['accepted', 'queued', 'queued']);
    expect(h.decided[2]!.queue).toEqual({ position: 2, expectedDay: '2026-12-02' });
    h.clock.set('2026-12-01T07:00:00Z'); // Tuesday, before the practice opens
    await h.service.monitor.tick();
    await h.settle(4);
    expect(h.decided[3]).toMatchObject({
      id: b.id,
      outcome: 'accepted',
      day: '2026-12-01',
      sequence: 2,
      reason: { code: 'promoted' },
    });
    h.clock.set('2026-12-02T07:00:00Z');
    await h.service.monitor.tick();
    await h.settle(5);
    expect(h.decided[4]).toMatchObject({ id: c.id, outcome: 'accepted', day: '2026-12-02', sequence: 2 });
  });

  it('happy: an emergency-signposted request is redirected and never counted', async () => {
    await request(h.app).put('/v1/practices/A81001/rota/2026-11-30').set(h.auth).send(rota(1)).expect(200);
    await h.send(
      h.request('A81001', { screening: { outcome: 'emergency-signposted', ruleId: 'chest-pain', destination: '999' } }),
    );
    await h.settle(1);
    expect(h.decided[0]).toMatchObject({
      outcome: 'redirected',
      destination: '999',
      reason: { code: 'redirected-emergency' },
    });
    expect(h.decided[0]!.flags).toContain('emergency-signposted');
    const state = await request(h.app).get('/v1/practices/A81001/state').set(h.auth).expect(200);
    expect(state.body.shares.routine.used + state.body.shares.urgent.used).toBe(0);
    expect(state.body.queue.clinical).toBe(0);
  });

  describe('a concern (the screen could not rule something out)', () => {
    const advice = 'Call 999 if your legs go weak or numb.';
    const concern = (over: Parameters<typeof h.request>[1] = {}) =>
      h.request('A81001', {
        screening: { outcome: 'concern', ruleId: 'test-concern', rulesVersion: 't1', advice },
        ...over,
      });

    it('safety: takes the urgent share today, flagged, with the rule’s advice; never a routine place', async () => {
      await request(h.app).put('/v1/practices/A81001/config').set(h.auth).send({ urgentSharePct: 20 }).expect(200);
      await request(h.app).put('/v1/practices/A81001/rota/2026-11-30').set(h.auth).send(rota(10)).expect(200); // 8 routine, 2 urgent
      await h.send(concern());
      await h.settle(1);
      expect(h.decided[0]).toMatchObject({
        outcome: 'accepted',
        share: 'urgent',
        day: '2026-11-30',
        reason: { code: 'concern-duty-clinician' },
        screening: 'concern',
        screeningRule: 'test-concern',
        advice,
      });
      expect(h.decided[0]!.flags).toEqual(['concern']);
      expect(h.decided[0]!.reason.text).toContain(advice);
      const state = await request(h.app).get('/v1/practices/A81001/state').set(h.auth).expect(200);
      expect(state.body.shares).toMatchObject({ routine: { used: 0 }, urgent: { used: 1 } });
    });

    it.each(['gms-contract-2025', 'bma-safe-working'])(
      'safety: %s: with the urgent share full it is overbooked onto the duty list, counted beyond safe capacity, never queued',
      async (policy) => {
        await request(h.app)
          .put('/v1/practices/A81001/config')
          .set(h.auth)
          .send({ policy, urgentSharePct: 0 })
          .expect(200);
        await request(h.app).put('/v1/practices/A81001/rota/2026-11-30').set(h.auth).send(rota(1)).expect(200); // 1 routine, 0 urgent
        await h.send(concern(), concern({ kind: 'admin' }));
        await h.settle(2);
        for (const d of h.decided) {
          expect(d).toMatchObject({
            outcome: 'accepted',
            share: 'urgent',
            reason: { code: 'concern-duty-clinician' },
            screening: 'concern',
          });
          expect(d.flags.sort()).toEqual(['concern', 'duty-clinician']);
        }
        const state = await request(h.app).get('/v1/practices/A81001/state').set(h.auth).expect(200);
        expect(state.body).toMatchObject({
          shares: { routine: { used: 0 }, urgent: { used: 2, safe: 0 } },
          overbooked: 2,
          queue: { clinical: 0, admin: 0 },
        });
      },
    );

    it('safety: while the practice is closed it is sent to NHS 111 now, not counted, with the advice', async () => {
      h.clock.set('2026-11-30T19:00:00Z');
      await h.send(concern());
      await h.settle(1);
      expect(h.decided[0]).toMatchObject({
        outcome: 'redirected',
        destination: 'nhs-111',
        reason: { code: 'redirected-concern' },
        screening: 'concern',
        flags: ['concern'],
      });
      expect(h.decided[0]!.reason.text).toContain(advice);
    });

    it('happy: a redelivery gets the same decision and the same screening, and reserves nothing again', async () => {
      await request(h.app).put('/v1/practices/A81001/rota/2026-11-30').set(h.auth).send(rota(10)).expect(200);
      const r = concern();
      await h.send(r);
      await h.send(r);
      await h.settle(2);
      expect(h.decided[1]).toEqual({ ...h.decided[0], decidedAt: h.decided[1]!.decidedAt });
      const state = await request(h.app).get('/v1/practices/A81001/state').set(h.auth).expect(200);
      expect(state.body.shares.urgent.used).toBe(1);
    });

    it('happy: its cancellation still says it was a concern', async () => {
      await request(h.app).put('/v1/practices/A81001/rota/2026-11-30').set(h.auth).send(rota(10)).expect(200);
      const r = concern();
      await h.send(r);
      await h.settle(1);
      await request(h.app).post(`/v1/practices/A81001/requests/${r.id}/cancel`).set(h.auth).expect(200);
      await h.settle(2);
      expect(h.decided[1]).toMatchObject({ outcome: 'cancelled', screening: 'concern', flags: ['concern'] });
    });

    it('happy: a clear request says so', async () => {
      await h.send(h.request('A81001'));
      await h.settle(1);
      expect(h.decided[0]!.screening).toBe('clear');
      expect(h.decided[0]!.flags).not.toContain('concern');
    });
  });

  it('happy: levels rise as the routine share fills, and each change is published once', async () => {
    // Saving the config before any rota: zero safe capacity on a working day is BLACK (a hazard control).
    await request(h.app).put('/v1/practices/A81001/config').set(h.auth).send({ urgentSharePct: 20 }).expect(200);
    expect(h.levels.map((l) => l.to)).toEqual(['BLACK']);
    await request(h.app).put('/v1/practices/A81001/rota/2026-11-30').set(h.auth).send(rota(10)).expect(200); // 8 routine, 2 urgent
    expect(h.levels.map((l) => l.to)).toEqual(['BLACK', 'GREEN']);
    for (let i = 0; i < 8; i++) {
      await h.send(h.request('A81001'));
      await h.settle(i + 1);
    }
    expect(h.levels.slice(2).map((l) => l.to)).toEqual(['AMBER', 'RED']);
    await h.send(h.request('A81001', { urgency: 'urgent' }), h.request('A81001', { urgency: 'urgent' }));
    await h.settle(10);
    expect(h.levels.slice(2).map((l) => l.to)).toEqual(['AMBER', 'RED', 'BLACK']);
  });

  it('safety: zero safe capacity on a working day is BLACK, published, and shown in the state', async () => {
    await request(h.app).put('/v1/practices/C81001/rota/2026-11-30').set(h.auth).send({ clinicians: [] }).expect(200);
    expect(h.levels).toEqual([expect.objectContaining({ practice: 'C81001', from: 'GREEN', to: 'BLACK' })]);
    const state = await request(h.app).get('/v1/practices/C81001/state').set(h.auth).expect(200);
    expect(state.body).toMatchObject({ level: 'BLACK', shares: { routine: { safe: 0 }, urgent: { safe: 0 } } });
  });

  it('happy: pause and resume (exceptional circumstances)', async () => {
    await request(h.app).put('/v1/practices/A81001/rota/2026-11-30').set(h.auth).send(rota(10)).expect(200);
    const body = { reason: 'Flooded surgery building', by: 'Dr A Patel, partner', until: '2026-12-01T18:00:00Z' };
    const paused = await request(h.app).post('/v1/practices/A81001/pause').set(h.auth).send(body).expect(201);
    expect(paused.body.level).toBe('BLACK');
    await h.send(h.request('A81001'));
    await h.settle(1);
    expect(h.decided[0]!.reason.code).toBe('queued-paused');
    await request(h.app)
      .post('/v1/practices/A81001/pause')
      .set(h.auth)
      .send({ ...body, until: '2026-12-09T18:00:00Z' })
      .expect(422);
    const resumed = await request(h.app).delete('/v1/practices/A81001/pause').set(h.auth).expect(200);
    expect(resumed.body.paused).toBeNull();
  });

  it('happy: a pause ends by itself at its end time: nothing is left paused by mistake', async () => {
    await request(h.app).put('/v1/practices/A81001/rota/2026-11-30').set(h.auth).send(rota(10)).expect(200);
    await request(h.app)
      .post('/v1/practices/A81001/pause')
      .set(h.auth)
      .send({ reason: 'Power cut at the surgery', by: 'Practice manager', until: '2026-11-30T11:00:00Z' })
      .expect(201);
    await h.send(h.request('A81001'));
    await h.settle(1);
    expect(h.decided[0]!.reason.code).toBe('queued-paused');
    h.clock.set('2026-11-30T11:00:01Z');
    await h.send(h.request('A81001'));
    await h.settle(2);
    expect(h.decided[1]).toMatchObject({ outcome: 'accepted', reason: { code: 'accepted-routine' } });
    const state = await request(h.app).get('/v1/practices/A81001/state').set(h.auth).expect(200);
    expect(state.body.paused).toBeNull();
  });

  it('security: a practice key reaches its own practice only; no key is 401', async () => {
    const issued = await request(h.app).post('/v1/practices/A81001/keys').set(h.auth).send({}).expect(201);
    const mine = { Authorization: `Bearer ${issued.body.key}` };
    await request(h.app).get('/v1/practices/A81001/config').set(mine).expect(200);
    await request(h.app).get('/v1/practices/B81001/config').set(mine).expect(403);
    await request(h.app).put('/v1/practices/B81001/rota/2026-11-30').set(mine).send(rota(1)).expect(403);
    await request(h.app).get('/v1/practices').set(mine).expect(403);
    await request(h.app).post('/v1/practices/A81001/keys').set(mine).send({}).expect(403);
    await request(h.app).get('/v1/practices/A81001/config').expect(401);
    await request(h.app)
      .get('/v1/practices/A81001/config')
      .set({ Authorization: 'Bearer not-a-real-key-at-all' })
      .expect(401);
  });

  it('error: invalid rotas and configs get problem+json naming the field', async () => {
    const r = await request(h.app)
      .put('/v1/practices/A81001/rota/2026-11-30')
      .set(h.auth)
      .send({ clinicians: [{ id: 'gp1', role: 'wizard' }] })
      .expect(400);
    expect(r.headers['content-type']).toMatch(/problem\+json/);
    expect(JSON.parse(r.text).errors[0].path).toMatch(/clinicians/);
    await request(h.app).put('/v1/practices/A81001/rota/2026-13-45').set(h.auth).send(rota(1)).expect(400);
    await request(h.app).put('/v1/practices/A81001/config').set(h.auth).send({ policy: 'anything-goes' }).expect(400);
  });
});

describe('capacity service: fair use, admin allowance, out of hours', () => {
  let h: Awaited<ReturnType<typeof capacityHarness>>;
  afterEach(async () => h.stop());

  it('happy: fair use (when on) redirects a second routine request within the window, with urgent-care advice; staff can lift it', async () => {
    h = await capacityHarness('2026-11-30T09:00:00Z');
    await request(h.app)
      .put('/v1/practices/A81001/config')
      .set(h.auth)
      .send({ fairUse: { enabled: true, maxOpenRoutine: 1, windowHours: 24 } })
      .expect(200);
    await request(h.app).put('/v1/practices/A81001/rota/2026-11-30').set(h.auth).send(rota(20)).expect(200);
    const patient = { sms: '07700900123' };
    const hash = contactHash(patient, SALT);
    await h.send(
      h.request('A81001', { contactHash: hash }),
      h.request('A81001', { contactHash: hash }),
      h.request('A81001', { contactHash: 'someone-else' }),
    );
    await h.settle(3);
    expect(h.decided.map((d) => d.reason.code)).toEqual(['accepted-routine', 'fair-use-limit', 'accepted-routine']);
    expect(h.decided[1]!.reason.text).toMatch(/111/);
    expect(h.decided[1]!.reason.text).toMatch(/999/);
    // An urgent request from the same patient is never held back by fair use.
    await h.send(h.request('A81001', { contactHash: hash, urgency: 'urgent' }));
    await h.settle(4);
    expect(h.decided[3]!.outcome).toBe('accepted');
    await request(h.app)
      .post('/v1/practices/A81001/fair-use/overrides')
      .set(h.auth)
      .send({ contact: patient, hours: 2 })
      .expect(201);
    await h.send(h.request('A81001', { contactHash: hash }));
    await h.settle(5);
    expect(h.decided[4]).toMatchObject({ outcome: 'accepted' });
    expect(h.decided[4]!.flags).toContain('staff-override');
  });

  it('safety: a crash between the decision and the fair-use count is made good on redelivery: the request counts once', async () => {
    h = await capacityHarness('2026-11-30T09:00:00Z');
    await request(h.app)
      .put('/v1/practices/A81001/config')
      .set(h.auth)
      .send({ fairUse: { enabled: true, maxOpenRoutine: 1, windowHours: 24 } })
      .expect(200);
    await request(h.app).put('/v1/practices/A81001/rota/2026-11-30').set(h.auth).send(rota(20)).expect(200);
    const hash = contactHash({ sms: '07700900123' }, SALT);
    const record = jest.spyOn(h.repo, 'recordRoutine').mockRejectedValueOnce(new Error('replica died here'));
    await h.send(h.request('A81001', { contactHash: hash }));
    await h.settle(1); // decided and published on the redelivery, after the first attempt failed to count it
    expect(record).toHaveBeenCalledTimes(2);
    expect(await h.repo.countRecentRoutine('A81001', hash, 0)).toBe(1);
    await h.send(h.request('A81001', { contactHash: hash }));
    await h.settle(2);
    expect(h.decided.map((d) => d.reason.code)).toEqual(['accepted-routine', 'fair-use-limit']);
  });

  it('happy: admin requests use their own allowance and never take clinical capacity', async () => {
    h = await capacityHarness('2026-11-30T09:00:00Z');
    await request(h.app).put('/v1/practices/A81001/config').set(h.auth).send({ adminAllowance: 1 }).expect(200);
    await request(h.app).put('/v1/practices/A81001/rota/2026-11-30').set(h.auth).send(rota(5)).expect(200);
    await h.send(
      h.request('A81001', { kind: 'admin', description: 'fit note' }),
      h.request('A81001', { kind: 'admin', description: 'letter' }),
    );
    await h.settle(2);
    expect(h.decided.map((d) => [d.outcome, d.share ?? null])).toEqual([
      ['accepted', 'admin'],
      ['queued', null],
    ]);
    const state = await request(h.app).get('/v1/practices/A81001/state').set(h.auth).expect(200);
    expect(state.body.shares.admin).toEqual({ used: 1, safe: 1 });
    expect(state.body.shares.routine.used).toBe(0);
    expect(state.body.queue.admin).toBe(1);
  });

  it('happy: a Friday-evening request is for Monday (next-working-day), and urgent out of hours goes to NHS 111', async () => {
    h = await capacityHarness('2026-11-27T19:30:00Z'); // Friday 19:30 GMT
    const weekly = Object.fromEntries(
      ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((d) => [d, rota(10)]),
    );
    await request(h.app).put('/v1/practices/A81001/rota/weekly').set(h.auth).send(weekly).expect(200);
    await h.send(h.request('A81001'), h.request('A81001', { urgency: 'urgent' }));
    await h.settle(2);
    expect(h.decided[0]).toMatchObject({
      outcome: 'accepted',
      day: '2026-11-30',
      reason: { code: 'accepted-next-working-day' },
    });
    expect(h.decided[0]!.reason.text).toMatch(/Monday 30 November/);
    expect(h.decided[1]).toMatchObject({ outcome: 'redirected', destination: 'nhs-111' });
  });

  it('happy: a request on a bank holiday (Christmas Day 2026) is for the next working day after the Boxing Day substitute', async () => {
    h = await capacityHarness('2026-12-25T10:00:00Z');
    const weekly = Object.fromEntries(
      ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((d) => [d, rota(10)]),
    );
    await request(h.app).put('/v1/practices/A81001/rota/weekly').set(h.auth).send(weekly).expect(200);
    await h.send(h.request('A81001'));
    await h.settle(1);
    expect(h.decided[0]).toMatchObject({ outcome: 'accepted', day: '2026-12-29' });
  });
});
