import { config, request } from '../test/fixtures';
import { isProtected, queuePriority, signpostFor } from './policy';

describe('isProtected', () => {
  const c = config();
  it.each([
    [{ cohorts: ['palliative-care'] }, true],
    [{ cohorts: ['carers'] }, false],
    [{ ageYears: 0 }, true],
    [{ ageYears: 1 }, false],
    [{}, false],
    [undefined, false],
  ])('%p → %p', (patient, want) => {
    expect(isProtected(patient, c)).toBe(want);
  });
  it('age counts only when the practice protects under-1s', () => {
    expect(isProtected({ ageYears: 0 }, config({ protectedCohorts: ['palliative-care'] }))).toBe(false);
    expect(
      isProtected({ cohorts: ['learning-disability'] }, config({ protectedCohorts: ['learning-disability'] })),
    ).toBe(true);
  });
});

describe('queuePriority', () => {
  it('protected first, then routine clinical, then admin', () => {
    expect(queuePriority('clinical', true)).toBe(0);
    expect(queuePriority('admin', true)).toBe(0);
    expect(queuePriority('clinical', false)).toBe(1);
    expect(queuePriority('admin', false)).toBe(2);
  });
});

describe('signpostFor', () => {
  const hub = { name: 'Riverside PCN hub' };
  const all = config({
    signpostTargets: ['pharmacy-first', 'extended-access-hub', 'nhs-111-online'],
    extendedAccessHub: hub,
  });

  it('Pharmacy First for one of its conditions within the age band', () => {
    expect(signpostFor(request({ description: 'Sore throat for four days', patient: { ageYears: 30 } }), all)).toEqual({
      destination: 'pharmacy-first',
      reasonCode: 'redirected-pharmacy-first',
    });
  });
  it('the hub when Pharmacy First does not fit', () => {
    expect(signpostFor(request({ description: 'Sore throat', patient: { ageYears: 3 } }), all).destination).toBe(
      'extended-access-hub',
    );
    expect(signpostFor(request({ description: 'Back pain' }), all)).toEqual({
      destination: 'extended-access-hub',
      reasonCode: 'redirected-extended-access',
    });
  });
  it('NHS 111 online when nothing else fits or nothing is configured', () => {
    expect(signpostFor(request({ description: 'Back pain' }), config())).toEqual({
      destination: 'nhs-111-online',
      reasonCode: 'redirected-nhs-111-online',
    });
    expect(
      signpostFor(request({ description: 'Sore throat', patient: { ageYears: 30 } }), config({ signpostTargets: [] }))
        .destination,
    ).toBe('nhs-111-online');
  });
  it("follows the practice's order", () => {
    const hubFirst = config({ signpostTargets: ['extended-access-hub', 'pharmacy-first'], extendedAccessHub: hub });
    expect(signpostFor(request({ description: 'Sore throat', patient: { ageYears: 30 } }), hubFirst).destination).toBe(
      'extended-access-hub',
    );
  });
  it('never the hub when none is named (a config built without the schema)', () => {
    const noHub = { ...config(), signpostTargets: ['extended-access-hub' as const] };
    expect(signpostFor(request(), noHub).destination).toBe('nhs-111-online');
  });
  it('the women-only UTI pathway is never matched (the request carries no sex)', () => {
    expect(
      signpostFor(request({ description: 'I think I have a UTI', patient: { ageYears: 30 } }), config()).destination,
    ).toBe('nhs-111-online');
  });
});
