/**
 * The one contract every CapacityStore passes; the embedded default is only as good as this suite.
 *   runCapacityStoreContract('memory', async () => { const s = new MemoryCapacityStore(); return { store: s, peer: () => s, cleanup: async () => {} }; });
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { CapacityStore, DecideInput, ShareLimits, StorePlan } from './capacity-store';

export interface StoreFixture {
  store: CapacityStore;
  /** Another client over the same data (a second replica); the memory store returns itself. */
  peer: () => CapacityStore;
  cleanup: () => Promise<void>;
}

const DAY = '2026-11-30';
const limits = (routine: number, urgent = 0, admin = 0): ShareLimits => ({ routine, urgent, admin });
const routinePlan: StorePlan = {
  type: 'reserve',
  day: DAY,
  shares: ['routine'],
  acceptedReason: 'accepted-routine',
  onFull: { type: 'queue', list: 'clinical', priority: 1, reasonCode: 'queued-capacity' },
};
let practiceSeq = 0;
const newPractice = () => `Z${String(10000 + ((Date.now() + practiceSeq++) % 89999)).slice(-5)}`;
const input = (
  practice: string,
  plan: StorePlan = routinePlan,
  arrivalMs = Date.now(),
  l = limits(2),
): DecideInput => ({
  practice,
  requestId: randomUUID(),
  plan,
  defaultLimits: l,
  arrivalMs,
  payload: JSON.stringify({ n: arrivalMs }),
});

export function runCapacityStoreContract(name: string, factory: () => Promise<StoreFixture>): void {
  describe(`CapacityStore contract: ${name}`, () => {
    let fx: StoreFixture;
    beforeAll(async () => {
      fx = await factory();
    });
    afterAll(async () => {
      await fx.cleanup();
    });

    it('happy: accepts up to the limit, then queues in arrival order with positions', async () => {
      const p = newPractice();
      const rs = await fx.store.decide([0, 1, 2, 3].map((i) => input(p, routinePlan, 1000 + i)));
      expect(rs.map((r) => r.decision.outcome)).toEqual(['accepted', 'accepted', 'queued', 'queued']);
      expect(rs.map((r) => r.position)).toEqual([undefined, undefined, 1, 2]);
      expect(rs[0]!.decision).toMatchObject({
        share: 'routine',
        reasonCode: 'accepted-routine',
        sequence: 1,
        day: DAY,
      });
      expect(rs[2]!.decision).toMatchObject({ list: 'clinical', reasonCode: 'queued-capacity' });
      const u = await fx.store.usage(p, DAY);
      expect(u.used.routine).toBe(2);
      expect(u.limits).toEqual(limits(2));
    });

    it('happy: the same request decided again is a duplicate with the same decision and no second reservation', async () => {
      const p = newPractice();
      const first = input(p);
      const [a] = await fx.store.decide([first]);
      const [b] = await fx.peer().decide([{ ...first, arrivalMs: first.arrivalMs + 5 }]);
      expect(a!.duplicate).toBe(false);
      expect(b!.duplicate).toBe(true);
      expect(b!.decision).toEqual(a!.decision);
      expect((await fx.store.usage(p, DAY)).used.routine).toBe(1);
    });

    it('happy: same-millisecond arrivals queue in the order they were decided, not by id', async () => {
      const p = newPractice();
      const reqs = Array.from({ length: 12 }, () => input(p, routinePlan, 5000, limits(0)));
      for (const r of reqs) await fx.store.decide([r]);
      const positions = await Promise.all(reqs.map((r) => fx.store.position(p, r.requestId)));
      expect(positions).toEqual(reqs.map((_, i) => i + 1));
      await fx.store.setDayLimits(p, DAY, limits(12));
      const promoted = await fx.store.promote(p, DAY, limits(0));
      expect(promoted.map((x) => x.decision.requestId)).toEqual(reqs.map((r) => r.requestId));
    });

    it('happy: a duplicate of a queued request reports its current position', async () => {
      const p = newPractice();
      const reqs = [0, 1, 2].map((i) => input(p, routinePlan, i, limits(0)));
      await fx.store.decide(reqs);
      const [again] = await fx.store.decide([reqs[1]!]);
      expect(again).toMatchObject({ duplicate: true, position: 2 });
    });

    it('happy: urgent requests use the urgent share, then routine; then the duty clinician (overbook)', async () => {
      const p = newPractice();
      const plan: StorePlan = {
        type: 'reserve',
        day: DAY,
        shares: ['urgent', 'routine'],
        acceptedReason: 'accepted-urgent',
        onFull: { type: 'overbook', share: 'urgent', reasonCode: 'accepted-duty-clinician' },
      };
      const rs = await fx.store.decide([1, 2, 3].map((i) => input(p, plan, i, limits(1, 1))));
      expect(rs.map((r) => r.decision.share)).toEqual(['urgent', 'routine', 'urgent']);
      expect(rs[2]!.decision).toMatchObject({ overbooked: true, reasonCode: 'accepted-duty-clinician' });
      const u = await fx.store.usage(p, DAY);
      expect(u.overbooked.urgent).toBe(1);
      expect(u.used).toEqual({ routine: 1, urgent: 2, admin: 0 });
    });

    it('safety: a concern takes the urgent share alone, then overbooks the duty list; never a routine place, never queued', async () => {
      const p = newPractice();
      const plan: StorePlan = {
        type: 'reserve',
        day: DAY,
        shares: ['urgent'],
        acceptedReason: 'concern-duty-clinician',
        onFull: { type: 'overbook', share: 'urgent', reasonCode: 'concern-duty-clinician' },
      };
      const rs = await fx.store.decide([1, 2, 3].map((i) => input(p, plan, i, limits(5, 1))));
      expect(
        rs.map((r) => [r.decision.outcome, r.decision.share, r.decision.reasonCode, r.decision.overbooked ?? false]),
      ).toEqual([
        ['accepted', 'urgent', 'concern-duty-clinician', false],
        ['accepted', 'urgent', 'concern-duty-clinician', true],
        ['accepted', 'urgent', 'concern-duty-clinician', true],
      ]);
      const u = await fx.store.usage(p, DAY);
      expect(u.used).toEqual({ routine: 0, urgent: 3, admin: 0 });
      expect(u.overbooked.urgent).toBe(2);
      expect(await fx.store.position(p, rs[2]!.decision.requestId)).toBeNull();
    });

    it('happy: redirects (emergencies, signposting) are recorded but never counted', async () => {
      const p = newPractice();
      const plan: StorePlan = { type: 'redirect', day: DAY, destination: '999', reasonCode: 'redirected-emergency' };
      const [r] = await fx.store.decide([input(p, plan)]);
      expect(r!.decision).toMatchObject({ outcome: 'redirected', destination: '999' });
      const u = await fx.store.usage(p, DAY);
      expect(u.used).toEqual({ routine: 0, urgent: 0, admin: 0 });
      expect((await fx.store.waitingList(p, 'clinical')).depth).toBe(0);
    });

    it('happy: onFull redirect signposts without queueing', async () => {
      const p = newPractice();
      const plan: StorePlan = {
        ...routinePlan,
        onFull: { type: 'redirect', destination: 'pharmacy-first', reasonCode: 'redirected-pharmacy-first' },
      } as StorePlan;
      const rs = await fx.store.decide([input(p, plan, 1, limits(0))]);
      expect(rs[0]!.decision).toMatchObject({ outcome: 'redirected', destination: 'pharmacy-first' });
    });

    it('happy: a day keeps the limits it was given; later defaults do not override a saved rota', async () => {
      const p = newPractice();
      await fx.store.setDayLimits(p, DAY, limits(1));
      const rs = await fx.store.decide([input(p, routinePlan, 1, limits(50)), input(p, routinePlan, 2, limits(50))]);
      expect(rs.map((r) => r.decision.outcome)).toEqual(['accepted', 'queued']);
    });

    it('happy: freed capacity promotes the waiting list in priority then arrival order, via the outbox', async () => {
      const p = newPractice();
      const plan = (priority: number): StorePlan =>
        ({
          ...routinePlan,
          onFull: { type: 'queue', list: 'clinical', priority, reasonCode: 'queued-capacity' },
        }) as StorePlan;
      const late = input(p, plan(0), 3000, limits(0));
      const early = input(p, plan(1), 1000, limits(0));
      const mid = input(p, plan(1), 2000, limits(0));
      await fx.store.decide([early, mid, late]);
      expect(await fx.store.position(p, late.requestId)).toBe(1);
      expect(await fx.store.waitingList(p, 'clinical')).toEqual({ depth: 3, oldestArrivalMs: 1000 });
      await fx.store.setDayLimits(p, DAY, limits(2));
      const promoted = await fx.store.promote(p, DAY, limits(0));
      expect(promoted.map((x) => x.decision.requestId)).toEqual([late.requestId, early.requestId]);
      expect(promoted[0]!.decision).toMatchObject({
        outcome: 'accepted',
        reasonCode: 'promoted',
        sequence: 2,
        share: 'routine',
      });
      expect(promoted[0]!.payload).toBe(late.payload);
      expect(await fx.store.position(p, mid.requestId)).toBe(1);
      expect((await fx.store.pendingOutbox(p)).map((x) => x.decision.requestId).sort()).toEqual(
        [late.requestId, early.requestId].sort(),
      );
      await fx.store.ackOutbox(p, [late.requestId, early.requestId]);
      expect(await fx.store.pendingOutbox(p)).toEqual([]);
      expect(await fx.store.promote(p, DAY, limits(0))).toEqual([]);
    });

    it('happy: promotion fills the admin allowance from the admin list only', async () => {
      const p = newPractice();
      const adminPlan: StorePlan = {
        type: 'reserve',
        day: DAY,
        shares: ['admin'],
        acceptedReason: 'accepted-admin',
        onFull: { type: 'queue', list: 'admin', priority: 2, reasonCode: 'queued-capacity' },
      };
      const [a] = await fx.store.decide([input(p, adminPlan, 1, limits(0, 0, 0))]);
      expect(a!.decision.list).toBe('admin');
      await fx.store.setDayLimits(p, '2026-12-01', limits(5, 0, 1));
      const promoted = await fx.store.promote(p, '2026-12-01', limits(0));
      expect(promoted.map((x) => [x.decision.requestId, x.decision.share, x.decision.day])).toEqual([
        [a!.decision.requestId, 'admin', '2026-12-01'],
      ]);
    });

    it('happy: the waiting list reads in order with priority, arrival and the kept payload', async () => {
      const p = newPractice();
      const plan = (priority: number): StorePlan =>
        ({
          ...routinePlan,
          onFull: { type: 'queue', list: 'clinical', priority, reasonCode: 'queued-capacity' },
        }) as StorePlan;
      const a = input(p, plan(1), 1000, limits(0));
      const b = input(p, plan(0), 3000, limits(0));
      const c = input(p, plan(1), 2000, limits(0));
      await fx.store.decide([a, b, c]);
      const q = await fx.store.queued(p, 'clinical');
      expect(q.map((x) => [x.requestId, x.position, x.priority, x.arrivalMs])).toEqual([
        [b.requestId, 1, 0, 3000],
        [a.requestId, 2, 1, 1000],
        [c.requestId, 3, 1, 2000],
      ]);
      expect(q[1]!.payload).toBe(a.payload);
      expect(q[1]!.decision).toMatchObject({
        outcome: 'queued',
        list: 'clinical',
        reasonCode: 'queued-capacity',
        day: DAY,
      });
      expect((await fx.store.queued(p, 'clinical', 1)).map((x) => x.requestId)).toEqual([b.requestId]);
      expect(await fx.store.queued(p, 'admin')).toEqual([]);
    });

    it('happy: staff promotion of one request uses free capacity, else is counted as overbooked; once only, via the outbox', async () => {
      const p = newPractice();
      const [first, second, third] = [
        input(p, routinePlan, 1, limits(0)),
        input(p, routinePlan, 2, limits(0)),
        input(p, routinePlan, 3, limits(0)),
      ];
      await fx.store.decide([first, second, third]);
      await fx.store.setDayLimits(p, '2026-12-01', limits(1));
      // The second in the queue, taken on before the first: into the one free place.
      const one = await fx.store.promoteRequest(p, second.requestId, '2026-12-01', limits(0));
      expect(one!.decision).toMatchObject({
        outcome: 'accepted',
        reasonCode: 'promoted',
        share: 'routine',
        sequence: 2,
        day: '2026-12-01',
      });
      expect(one!.decision.overbooked).toBeUndefined();
      expect(one!.payload).toBe(second.payload);
      // The day is now full: the next one taken on is beyond safe capacity, and counted as such.
      const two = await fx.store.promoteRequest(p, third.requestId, '2026-12-01', limits(0));
      expect(two!.decision).toMatchObject({ outcome: 'accepted', overbooked: true, share: 'routine' });
      const u = await fx.store.usage(p, '2026-12-01');
      expect([u.used.routine, u.overbooked.routine]).toEqual([2, 1]);
      expect(await fx.store.promoteRequest(p, third.requestId, '2026-12-01', limits(0))).toBeNull();
      expect(await fx.store.promoteRequest(p, randomUUID(), '2026-12-01', limits(0))).toBeNull();
      expect(await fx.store.position(p, first.requestId)).toBe(1);
      expect((await fx.store.queued(p, 'clinical')).map((x) => x.requestId)).toEqual([first.requestId]);
      expect(await fx.store.getDecision(p, second.requestId)).toMatchObject({
        outcome: 'accepted',
        reasonCode: 'promoted',
      });
      expect((await fx.store.pendingOutbox(p)).map((x) => x.decision.requestId).sort()).toEqual(
        [second.requestId, third.requestId].sort(),
      );
      // Cancelling an overbooked one gives its overbooked count back.
      await fx.store.cancel(p, third.requestId);
      const after = await fx.store.usage(p, '2026-12-01');
      expect([after.used.routine, after.overbooked.routine]).toEqual([1, 0]);
    });

    it('happy: two replicas taking on the same request at once promote it once', async () => {
      const p = newPractice();
      const q = input(p, routinePlan, 1, limits(0));
      await fx.store.decide([q]);
      const results = await Promise.all([
        fx.store.promoteRequest(p, q.requestId, DAY, limits(0)),
        fx.peer().promoteRequest(p, q.requestId, DAY, limits(0)),
      ]);
      expect(results.filter((r) => r !== null)).toHaveLength(1);
      expect((await fx.store.usage(p, DAY)).used.routine).toBe(1);
    });

    it('happy: cancelling frees a reservation, takes a queued request off the list, and is idempotent', async () => {
      const p = newPractice();
      const [acc, q] = await fx.store.decide([
        input(p, routinePlan, 1, limits(1)),
        input(p, routinePlan, 2, limits(1)),
      ]);
      const c1 = await fx.store.cancel(p, acc!.decision.requestId);
      expect(c1!.decision).toMatchObject({ outcome: 'cancelled', sequence: 2 });
      expect(c1!.payload).toBe(JSON.stringify({ n: 1 }));
      expect((await fx.store.usage(p, DAY)).used.routine).toBe(0);
      const c2 = await fx.store.cancel(p, q!.decision.requestId);
      expect(c2!.decision).toMatchObject({ outcome: 'cancelled' });
      expect((await fx.store.waitingList(p, 'clinical')).depth).toBe(0);
      expect(await fx.store.cancel(p, q!.decision.requestId)).toBeNull();
      expect(await fx.store.cancel(p, randomUUID())).toBeNull();
      expect(await fx.store.getDecision(p, acc!.decision.requestId)).toMatchObject({ outcome: 'cancelled' });
    });

    it('happy: usedOn reads one share on many days at once, as usage() does day by day', async () => {
      const p = newPractice();
      const tomorrow = '2026-12-01';
      await fx.store.decide([
        input(p, routinePlan, 1, limits(5)),
        input(p, routinePlan, 2, limits(5)),
        input(p, { ...routinePlan, day: tomorrow }, 3, limits(5)),
      ]);
      const days = [DAY, tomorrow, '2026-12-02'];
      expect(await fx.store.usedOn(p, days, 'routine')).toEqual([2, 1, 0]);
      expect(await fx.store.usedOn(p, days, 'routine')).toEqual(
        await Promise.all(days.map(async (d) => (await fx.store.usage(p, d)).used.routine)),
      );
      expect(await fx.store.usedOn(p, days, 'admin')).toEqual([0, 0, 0]);
      expect(await fx.store.usedOn(p, [], 'routine')).toEqual([]);
    });

    it('happy: lists the practices it has seen', async () => {
      const p = newPractice();
      await fx.store.setDayLimits(p, DAY, limits(1));
      expect(await fx.store.practices()).toContain(p);
    });

    it('happy: demand is counted by practice, day, hour and kind; other days and practices stay apart', async () => {
      const p = newPractice();
      const q = newPractice();
      expect(await fx.store.demandByHour(p, DAY)).toEqual({
        day: DAY,
        clinical: Array(24).fill(0),
        admin: Array(24).fill(0),
        redirected: {},
      });
      await fx.store.recordDemand([
        { practice: p, day: DAY, hour: 9, kind: 'clinical' },
        { practice: p, day: DAY, hour: 9, kind: 'clinical' },
        { practice: p, day: DAY, hour: 9, kind: 'admin' },
        { practice: p, day: DAY, hour: 23, kind: 'clinical' },
        { practice: p, day: '2026-12-01', hour: 9, kind: 'clinical' },
        { practice: q, day: DAY, hour: 10, kind: 'clinical' },
        { practice: p, day: DAY, hour: 9, kind: 'clinical', redirectedTo: '999' },
        { practice: p, day: DAY, hour: 10, kind: 'clinical', redirectedTo: 'pharmacy-first' },
        { practice: p, day: DAY, hour: 11, kind: 'clinical', redirectedTo: 'pharmacy-first' },
      ]);
      await fx.peer().recordDemand([{ practice: p, day: DAY, hour: 0, kind: 'clinical' }]);
      const d = await fx.store.demandByHour(p, DAY);
      expect(d.clinical[9]).toBe(2);
      expect(d.admin[9]).toBe(1);
      expect(d.clinical[23]).toBe(1);
      expect(d.clinical[0]).toBe(1);
      expect(d.clinical.reduce((a, b) => a + b, 0)).toBe(4); // redirects are counted apart, by destination
      expect(d.redirected).toEqual({ '999': 1, 'pharmacy-first': 2 });
      expect((await fx.store.demandByHour(p, '2026-12-01')).clinical[9]).toBe(1);
      expect((await fx.store.demandByHour(q, DAY)).clinical[10]).toBe(1);
      await expect(fx.store.recordDemand([])).resolves.toBeUndefined();
    });

    it('property: a batch decides as the same requests one at a time would, answering in input order', async () => {
      const urgentPlan: StorePlan = {
        type: 'reserve',
        day: DAY,
        shares: ['urgent', 'routine'],
        acceptedReason: 'accepted-urgent',
        onFull: { type: 'overbook', share: 'urgent', reasonCode: 'accepted-duty-clinician' },
      };
      const redirectPlan: StorePlan = {
        type: 'redirect',
        day: DAY,
        reasonCode: 'redirected-emergency',
        destination: '999',
      };
      const plans = [routinePlan, urgentPlan, redirectPlan];
      await fc.assert(
        fc.asyncProperty(
          // Long enough to span several of a store's internal chunks; repeats are redeliveries within the batch.
          fc.array(fc.record({ practice: fc.nat(2), plan: fc.nat(2), repeat: fc.nat(9) }), {
            minLength: 1,
            maxLength: 130,
          }),
          fc.integer({ min: 0, max: 30 }),
          async (specs, limit) => {
            const batched = [newPractice(), newPractice(), newPractice()];
            const alone = [newPractice(), newPractice(), newPractice()];
            const made: DecideInput[] = [];
            const reqs = specs.map((sp, n) => {
              const again = sp.repeat === 0 && made.length > 0 ? made[n % made.length] : undefined;
              const r = again ?? input(batched[sp.practice]!, plans[sp.plan], 1000 + n, limits(limit, 2));
              made.push(r);
              return r;
            });
            const results = await fx.store.decide(reqs);
            const mirror = (r: DecideInput): DecideInput => ({ ...r, practice: alone[batched.indexOf(r.practice)]! });
            const oneByOne = [];
            for (const r of reqs) oneByOne.push(...(await fx.peer().decide([mirror(r)])));
            const view = (r: (typeof results)[number]) => [
              r.decision.requestId,
              r.decision.outcome,
              r.decision.reasonCode,
              r.decision.share,
              r.decision.list,
              r.position,
              r.duplicate,
            ];
            expect(results.map(view)).toEqual(oneByOne.map(view));
            expect(results.map((r) => r.decision.practice)).toEqual(reqs.map((r) => r.practice));
          },
        ),
        { numRuns: 15 },
      );
    });

    it('property: under concurrent replicas, admitted never exceeds the limit and no request is decided twice', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: 12 }),
          fc.integer({ min: 1, max: 40 }),
          fc.integer({ min: 1, max: 6 }),
          async (limit, requests, batches) => {
            const p = newPractice();
            const inputs = Array.from({ length: requests }, (_, i) => input(p, routinePlan, i, limits(limit)));
            // Every request is sent twice (a redelivery), split across replicas and concurrent batches.
            const all = [...inputs, ...inputs].sort(() => Math.random() - 0.5);
            const chunks = Array.from({ length: batches }, (_, b) => all.filter((_, i) => i % batches === b));
            const results = (await Promise.all(chunks.map((c, i) => (i % 2 ? fx.peer() : fx.store).decide(c)))).flat();
            const byId = new Map<string, string>();
            for (const r of results) {
              const prev = byId.get(r.decision.requestId);
              if (prev) expect(r.decision.outcome).toBe(prev);
              byId.set(r.decision.requestId, r.decision.outcome);
            }
            const accepted = [...byId.values()].filter((o) => o === 'accepted').length;
            expect(accepted).toBe(Math.min(limit, requests));
            expect((await fx.store.usage(p, DAY)).used.routine).toBe(accepted);
            expect(results.filter((r) => !r.duplicate)).toHaveLength(requests);
          },
        ),
        { numRuns: 25 },
      );
    });
  });
}
