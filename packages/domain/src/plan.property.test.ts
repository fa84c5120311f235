import fc from 'fast-check';
import { DateTime } from 'luxon';
import { Destination, PracticeConfig, SignpostTarget } from '@sluice/contracts';
import { LONDON, addDays, createCalendar, isCoreHours, isWorkingDay, londonDay } from './calendar';
import { isPaused } from './pause';
import { referenceOutcome, type ModelState } from './outcome';
import { planDecision, type Plan, type PlanContext } from './plan';
import { isProtected, type PlanRequest } from './policy';

/** Arbitrary valid inputs: every field the rules read, over the years the calendar data covers. */
const COHORTS = ['under-1s', 'palliative-care', 'learning-disability', 'carers'];
const DESCRIPTIONS = [
  'Back pain for a week',
  'Sore throat for 4 days',
  'Earache',
  'Infected mosquito bite, red and swollen',
  'Shingles rash',
  'UTI',
  'Fit note',
];

const configArb = fc
  .record(
    {
      policy: fc.constantFrom('gms-contract-2025', 'bma-safe-working'),
      urgentSharePct: fc.integer({ min: 0, max: 90 }),
      outOfHours: fc.constantFrom('closed', 'admin-only', 'next-working-day'),
      beyondCapacity: fc.constantFrom('wait-list', 'signpost'),
      signpostTargets: fc.uniqueArray(fc.constantFrom(...SignpostTarget.options), { maxLength: 3 }),
      extendedAccessHub: fc.record({ name: fc.constant('Riverside PCN hub') }),
      protectedCohorts: fc.subarray(COHORTS),
      fairUse: fc.record({ enabled: fc.boolean(), maxOpenRoutine: fc.integer({ min: 1, max: 3 }) }),
      closures: fc.uniqueArray(
        fc.integer({ min: 0, max: 4 * 365 }).map((n) => addDays('2025-01-01', n)),
        { maxLength: 30 },
      ),
    },
    { requiredKeys: ['policy'] },
  )
  .map((input) =>
    input.signpostTargets?.includes('extended-access-hub') && !input.extendedAccessHub
      ? { ...input, extendedAccessHub: { name: 'Hub' } }
      : input,
  )
  .map((input) => PracticeConfig.parse(input));

const requestArb: fc.Arbitrary<PlanRequest> = fc.record(
  {
    kind: fc.constantFrom('clinical', 'admin'),
    urgency: fc.constantFrom('routine', 'urgent'),
    description: fc.oneof(fc.constantFrom(...DESCRIPTIONS), fc.string({ maxLength: 200 })),
    patient: fc.record(
      { ageYears: fc.integer({ min: 0, max: 130 }), cohorts: fc.subarray(COHORTS) },
      { requiredKeys: [] },
    ),
    screening: fc.oneof(
      fc.constant({ outcome: 'clear' as const }),
      fc.record(
        { outcome: fc.constant('emergency-signposted' as const), destination: fc.constantFrom(...Destination.options) },
        { requiredKeys: ['outcome'] },
      ),
      fc.record(
        {
          outcome: fc.constant('concern' as const),
          ruleId: fc.constant('test-concern'),
          advice: fc.constant('Call 999 if you cannot wake them.'),
        },
        { requiredKeys: ['outcome'] },
      ),
    ),
  },
  { requiredKeys: ['kind', 'urgency', 'description', 'screening'] },
);

const nowArb = fc.date({
  min: new Date('2025-01-01T00:00:00Z'),
  max: new Date('2028-11-30T00:00:00Z'),
  noInvalidDate: true,
});

/** A weekday 08:00–18:29 London time (a closure or bank holiday may still make it out of core hours). */
const weekdayCoreTimeArb = fc
  .record({ day: fc.integer({ min: 0, max: 4 * 365 - 30 }), minute: fc.integer({ min: 8 * 60, max: 18 * 60 + 29 }) })
  .map(({ day, minute }) => {
    const d = DateTime.fromISO(addDays('2025-01-06', day), { zone: LONDON });
    const weekday = d.plus({ days: d.weekday > 5 ? 8 - d.weekday : 0 });
    return weekday.set({ hour: Math.floor(minute / 60), minute: minute % 60 }).toJSDate();
  });

const ctxArbAt = (now: fc.Arbitrary<Date>): fc.Arbitrary<PlanContext> =>
  fc
    .record({
      now,
      config: configArb,
      pauseOffsetMinutes: fc.option(fc.integer({ min: -2 * 1440, max: 4 * 1440 }), { nil: undefined }),
      fairUse: fc.option(fc.record({ openRecent: fc.integer({ min: 0, max: 5 }), overridden: fc.boolean() }), {
        nil: undefined,
      }),
    })
    .map(({ now, config, pauseOffsetMinutes, fairUse }) => ({
      now,
      config,
      calendar: createCalendar({ closures: config.closures }),
      pause:
        pauseOffsetMinutes === undefined
          ? null
          : {
              until: new Date(now.getTime() + pauseOffsetMinutes * 60_000).toISOString(),
              reason: 'Exceptional circumstances',
            },
      ...(fairUse ? { fairUse } : {}),
    }));
const ctxArb = ctxArbAt(nowArb);

const emergency = (r: PlanRequest) => r.screening.outcome === 'emergency-signposted';
const concern = (r: PlanRequest) => r.screening.outcome === 'concern';
/** Any state of a practice-day the store could be in: free places per share, and a waiting list. */
const stateArb: fc.Arbitrary<ModelState> = fc.record({
  free: fc.record({
    routine: fc.integer({ min: 0, max: 3 }),
    urgent: fc.integer({ min: 0, max: 3 }),
    admin: fc.integer({ min: 0, max: 3 }),
  }),
  queue: fc.array(
    fc.record({
      list: fc.constantFrom('clinical' as const, 'admin' as const),
      priority: fc.integer({ min: 0, max: 2 }),
    }),
    { maxLength: 5 },
  ),
});
const urgentClinical = (r: PlanRequest) => r.kind === 'clinical' && r.urgency === 'urgent';
const redirects = (p: Plan) => p.type === 'redirect' || (p.type === 'reserve' && p.onFull.type === 'redirect');

describe('planDecision properties', () => {
  it('is total and deterministic: never throws, same inputs give the same plan', () => {
    fc.assert(
      fc.property(requestArb, ctxArb, (req, ctx) => {
        const a = planDecision(req, ctx);
        const b = planDecision(structuredClone(req), { ...ctx, now: new Date(ctx.now.getTime()) });
        expect(b).toEqual(a);
      }),
      { numRuns: 500 },
    );
  });

  it('plans for a working day, today or later', () => {
    fc.assert(
      fc.property(requestArb, ctxArb, (req, ctx) => {
        const p = planDecision(req, ctx);
        expect(isWorkingDay(ctx.calendar, p.day)).toBe(true);
        expect(p.day >= londonDay(ctx.now)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('an emergency-signposted request is always a redirect that is not counted', () => {
    fc.assert(
      fc.property(requestArb, ctxArb, (req, ctx) => {
        fc.pre(emergency(req));
        const p = planDecision(req, ctx);
        expect(p).toMatchObject({
          type: 'redirect',
          counted: false,
          reasonCode: 'redirected-emergency',
          flags: ['emergency-signposted'],
        });
        expect(p.type === 'redirect' && p.destination).toBe(req.screening.destination ?? '999');
      }),
    );
  });

  it('a protected cohort is never redirected, except for an emergency or urgent need out of core hours (NHS 111)', () => {
    fc.assert(
      fc.property(requestArb, ctxArb, (anyReq, anyCtx) => {
        // Make the patient protected: palliative care, protected by the practice.
        const req = { ...anyReq, patient: { ...anyReq.patient, cohorts: ['palliative-care'] } };
        const ctx = { ...anyCtx, config: { ...anyCtx.config, protectedCohorts: ['palliative-care'] } };
        expect(isProtected(req.patient, ctx.config)).toBe(true);
        fc.pre(!emergency(req) && !concern(req));
        const p = planDecision(req, ctx);
        if (!redirects(p)) return;
        expect(urgentClinical(req) && !isCoreHours(ctx.calendar, ctx.now)).toBe(true);
        expect(p).toMatchObject({ type: 'redirect', destination: 'nhs-111', reasonCode: 'redirected-nhs-111' });
      }),
      { numRuns: 1000 },
    );
  });

  it('urgent clinical requests are never put on a waiting list', () => {
    fc.assert(
      fc.property(requestArb, ctxArb, (req, ctx) => {
        fc.pre(urgentClinical(req));
        const p = planDecision(req, ctx);
        expect(p.type).not.toBe('queue');
        if (p.type === 'reserve') expect(p.onFull.type).not.toBe('queue');
      }),
    );
  });

  it('out of core hours, urgent clinical need goes to NHS 111', () => {
    fc.assert(
      fc.property(requestArb, ctxArb, (req, ctx) => {
        fc.pre(urgentClinical(req) && !emergency(req) && !concern(req) && !isCoreHours(ctx.calendar, ctx.now));
        expect(planDecision(req, ctx)).toMatchObject({
          type: 'redirect',
          destination: 'nhs-111',
          reasonCode: 'redirected-nhs-111',
        });
      }),
    );
  });

  it('gms-contract-2025 in core hours sends nothing away, unless paused, over fair use, or an emergency', () => {
    fc.assert(
      fc.property(requestArb, ctxArbAt(weekdayCoreTimeArb), (req, anyCtx) => {
        const ctx = { ...anyCtx, config: { ...anyCtx.config, policy: 'gms-contract-2025' as const } };
        fc.pre(isCoreHours(ctx.calendar, ctx.now) && !emergency(req));
        const p = planDecision(req, ctx);
        if (!redirects(p)) return;
        if (p.type !== 'redirect') throw new Error(`a reserve that redirects when full: ${JSON.stringify(p)}`);
        expect(['redirected-paused', 'fair-use-limit']).toContain(p.reasonCode);
        if (p.reasonCode === 'redirected-paused') expect(isPaused(ctx.pause, ctx.now)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('tries the shares that fit the request', () => {
    fc.assert(
      fc.property(requestArb, ctxArb, (req, ctx) => {
        const p = planDecision(req, ctx);
        if (p.type !== 'reserve' || concern(req)) return;
        expect(p.shares).toEqual(
          req.kind === 'admin' ? ['admin'] : req.urgency === 'urgent' ? ['urgent', 'routine'] : ['routine'],
        );
      }),
    );
  });

  it('a concern is never queued and never counted against the routine share, whatever the state of the day', () => {
    fc.assert(
      fc.property(requestArb, ctxArb, stateArb, (req, ctx, state) => {
        fc.pre(concern(req));
        const p = planDecision(req, ctx);
        expect(p.flags).toContain('concern');
        const o = referenceOutcome(p, state);
        expect(o.outcome).not.toBe('queued');
        if (o.outcome === 'accepted') expect(o.share).toBe('urgent');
        if (p.type === 'reserve') {
          expect(p.shares).toEqual(['urgent']);
          expect(p.onFull.type).toBe('overbook');
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('a concern goes to the duty clinician today in core hours, and to NHS 111 at once outside them', () => {
    fc.assert(
      fc.property(requestArb, fc.oneof(ctxArb, ctxArbAt(weekdayCoreTimeArb)), stateArb, (req, ctx, state) => {
        fc.pre(concern(req));
        const p = planDecision(req, ctx);
        if (isCoreHours(ctx.calendar, ctx.now)) {
          expect(p.day).toBe(londonDay(ctx.now));
          expect(referenceOutcome(p, state)).toMatchObject({
            outcome: 'accepted',
            share: 'urgent',
            reasonCode: 'concern-duty-clinician',
            ...(state.free.urgent > 0 ? {} : { overbooked: true }),
          });
        } else {
          expect(p).toMatchObject({
            type: 'redirect',
            destination: 'nhs-111',
            reasonCode: 'redirected-concern',
            counted: false,
          });
        }
      }),
      { numRuns: 1000 },
    );
  });
});
