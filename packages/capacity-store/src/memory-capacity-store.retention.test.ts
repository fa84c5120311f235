import type { DecideInput } from './capacity-store';
import { MemoryCapacityStore } from './memory-capacity-store';

const DAY = '2026-11-30';
const input = (id: string, practice = 'A81001'): DecideInput => ({
  practice,
  requestId: id,
  plan: {
    type: 'reserve',
    day: DAY,
    shares: ['routine'],
    acceptedReason: 'accepted-routine',
    onFull: { type: 'queue', list: 'clinical', priority: 2, reasonCode: 'queued-capacity' },
  },
  defaultLimits: { routine: 2, urgent: 0, admin: 0 },
  arrivalMs: 1,
  payload: '{}',
});

describe('MemoryCapacityStore retention (the embedded default stays bounded, as Redis keys expire)', () => {
  it('happy: requests and days are forgotten once their retention has passed, and a prune frees them', async () => {
    let now = 1_000_000;
    const store = new MemoryCapacityStore({ retentionSeconds: 60, now: () => now });
    await store.decide([input('r1'), input('r2'), input('r3')]);
    expect(store.size()).toEqual({ practices: 1, requests: 3, days: 1 });
    expect((await store.getDecision('A81001', 'r1'))?.outcome).toBe('accepted');

    now += 61_000;
    expect(await store.getDecision('A81001', 'r1')).toBeNull();
    expect((await store.usage('A81001', DAY)).used.routine).toBe(0);
    store.prune();
    expect(store.size()).toEqual({ practices: 1, requests: 0, days: 0 });
    // The waiting list lost its expired member too.
    expect((await store.waitingList('A81001', 'clinical')).depth).toBe(0);
  });

  it('happy: a redelivery within retention is still a duplicate; after it, nothing of the old decision remains', async () => {
    let now = 0;
    const store = new MemoryCapacityStore({ retentionSeconds: 10, now: () => now });
    await store.decide([input('r1')]);
    now += 9_000;
    expect((await store.decide([input('r1')]))[0]!.duplicate).toBe(true);
    now += 2_000;
    expect((await store.decide([input('r1')]))[0]!.duplicate).toBe(false);
  });

  it('happy: beyond maxRequests the oldest decided requests go first, never a queued one', async () => {
    const store = new MemoryCapacityStore({ maxRequests: 100 });
    // 2 accepted, then 8 queued per practice; 30 practices = 300 requests.
    for (let p = 0; p < 30; p++) {
      await store.decide(Array.from({ length: 10 }, (_, i) => input(`p${p}-r${i}`, `B${10000 + p}`)));
    }
    const { requests } = store.size();
    expect(requests).toBeLessThanOrEqual(300);
    // Every queued request survived (promotion still needs them): 30 × 8.
    let queued = 0;
    for (let p = 0; p < 30; p++) queued += (await store.waitingList(`B${10000 + p}`, 'clinical')).depth;
    expect(queued).toBe(240);
    for (let p = 0; p < 30; p++) {
      for (let i = 2; i < 10; i++)
        expect((await store.getDecision(`B${10000 + p}`, `p${p}-r${i}`))?.outcome).toBe('queued');
    }
    // The decided ones were dropped, oldest practice first.
    expect(await store.getDecision('B10000', 'p0-r0')).toBeNull();
  });

  it('happy: a long waiting list answers positions by binary search, right after cancels and same-millisecond ties', async () => {
    const store = new MemoryCapacityStore();
    const n = 50_000;
    // Every arrival in the same millisecond: only the order of queueing separates them.
    for (let i = 0; i < n; i += 1000) await store.decide(Array.from({ length: 1000 }, (_, j) => input(`r${i + j}`)));
    await store.cancel('A81001', 'r10');
    await store.promoteRequest('A81001', 'r20', DAY, { routine: 2, urgent: 0, admin: 0 });
    const t0 = Date.now();
    const positions: (number | null)[] = [];
    for (let i = 0; i < n; i++) positions.push(await store.position('A81001', `r${i}`));
    const ms = Date.now() - t0;
    // r0 and r1 accepted; r2 first in the queue; r10 and r20 gone, everyone after them moved up.
    expect(positions.slice(0, 3)).toEqual([null, null, 1]);
    expect([positions[9], positions[10], positions[11], positions[20], positions[21]]).toEqual([8, null, 9, null, 18]);
    expect(positions[n - 1]).toBe(n - 4);
    expect((await store.waitingList('A81001', 'clinical')).depth).toBe(n - 4);
    // A scan of the list per read took 11 s here (a loaded 2-core machine); a binary search, milliseconds.
    expect(ms).toBeLessThan(2_000);
  });
});
