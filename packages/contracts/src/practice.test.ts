import { PauseBody, PracticeConfig, RotaBody, WeeklyRotaBody, DEFAULT_ROLE_CONTACTS } from './index';

describe('PracticeConfig', () => {
  it('happy: {} parses to the documented defaults', () => {
    expect(PracticeConfig.parse({})).toEqual({
      name: 'your GP practice',
      policy: 'gms-contract-2025',
      urgentSharePct: 20,
      adminAllowance: 20,
      roleContacts: DEFAULT_ROLE_CONTACTS,
      thresholds: { amberPct: 80, hysteresisPct: 5 },
      outOfHours: 'next-working-day',
      beyondCapacity: 'wait-list',
      signpostTargets: ['pharmacy-first', 'nhs-111-online'],
      protectedCohorts: ['under-1s', 'palliative-care'],
      fairUse: { enabled: false, maxOpenRoutine: 1, windowHours: 24 },
      closures: [],
    });
  });

  it('happy: a partial nested object keeps the defaults of the fields it leaves out', () => {
    const c = PracticeConfig.parse({
      roleContacts: { GP: 20 },
      thresholds: { amberPct: 70 },
      fairUse: { enabled: true },
    });
    expect(c.roleContacts).toEqual({ ...DEFAULT_ROLE_CONTACTS, GP: 20 });
    expect(c.thresholds).toEqual({ amberPct: 70, hysteresisPct: 5 });
    expect(c.fairUse).toEqual({ enabled: true, maxOpenRoutine: 1, windowHours: 24 });
  });

  it('happy: a full BMA config', () => {
    const c = PracticeConfig.parse({
      name: 'Riverside Surgery',
      policy: 'bma-safe-working',
      beyondCapacity: 'signpost',
      signpostTargets: ['pharmacy-first', 'extended-access-hub', 'nhs-111-online'],
      extendedAccessHub: { name: 'Riverside PCN hub', phone: '0300 123 4567' },
      closures: ['2026-12-24'],
    });
    expect(c.policy).toBe('bma-safe-working');
    expect(c.extendedAccessHub?.name).toBe('Riverside PCN hub');
  });

  it.each([
    ['unknown field', { polcy: 'gms-contract-2025' }],
    ['unknown nested field', { thresholds: { amber: 70 } }],
    ['unknown policy', { policy: 'anything-goes' }],
    ['urgent share over 90 %', { urgentSharePct: 95 }],
    ['negative admin allowance', { adminAllowance: -1 }],
    ['fractional role contacts', { roleContacts: { GP: 2.5 } }],
    ['999 as a signpost target for routine demand', { signpostTargets: ['999'] }],
    ['a hub target with no hub', { signpostTargets: ['extended-access-hub'] }],
    ['a cohort with spaces', { protectedCohorts: ['Palliative Care'] }],
    ['a closure that is not a day', { closures: ['2026-02-30'] }],
  ])('error: refuses %s', (_name, body) => {
    expect(PracticeConfig.safeParse(body).success).toBe(false);
  });
});

describe('RotaBody', () => {
  it('happy: the documented example', () => {
    expect(RotaBody.parse({ clinicians: [{ id: 'gp1', role: 'GP', contacts: 25 }] })).toEqual({
      clinicians: [{ id: 'gp1', role: 'GP', contacts: 25 }],
    });
  });

  it('happy: a closed day with nobody on it', () => {
    expect(RotaBody.parse({ clinicians: [], closed: true }).closed).toBe(true);
  });

  it.each([
    ['an unknown role', { clinicians: [{ id: 'x', role: 'surgeon' }] }],
    ['contacts over 200', { clinicians: [{ id: 'x', role: 'GP', contacts: 201 }] }],
    ['an empty id', { clinicians: [{ id: '', role: 'GP' }] }],
    [
      'the same id twice',
      {
        clinicians: [
          { id: 'gp1', role: 'GP' },
          { id: 'gp1', role: 'ANP' },
        ],
      },
    ],
    ['more than 100 clinicians', { clinicians: Array.from({ length: 101 }, (_, i) => ({ id: `c${i}`, role: 'GP' })) }],
  ])('error: refuses %s', (_name, body) => {
    expect(RotaBody.safeParse(body).success).toBe(false);
  });
});

describe('WeeklyRotaBody', () => {
  it('happy: any weekdays may be given', () => {
    expect(WeeklyRotaBody.parse({ monday: { clinicians: [] } })).toEqual({ monday: { clinicians: [] } });
  });
  it('error: there is no Saturday in the template', () => {
    expect(WeeklyRotaBody.safeParse({ saturday: { clinicians: [] } }).success).toBe(false);
  });
});

describe('PauseBody', () => {
  it('happy: reason, named person and end time', () => {
    const p = PauseBody.parse({
      reason: 'Two GPs off sick, no locum',
      by: 'Dr A Patel',
      until: '2026-11-26T18:30:00Z',
    });
    expect(p.by).toBe('Dr A Patel');
  });
  it.each([
    ['a short reason', { reason: 'sick', by: 'Dr A', until: '2026-11-26T18:30:00Z' }],
    ['no named person', { reason: 'Two GPs off sick, no locum', by: ' ', until: '2026-11-26T18:30:00Z' }],
    ['no end time', { reason: 'Two GPs off sick, no locum', by: 'Dr A' }],
    [
      'an end time that is a day, not an instant',
      { reason: 'Two GPs off sick, no locum', by: 'Dr A', until: '2026-11-26' },
    ],
  ])('error: refuses %s', (_name, body) => {
    expect(PauseBody.safeParse(body).success).toBe(false);
  });
});
