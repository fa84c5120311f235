import { PracticeConfig, type PracticeConfigInput } from '@sluice/contracts';
import { createCalendar, type Calendar } from '../src/calendar';
import type { PlanContext } from '../src/plan';
import type { PlanRequest } from '../src/policy';

/** Monday 30 November 2026, GMT: local time is UTC. */
export const MONDAY_10AM = new Date('2026-11-30T10:00:00Z');
export const MONDAY_7PM = new Date('2026-11-30T19:00:00Z');
export const MONDAY_7_30AM = new Date('2026-11-30T07:30:00Z');

export const calendar: Calendar = createCalendar();

export function config(input: PracticeConfigInput = {}): PracticeConfig {
  return PracticeConfig.parse(input);
}

export function ctx(overrides: Partial<PlanContext> & { config?: PracticeConfig } = {}): PlanContext {
  return { now: MONDAY_10AM, calendar, config: config(), ...overrides };
}

export function request(overrides: Partial<PlanRequest> = {}): PlanRequest {
  return {
    kind: 'clinical',
    urgency: 'routine',
    description: 'Rash on my arm for two weeks',
    screening: { outcome: 'clear' },
    ...overrides,
  };
}

export const routine = (o: Partial<PlanRequest> = {}) => request(o);
export const urgent = (o: Partial<PlanRequest> = {}) =>
  request({ urgency: 'urgent', description: 'High temperature since yesterday', ...o });
export const admin = (o: Partial<PlanRequest> = {}) =>
  request({ kind: 'admin', description: 'Fit note for work', ...o });
export const redFlag = (o: Partial<PlanRequest> = {}) =>
  request({
    urgency: 'urgent',
    description: 'Chest pain',
    screening: { outcome: 'emergency-signposted', ruleId: 'chest-pain', destination: '999' },
    ...o,
  });
/** A concern: the screen could not rule something out. The text is not what a screen flags; the screening says so. */
export const concern = (o: Partial<PlanRequest> = {}) =>
  request({
    description: 'Back pain for a week',
    screening: { outcome: 'concern', ruleId: 'test-concern', advice: 'Call 999 if your legs go weak or numb.' },
    ...o,
  });
