import request from 'supertest';
import { waitFor } from '@sluice/testkit';
import { capacityHarness } from './harness';

const rota = (contacts: number) => ({ clinicians: [{ id: 'gp1', role: 'GP', contacts }] });

describe('capacity service: levels under load are recomputed at most once a window per practice', () => {
  it('happy: a burst of batches refreshes far fewer times than it has batches, and the level still lands where the decisions put it', async () => {
    const h = await capacityHarness('2026-11-30T09:00:00Z', 300);
    try {
      await request(h.app).put('/v1/practices/A81001/rota/2026-11-30').set(h.auth).send(rota(10)).expect(200); // 8 routine, 2 urgent
      const refresh = jest.spyOn(h.service.monitor, 'refresh');
      refresh.mockClear();
      // Ten batches in quick succession; the routine share fills (8 of 8) and two more queue.
      for (let i = 0; i < 10; i++) {
        await h.send(h.request('A81001'));
        await h.settle(i + 1);
      }
      const state = async () => (await request(h.app).get('/v1/practices/A81001/state').set(h.auth).expect(200)).body;
      // Within a window the level trails the decisions; once it ends it has caught up, with no batch needed.
      const { computed } = await h.service.monitor.state('A81001');
      expect(computed).toBe('RED'); // routine share full, requests waiting
      await waitFor(async () => h.levels.at(-1)?.to === computed, {
        timeoutMs: 3000,
        what: `level ${computed} published`,
      });
      expect((await state()).level).toBe(computed);
      expect(h.decided.filter((d) => d.outcome === 'accepted')).toHaveLength(8);
      expect(refresh.mock.calls.length).toBeLessThan(10);
      expect(refresh.mock.calls.length).toBeGreaterThanOrEqual(2); // the first at once, the rest at the window's end
    } finally {
      await h.stop();
    }
  });

  it('happy: a stopping replica refreshes what was waiting, so its last levels are not lost', async () => {
    const h = await capacityHarness('2026-11-30T09:00:00Z', 60_000);
    await request(h.app).put('/v1/practices/A81001/rota/2026-11-30').set(h.auth).send(rota(2)).expect(200);
    await h.send(h.request('A81001'));
    await h.settle(1);
    await h.send(h.request('A81001'));
    await h.settle(2); // the routine share is now full, but the level's refresh waits for its window
    await h.stop();
    expect(h.levels.at(-1)?.to).not.toBe('GREEN');
  });

  it('happy: a state read publishes nothing: before the rota existed it reads BLACK (no capacity), once the rota is set GREEN at 0 used', async () => {
    const h = await capacityHarness('2026-11-30T09:00:00Z');
    try {
      const state = async () => (await request(h.app).get('/v1/practices/A81001/state').set(h.auth).expect(200)).body;
      expect((await state()).level).toBe('BLACK');
      expect((await state()).level).toBe('BLACK');
      // Reads read: no level was stored or published by them.
      expect(h.levels).toEqual([]);
      await request(h.app).put('/v1/practices/A81001/rota/2026-11-30').set(h.auth).send(rota(5)).expect(200); // 4 routine, 1 urgent
      const s = await state();
      expect(s.shares.urgent).toEqual({ used: 0, safe: 1 });
      expect(s.level).toBe('GREEN');
      // The rota's refresh stored GREEN over nothing: still no change to publish.
      expect(h.levels).toEqual([]);
    } finally {
      await h.stop();
    }
  });

  it('happy: a bigger rota recomputes the level from usage, not from the band of the level held under the old rota', async () => {
    const h = await capacityHarness('2026-11-30T09:00:00Z');
    try {
      const state = async () => (await request(h.app).get('/v1/practices/A81001/state').set(h.auth).expect(200)).body;
      await request(h.app).put('/v1/practices/A81001/rota/2026-11-30').set(h.auth).send(rota(10)).expect(200); // 8 routine, 2 urgent
      for (let i = 0; i < 8; i++) await h.send(h.request('A81001'));
      await h.settle(8);
      expect((await state()).level).toBe('RED');
      // One more contact: 8 of 9 routine used is AMBER; RED's band (one contact) would have held RED.
      await request(h.app).put('/v1/practices/A81001/rota/2026-11-30').set(h.auth).send(rota(11)).expect(200);
      const s = await state();
      expect(s.shares.routine).toEqual({ used: 8, safe: 9 });
      expect(s.level).toBe('AMBER');
    } finally {
      await h.stop();
    }
  });
});
