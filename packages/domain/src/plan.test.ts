import { MONDAY_7PM, MONDAY_7_30AM, admin, concern, config, ctx, redFlag, routine, urgent } from '../test/fixtures';
import { createCalendar } from './calendar';
import { planDecision } from './plan';

const bma = config({ policy: 'bma-safe-working' });
const bmaSignpost = config({ policy: 'bma-safe-working', beyondCapacity: 'signpost' });
const pause = { until: '2026-11-30T18:30:00Z', reason: 'Two GPs off sick, no locum available' };

describe('planDecision: emergencies', () => {
  it('a red flag is redirected to the screen’s destination, flagged and never counted', () => {
    expect(planDecision(redFlag(), ctx())).toEqual({
      type: 'redirect',
      day: '2026-11-30',
      destination: '999',
      reasonCode: 'redirected-emergency',
      flags: ['emergency-signposted'],
      counted: false,
    });
  });
  it('comes before everything: paused, out of hours, fair use, any kind', () => {
    const fairUse = config({ fairUse: { enabled: true } });
    for (const c of [
      ctx({ pause }),
      ctx({ now: MONDAY_7PM, config: config({ outOfHours: 'closed' }) }),
      ctx({ config: fairUse, fairUse: { openRecent: 5, overridden: false } }),
    ]) {
      expect(planDecision(redFlag({ kind: 'admin', urgency: 'routine' }), c)).toMatchObject({
        type: 'redirect',
        reasonCode: 'redirected-emergency',
      });
    }
  });
  it('uses the screen’s destination, and 999 if it gave none', () => {
    const mh = redFlag({ screening: { outcome: 'emergency-signposted', destination: 'nhs-111-mental-health' } });
    expect(planDecision(mh, ctx())).toMatchObject({ destination: 'nhs-111-mental-health' });
    expect(planDecision(redFlag({ screening: { outcome: 'emergency-signposted' } }), ctx())).toMatchObject({
      destination: '999',
    });
  });
});

describe('planDecision: concerns', () => {
  const toDuty = {
    type: 'reserve',
    shares: ['urgent'],
    acceptedReason: 'concern-duty-clinician',
    onFull: { type: 'overbook', share: 'urgent', reasonCode: 'concern-duty-clinician' },
    flags: ['concern'],
  };
  it('in core hours: the urgent share today, overbooked onto the duty list when full, flagged', () => {
    expect(planDecision(concern(), ctx())).toEqual({ ...toDuty, day: '2026-11-30' });
  });
  it('the same under either profile, paused, over fair use, protected or not, any kind and urgency', () => {
    const fairUse = config({ fairUse: { enabled: true } });
    const contexts = [
      ctx({ config: bma }),
      ctx({ config: bmaSignpost }),
      ctx({ pause }),
      ctx({ config: fairUse, fairUse: { openRecent: 5, overridden: false } }),
    ];
    for (const c of contexts) {
      for (const r of [
        concern(),
        concern({ kind: 'admin' }),
        concern({ urgency: 'urgent' }),
        concern({ patient: { ageYears: 0 } }),
      ]) {
        expect(planDecision(r, c)).toEqual({ ...toDuty, day: '2026-11-30' });
      }
    }
  });
  it.each([
    ['before the practice opens', new Date('2026-11-30T07:30:00Z'), createCalendar()],
    ['after it closes', new Date('2026-11-30T19:00:00Z'), createCalendar()],
    ['on a Saturday', new Date('2026-12-05T10:00:00Z'), createCalendar()],
    ['on Christmas Day', new Date('2026-12-25T10:00:00Z'), createCalendar()],
    ['on a day the practice is closed', new Date('2026-11-30T10:00:00Z'), createCalendar({ closures: ['2026-11-30'] })],
  ])('%s there is no duty clinician to look at it: NHS 111 now, not counted', (_, now, calendar) => {
    for (const outOfHours of ['closed', 'admin-only', 'next-working-day'] as const) {
      expect(planDecision(concern(), ctx({ now, calendar, config: config({ outOfHours }) }))).toMatchObject({
        type: 'redirect',
        destination: 'nhs-111',
        reasonCode: 'redirected-concern',
        flags: ['concern'],
        counted: false,
      });
    }
  });
});

describe('planDecision: gms-contract-2025 in core hours', () => {
  it('routine: try the routine share, queue when full', () => {
    expect(planDecision(routine(), ctx())).toEqual({
      type: 'reserve',
      day: '2026-11-30',
      shares: ['routine'],
      acceptedReason: 'accepted-routine',
      onFull: { type: 'queue', list: 'clinical', priority: 1, reasonCode: 'queued-capacity' },
      flags: [],
    });
  });
  it('urgent: urgent share, then routine, then the duty clinician — never NHS 111', () => {
    expect(planDecision(urgent(), ctx())).toMatchObject({
      shares: ['urgent', 'routine'],
      acceptedReason: 'accepted-urgent',
      onFull: { type: 'overbook', share: 'urgent', reasonCode: 'accepted-duty-clinician' },
    });
  });
  it('admin: the admin allowance, queue when full', () => {
    expect(planDecision(admin(), ctx())).toMatchObject({
      shares: ['admin'],
      acceptedReason: 'accepted-admin',
      onFull: { type: 'queue', list: 'admin', priority: 2, reasonCode: 'queued-capacity' },
    });
  });
  it('a protected patient queues first', () => {
    expect(planDecision(routine({ patient: { ageYears: 0 } }), ctx())).toMatchObject({
      onFull: { type: 'queue', priority: 0 },
    });
  });
});

describe('planDecision: paused (exceptional circumstances)', () => {
  it('urgent → NHS 111, others queue for when the pause ends', () => {
    expect(planDecision(urgent(), ctx({ pause }))).toMatchObject({
      type: 'redirect',
      destination: 'nhs-111',
      reasonCode: 'redirected-paused',
    });
    expect(planDecision(routine(), ctx({ pause }))).toEqual({
      type: 'queue',
      day: '2026-11-30',
      list: 'clinical',
      priority: 1,
      reasonCode: 'queued-paused',
      flags: [],
    });
    expect(planDecision(admin(), ctx({ pause }))).toMatchObject({
      type: 'queue',
      list: 'admin',
      priority: 2,
      reasonCode: 'queued-paused',
    });
  });
  it('a protected patient with an urgent need still reaches the duty clinician', () => {
    expect(planDecision(urgent({ patient: { cohorts: ['palliative-care'] } }), ctx({ pause }))).toMatchObject({
      type: 'reserve',
      onFull: { type: 'overbook' },
    });
  });
  it('an ended pause changes nothing', () => {
    expect(planDecision(urgent(), ctx({ pause: { ...pause, until: '2026-11-30T09:59:59Z' } })).type).toBe('reserve');
  });
  it('applies under bma-safe-working too', () => {
    expect(planDecision(routine(), ctx({ config: bma, pause }))).toMatchObject({
      type: 'queue',
      reasonCode: 'queued-paused',
    });
  });
});

describe('planDecision: bma-safe-working in core hours', () => {
  it('routine beyond capacity goes on the waiting list by default', () => {
    expect(planDecision(routine(), ctx({ config: bma }))).toMatchObject({
      onFull: { type: 'queue', reasonCode: 'queued-capacity' },
    });
  });
  it('or is signposted, to Pharmacy First when it fits', () => {
    const soreThroat = routine({ description: 'Sore throat for four days', patient: { ageYears: 30 } });
    expect(planDecision(soreThroat, ctx({ config: bmaSignpost }))).toMatchObject({
      onFull: { type: 'redirect', destination: 'pharmacy-first', reasonCode: 'redirected-pharmacy-first' },
    });
    expect(planDecision(routine(), ctx({ config: bmaSignpost }))).toMatchObject({
      onFull: { type: 'redirect', destination: 'nhs-111-online', reasonCode: 'redirected-nhs-111-online' },
    });
  });
  it('urgent beyond the urgent share → NHS 111', () => {
    expect(planDecision(urgent(), ctx({ config: bma }))).toMatchObject({
      shares: ['urgent', 'routine'],
      onFull: { type: 'redirect', destination: 'nhs-111', reasonCode: 'redirected-nhs-111' },
    });
  });
  it('protected cohorts are never signposted away', () => {
    const baby = { patient: { ageYears: 0 } };
    expect(planDecision(routine(baby), ctx({ config: bmaSignpost }))).toMatchObject({
      onFull: { type: 'queue', priority: 0 },
    });
    expect(planDecision(urgent(baby), ctx({ config: bmaSignpost }))).toMatchObject({ onFull: { type: 'overbook' } });
  });
  it('admin still queues', () => {
    expect(planDecision(admin(), ctx({ config: bmaSignpost }))).toMatchObject({
      onFull: { type: 'queue', list: 'admin' },
    });
  });
});

describe('planDecision: out of core hours', () => {
  it('urgent clinical → NHS 111 whatever the setting, protected or not', () => {
    for (const outOfHours of ['closed', 'admin-only', 'next-working-day'] as const) {
      const c = ctx({ now: MONDAY_7PM, config: config({ outOfHours }) });
      expect(planDecision(urgent(), c)).toMatchObject({
        type: 'redirect',
        destination: 'nhs-111',
        reasonCode: 'redirected-nhs-111',
      });
      expect(planDecision(urgent({ patient: { ageYears: 0 } }), c)).toMatchObject({
        type: 'redirect',
        destination: 'nhs-111',
      });
    }
  });
  it('next-working-day: reserve on the next working day, queue with the out-of-hours reason', () => {
    expect(planDecision(routine(), ctx({ now: MONDAY_7PM }))).toEqual({
      type: 'reserve',
      day: '2026-12-01',
      shares: ['routine'],
      acceptedReason: 'accepted-next-working-day',
      onFull: { type: 'queue', list: 'clinical', priority: 1, reasonCode: 'queued-out-of-hours' },
      flags: [],
    });
  });
  it('before 08:00 on a working day the service day is today', () => {
    expect(planDecision(routine(), ctx({ now: MONDAY_7_30AM }))).toMatchObject({
      day: '2026-11-30',
      acceptedReason: 'accepted-next-working-day',
    });
  });
  it('closed: everything but emergencies and urgent → NHS 111 online', () => {
    const c = ctx({ now: MONDAY_7PM, config: config({ outOfHours: 'closed' }) });
    for (const r of [routine(), admin()]) {
      expect(planDecision(r, c)).toMatchObject({
        type: 'redirect',
        day: '2026-12-01',
        destination: 'nhs-111-online',
        reasonCode: 'redirected-closed-out-of-hours',
      });
    }
  });
  it('closed: a protected patient is queued for the next working day instead', () => {
    const c = ctx({ now: MONDAY_7PM, config: config({ outOfHours: 'closed' }) });
    expect(planDecision(routine({ patient: { cohorts: ['palliative-care'] } }), c)).toEqual({
      type: 'queue',
      day: '2026-12-01',
      list: 'clinical',
      priority: 0,
      reasonCode: 'queued-out-of-hours',
      flags: [],
    });
  });
  it('admin-only: admin reserved for the next working day, clinical redirected', () => {
    const c = ctx({ now: MONDAY_7PM, config: config({ outOfHours: 'admin-only' }) });
    expect(planDecision(admin(), c)).toMatchObject({
      type: 'reserve',
      day: '2026-12-01',
      acceptedReason: 'accepted-next-working-day',
      onFull: { type: 'queue', reasonCode: 'queued-out-of-hours' },
    });
    expect(planDecision(routine(), c)).toMatchObject({
      type: 'redirect',
      reasonCode: 'redirected-closed-out-of-hours',
    });
  });
  it('a weekend, a bank holiday and a closure day are out of core hours', () => {
    expect(planDecision(routine(), ctx({ now: new Date('2026-11-28T10:00:00Z') }))).toMatchObject({
      day: '2026-11-30',
      acceptedReason: 'accepted-next-working-day',
    });
    expect(planDecision(routine(), ctx({ now: new Date('2026-12-25T10:00:00Z') }))).toMatchObject({
      day: '2026-12-29',
    });
    const closing = createCalendar({ closures: ['2026-11-30'] });
    expect(planDecision(routine(), ctx({ calendar: closing }))).toMatchObject({
      day: '2026-12-01',
      acceptedReason: 'accepted-next-working-day',
    });
    expect(planDecision(urgent(), ctx({ calendar: closing }))).toMatchObject({
      type: 'redirect',
      destination: 'nhs-111',
    });
  });
});

describe('planDecision: fair use', () => {
  const on = config({ fairUse: { enabled: true, maxOpenRoutine: 1 } });
  it('over the limit → NHS 111 online with the fair-use reason', () => {
    expect(planDecision(routine(), ctx({ config: on, fairUse: { openRecent: 1, overridden: false } }))).toMatchObject({
      type: 'redirect',
      destination: 'nhs-111-online',
      reasonCode: 'fair-use-limit',
    });
  });
  it('under the limit, or off, or no count given: no effect', () => {
    expect(planDecision(routine(), ctx({ config: on, fairUse: { openRecent: 0, overridden: false } })).type).toBe(
      'reserve',
    );
    expect(planDecision(routine(), ctx({ config: on })).type).toBe('reserve');
    expect(planDecision(routine(), ctx({ fairUse: { openRecent: 9, overridden: false } })).type).toBe('reserve');
  });
  it('staff can override it for a patient; the decision says so', () => {
    expect(planDecision(routine(), ctx({ config: on, fairUse: { openRecent: 3, overridden: true } }))).toMatchObject({
      type: 'reserve',
      flags: ['staff-override'],
    });
  });
  it('never limits urgent, admin or protected patients', () => {
    const c = ctx({ config: on, fairUse: { openRecent: 3, overridden: false } });
    expect(planDecision(urgent(), c).type).toBe('reserve');
    expect(planDecision(admin(), c).type).toBe('reserve');
    expect(planDecision(routine({ patient: { ageYears: 0 } }), c).type).toBe('reserve');
  });
  it('applies out of hours too', () => {
    expect(
      planDecision(routine(), ctx({ now: MONDAY_7PM, config: on, fairUse: { openRecent: 1, overridden: false } })),
    ).toMatchObject({ reasonCode: 'fair-use-limit' });
  });
});
