import { checkPause, isPaused } from './pause';

const body = (until: string) => ({ reason: 'Two GPs off sick, no locum', by: 'Dr A Patel', until });
const now = new Date('2026-11-30T10:00:00Z');

describe('checkPause', () => {
  it('happy: a pause to the end of the day', () => {
    expect(checkPause(body('2026-11-30T18:30:00Z'), now)).toEqual([]);
  });
  it('happy: exactly 4 days ahead', () => {
    expect(checkPause(body('2026-12-04T10:00:00Z'), now)).toEqual([]);
  });
  it('error: more than 4 days ahead', () => {
    expect(checkPause(body('2026-12-04T10:00:01Z'), now)).toEqual([expect.stringMatching(/at most 4 days/)]);
  });
  it('error: in the past, or now', () => {
    expect(checkPause(body('2026-11-30T09:00:00Z'), now)).toEqual(['until: must be in the future']);
    expect(checkPause(body('2026-11-30T10:00:00Z'), now)).toEqual(['until: must be in the future']);
  });
  it('4 days are London days across the autumn clock change (97 hours)', () => {
    const friday = new Date('2026-10-23T10:00:00Z'); // 11:00 BST
    expect(checkPause(body('2026-10-27T11:00:00Z'), friday)).toEqual([]); // 11:00 GMT on Tuesday
    expect(checkPause(body('2026-10-27T11:00:01Z'), friday)).not.toEqual([]);
  });
  it('takes an offset in the end time', () => {
    expect(checkPause(body('2026-11-30T18:30:00+00:00'), now)).toEqual([]);
  });
});

describe('isPaused', () => {
  it('in force until its end, exclusive', () => {
    const pause = { until: '2026-11-30T12:00:00Z', reason: 'x' };
    expect(isPaused(pause, new Date('2026-11-30T11:59:59Z'))).toBe(true);
    expect(isPaused(pause, new Date('2026-11-30T12:00:00Z'))).toBe(false);
    expect(isPaused(null, now)).toBe(false);
    expect(isPaused({ until: 'nonsense', reason: 'x' }, now)).toBe(false);
  });
});
