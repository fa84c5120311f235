import { decisionFlags, expectedDay, referenceOutcome, type ModelState } from './outcome';
import type { Plan } from './plan';

describe('expectedDay', () => {
  const upcoming = [
    { day: '2026-11-30', free: 0 },
    { day: '2026-12-01', free: 2 },
    { day: '2026-12-02', free: 3 },
  ];
  it.each([
    [1, '2026-12-01'],
    [2, '2026-12-01'],
    [3, '2026-12-02'],
    [5, '2026-12-02'],
    [6, '2026-12-09'],
  ])('position %i → %s', (position, want) => {
    expect(expectedDay(position, upcoming, '2026-12-09')).toBe(want);
  });
  it('ignores negative free (an overbooked day)', () => {
    expect(
      expectedDay(
        1,
        [
          { day: '2026-11-30', free: -3 },
          { day: '2026-12-01', free: 1 },
        ],
        'x',
      ),
    ).toBe('2026-12-01');
  });
  it('no upcoming days: the fallback', () => {
    expect(expectedDay(1, [], '2026-12-09')).toBe('2026-12-09');
  });
});

describe('referenceOutcome', () => {
  const reserve: Plan = {
    type: 'reserve',
    day: '2026-11-30',
    shares: ['urgent', 'routine'],
    acceptedReason: 'accepted-urgent',
    onFull: { type: 'overbook', share: 'urgent', reasonCode: 'accepted-duty-clinician' },
    flags: [],
  };
  const state = (urgent: number, routine: number, queue: ModelState['queue'] = []): ModelState => ({
    free: { urgent, routine, admin: 0 },
    queue,
  });

  it('takes the first share with room', () => {
    expect(referenceOutcome(reserve, state(1, 1))).toEqual({
      outcome: 'accepted',
      share: 'urgent',
      reasonCode: 'accepted-urgent',
    });
    expect(referenceOutcome(reserve, state(0, 1))).toEqual({
      outcome: 'accepted',
      share: 'routine',
      reasonCode: 'accepted-urgent',
    });
  });
  it('overbooks when full and the plan says so', () => {
    expect(referenceOutcome(reserve, state(0, 0))).toEqual({
      outcome: 'accepted',
      share: 'urgent',
      overbooked: true,
      reasonCode: 'accepted-duty-clinician',
    });
  });
  it('queues behind the same or higher priority (lower number)', () => {
    const queueing: Plan = {
      ...reserve,
      shares: ['routine'],
      onFull: { type: 'queue', list: 'clinical', priority: 1, reasonCode: 'queued-capacity' },
    };
    const queue: ModelState['queue'] = [
      { list: 'clinical', priority: 1 },
      { list: 'clinical', priority: 0 },
      { list: 'clinical', priority: 1 },
      { list: 'admin', priority: 2 },
    ];
    expect(referenceOutcome(queueing, state(0, 0, queue))).toMatchObject({ outcome: 'queued', position: 4 });
    const protectedPlan: Plan = {
      ...queueing,
      onFull: { type: 'queue', list: 'clinical', priority: 0, reasonCode: 'queued-capacity' },
    };
    expect(referenceOutcome(protectedPlan, state(0, 0, queue))).toMatchObject({ outcome: 'queued', position: 2 });
  });
  it('a redirect plan is redirected whatever the state', () => {
    const plan: Plan = {
      type: 'redirect',
      day: '2026-11-30',
      destination: '999',
      reasonCode: 'redirected-emergency',
      flags: ['emergency-signposted'],
      counted: false,
    };
    expect(referenceOutcome(plan, state(5, 5))).toEqual({
      outcome: 'redirected',
      destination: '999',
      reasonCode: 'redirected-emergency',
    });
  });
  it('a queue plan queues even with room', () => {
    const plan: Plan = {
      type: 'queue',
      day: '2026-11-30',
      list: 'admin',
      priority: 2,
      reasonCode: 'queued-paused',
      flags: [],
    };
    expect(referenceOutcome(plan, { free: { urgent: 5, routine: 5, admin: 5 }, queue: [] })).toEqual({
      outcome: 'queued',
      position: 1,
      reasonCode: 'queued-paused',
    });
  });
});

describe('decisionFlags', () => {
  it('adds duty-clinician to an overbooked outcome, once', () => {
    const plan: Plan = {
      type: 'reserve',
      day: '2026-11-30',
      shares: ['urgent'],
      acceptedReason: 'accepted-urgent',
      onFull: { type: 'overbook', share: 'urgent', reasonCode: 'accepted-duty-clinician' },
      flags: ['staff-override'],
    };
    expect(
      decisionFlags(plan, {
        outcome: 'accepted',
        share: 'urgent',
        overbooked: true,
        reasonCode: 'accepted-duty-clinician',
      }),
    ).toEqual(['staff-override', 'duty-clinician']);
    expect(decisionFlags(plan, { outcome: 'accepted', share: 'urgent', reasonCode: 'accepted-urgent' })).toEqual([
      'staff-override',
    ]);
  });
});
