import { createCalendar } from './calendar';
import { coreHoursSecondsBetween, WORKING_DAY_SECONDS } from './working-time';

const cal = createCalendar();
const h = 3600;
const between = (from: string, to: string) => coreHoursSecondsBetween(cal, new Date(from), new Date(to));

describe('coreHoursSecondsBetween', () => {
  it('happy: a working day is 10.5 hours of core time', () => {
    expect(WORKING_DAY_SECONDS).toBe(10.5 * h);
    expect(between('2026-11-30T08:00:00Z', '2026-11-30T18:30:00Z')).toBe(WORKING_DAY_SECONDS);
  });

  it('happy: counts only core hours: Monday 17:00 to Tuesday 17:00 is exactly one working day', () => {
    // GMT in winter, so UTC is London time.
    expect(between('2026-11-30T17:00:00Z', '2026-12-01T17:00:00Z')).toBe(1.5 * h + 9 * h);
  });

  it('happy: a weekend and the night do not count (Friday evening to Monday 08:00 is nothing)', () => {
    expect(between('2026-12-04T19:00:00Z', '2026-12-07T08:00:00Z')).toBe(0);
    expect(between('2026-12-04T17:00:00Z', '2026-12-07T09:00:00Z')).toBe(2.5 * h);
  });

  it('happy: bank holidays do not count (Christmas Day and the substitute Boxing Day, 2026)', () => {
    expect(between('2026-12-24T18:30:00Z', '2026-12-29T08:00:00Z')).toBe(0);
  });

  it('happy: in British Summer Time core hours are 07:00–17:30 UTC', () => {
    expect(between('2026-06-01T06:00:00Z', '2026-06-01T08:00:00Z')).toBe(1 * h);
    expect(between('2026-06-01T17:00:00Z', '2026-06-01T20:00:00Z')).toBe(0.5 * h);
  });

  it('error: an end before the start is no time at all', () => {
    expect(between('2026-12-01T10:00:00Z', '2026-11-30T10:00:00Z')).toBe(0);
  });
});
