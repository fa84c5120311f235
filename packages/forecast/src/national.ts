import type { DayType } from './day-type';

/**
 * The national shape of demand, used only until a practice has history of its own. Sources and the
 * reasoning behind each figure: docs/forecast.md.
 */
export const NATIONAL = {
  /** Requests a week as a share of the registered list (GP Access: 6–7 %). */
  weeklyShareOfList: 0.065,
  /** A week's demand by day (GP Access: Mondays about 28 %). */
  weekdayShare: { monday: 0.28, tuesday: 0.2, wednesday: 0.18, thursday: 0.17, friday: 0.17 } satisfies Record<
    DayType,
    number
  >,
  /** The prior's 80 % interval, as factors of its expected figure: wider than the 6–7 % range, since days vary more than weeks. */
  priorLowFactor: 0.75,
  priorHighFactor: 1.25,
  /** Share of a working day's requests made outside core hours (evenings, before 08:00); Mondays also carry the weekend. */
  beforeOpen: { monday: 0.3, other: 0.15 },
  /** Core-hour arrivals by hour from 08:00 (the morning peak, then a steady fall). */
  hourShape: [0.17, 0.13, 0.11, 0.1, 0.09, 0.08, 0.08, 0.07, 0.07, 0.06, 0.04],
  clinicalShare: 0.7,
  urgentOfClinical: 0.25,
} as const;

export function priorShape(type: DayType): {
  beforeOpen: number;
  hours: number[];
  clinical: number;
  urgentOfClinical: number;
} {
  const beforeOpen = type === 'monday' ? NATIONAL.beforeOpen.monday : NATIONAL.beforeOpen.other;
  return {
    beforeOpen,
    hours: NATIONAL.hourShape.map((h) => h * (1 - beforeOpen)),
    clinical: NATIONAL.clinicalShare,
    urgentOfClinical: NATIONAL.urgentOfClinical,
  };
}
