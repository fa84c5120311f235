import type { PracticeConfig, SafeguardLevel } from '@sluice/contracts';
import { CORE_HOURS, levelOf, levelRank, type SafeCapacity } from '@sluice/domain';
import { CORE_HOUR_STARTS } from './history';

/** The demand a day is expected to bring, in the shape the timeline needs. */
export interface ExpectedDemand {
  beforeOpen: number;
  hours: readonly number[];
  clinical: number;
  admin: number;
  urgent: number;
}

export interface LevelTimes {
  /** The local time ("HH:MM") each level is first expected to be reached, if it is that day. */
  reach: Partial<Record<Exclude<SafeguardLevel, 'GREEN'>, string>>;
  /** The level the day is expected to end at. */
  endLevel: SafeguardLevel;
  /** Expected clinical contacts used by the end of each core hour (for the chart against capacity). */
  usedByHour: number[];
  /** Expected clinical demand beyond what the routine and urgent shares can take: queued or overbooked. */
  beyondCapacity: number;
}

const CLOSE_MINUTE = CORE_HOURS.close.hour * 60 + CORE_HOURS.close.minute;

function clock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/**
 * Runs a day's expected demand through its safe capacity minute by minute, the way the decider does
 * for real requests: urgent requests take the urgent share, then the routine share, then overbook
 * the duty clinician; routine requests take the routine share and wait beyond it. Levels only rise
 * on a forecast day (nothing is cancelled), so no hysteresis is needed.
 */
export function levelTimes(
  demand: ExpectedDemand,
  capacity: SafeCapacity,
  config: Pick<PracticeConfig, 'thresholds'>,
): LevelTimes {
  const total = demand.beforeOpen + demand.hours.reduce((s, h) => s + h, 0);
  const clinicalShare = total > 0 ? demand.clinical / total : 0;
  const urgentShare = total > 0 ? demand.urgent / total : 0;
  const routineShare = Math.max(0, clinicalShare - urgentShare);
  const used = { routine: 0, urgent: 0 };
  let beyond = 0;
  const arrive = (n: number): void => {
    const routine = n * routineShare;
    const takenRoutine = Math.min(routine, capacity.routine - used.routine);
    used.routine += takenRoutine;
    beyond += routine - takenRoutine;
    let urgent = n * urgentShare;
    const intoUrgent = Math.min(urgent, Math.max(0, capacity.urgent - used.urgent));
    used.urgent += intoUrgent;
    urgent -= intoUrgent;
    const intoRoutine = Math.min(urgent, Math.max(0, capacity.routine - used.routine));
    used.routine += intoRoutine;
    urgent -= intoRoutine;
    used.urgent += urgent; // overbooked onto the duty clinician
    beyond += urgent;
  };
  // Minute steps add fractions: round away the float error so 64 contacts reached reads as 64.
  const settled = (x: number): number => Math.round(x * 1e6) / 1e6;
  const level = (): SafeguardLevel =>
    levelOf(
      {
        routine: { used: settled(used.routine), limit: capacity.routine },
        urgent: { used: settled(used.urgent), limit: capacity.urgent },
      },
      config.thresholds,
    );

  const reach: LevelTimes['reach'] = {};
  const note = (minute: number): void => {
    const now = level();
    for (const l of ['AMBER', 'RED', 'BLACK'] as const)
      if (reach[l] === undefined && levelRank(now) >= levelRank(l)) reach[l] = clock(minute);
  };
  const open = CORE_HOURS.open.hour * 60 + CORE_HOURS.open.minute;
  arrive(demand.beforeOpen);
  note(open);
  const usedByHour: number[] = [];
  CORE_HOUR_STARTS.forEach((start, i) => {
    const end = Math.min(start * 60 + 60, CLOSE_MINUTE);
    const perMinute = (demand.hours[i] ?? 0) / (end - start * 60);
    for (let m = start * 60; m < end; m++) {
      arrive(perMinute);
      note(m + 1);
    }
    usedByHour.push(Math.round((used.routine + used.urgent) * 10) / 10);
  });
  return { reach, endLevel: level(), usedByHour, beyondCapacity: Math.round(beyond * 10) / 10 };
}
