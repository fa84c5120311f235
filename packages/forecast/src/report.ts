import type { SafeguardLevel } from '@sluice/contracts';
import { CORE_HOURS, londonInstant } from '@sluice/domain';
import { stringify } from 'csv-stringify/sync';
import { quantile } from './stats';

/** A recorded decision, as the ICB report reads it: outcomes and times only, never the patient. */
export interface ReportDecision {
  requestId: string;
  sequence: number;
  practice: string;
  day: string;
  outcome: string;
  reasonCode: string;
  destination?: string;
  flags: readonly string[];
  kind: string;
  urgency: string;
  receivedAt: string;
  decidedAt: string;
}

export interface ReportLevelChange {
  practice: string;
  day: string;
  level: SafeguardLevel;
  at: string;
}

export interface ReportPause {
  practice: string;
  reason?: string;
  by?: string;
  /** When it was declared and when it ended (lifted, or ran out). */
  from: string;
  to: string;
}

/** One row per practice and day: what the ICB asked for, flat so it opens in a spreadsheet. */
export interface PracticeDayReport {
  practice: string;
  day: string;
  demand: number;
  demandClinicalRoutine: number;
  demandClinicalUrgent: number;
  demandAdmin: number;
  accepted: number;
  acceptedBeyondSafeCapacity: number;
  queued: number;
  redirected: number;
  /** Redirected, by where the patient was sent ("999": 2, "nhs-111": 5 …). */
  redirectedTo: Record<string, number>;
  minutesGreen: number;
  minutesAmber: number;
  minutesRed: number;
  minutesBlack: number;
  pauses: number;
  pauseMinutes: number;
  pauseReasons: string;
  /** Minutes from arrival to being taken on, of requests that waited (null when none did). */
  waitMedianMinutes: number | null;
  waitP90Minutes: number | null;
}

const minutesBetween = (a: number, b: number) => Math.max(0, Math.round((b - a) / 60_000));

function levelMinutes(changes: readonly ReportLevelChange[], day: string): Record<SafeguardLevel, number> {
  const out: Record<SafeguardLevel, number> = { GREEN: 0, AMBER: 0, RED: 0, BLACK: 0 };
  const open = londonInstant(day, CORE_HOURS.open.hour, CORE_HOURS.open.minute).getTime();
  const close = londonInstant(day, CORE_HOURS.close.hour, CORE_HOURS.close.minute).getTime();
  const sorted = [...changes].sort((a, b) => a.at.localeCompare(b.at));
  // The level at opening is the last one set before it; a day with no change at all stays GREEN.
  let level: SafeguardLevel = 'GREEN';
  let since = open;
  for (const c of sorted) {
    const at = Math.min(Math.max(Date.parse(c.at), open), close);
    out[level] += minutesBetween(since, at);
    level = c.level;
    since = at;
  }
  out[level] += minutesBetween(since, close);
  return out;
}

/**
 * The ICB's report from the record: for each practice-day, demand by kind and urgency, what was
 * decided (first decisions; a later promotion is the end of a wait, not more demand), minutes at each
 * level in core hours, exceptional pauses that touched the day, and how long waiting requests waited.
 */
export function practiceDayReports(input: {
  decisions: readonly ReportDecision[];
  levelChanges: readonly ReportLevelChange[];
  pauses: readonly ReportPause[];
}): PracticeDayReport[] {
  const byRequest = new Map<string, ReportDecision[]>();
  for (const d of input.decisions) {
    const list = byRequest.get(d.requestId) ?? [];
    list.push(d);
    byRequest.set(d.requestId, list);
  }
  const rows = new Map<string, PracticeDayReport & { waits: number[] }>();
  const row = (practice: string, day: string) => {
    const key = `${practice}|${day}`;
    let r = rows.get(key);
    if (!r) {
      r = {
        practice,
        day,
        demand: 0,
        demandClinicalRoutine: 0,
        demandClinicalUrgent: 0,
        demandAdmin: 0,
        accepted: 0,
        acceptedBeyondSafeCapacity: 0,
        queued: 0,
        redirected: 0,
        redirectedTo: {},
        minutesGreen: 0,
        minutesAmber: 0,
        minutesRed: 0,
        minutesBlack: 0,
        pauses: 0,
        pauseMinutes: 0,
        pauseReasons: '',
        waitMedianMinutes: null,
        waitP90Minutes: null,
        waits: [],
      };
      rows.set(key, r);
    }
    return r;
  };
  for (const decisions of byRequest.values()) {
    decisions.sort((a, b) => a.sequence - b.sequence);
    const first = decisions[0]!;
    const r = row(first.practice, first.day);
    r.demand += 1;
    if (first.kind === 'admin') r.demandAdmin += 1;
    else if (first.urgency === 'urgent') r.demandClinicalUrgent += 1;
    else r.demandClinicalRoutine += 1;
    if (first.outcome === 'accepted') {
      r.accepted += 1;
      if (first.flags.includes('duty-clinician')) r.acceptedBeyondSafeCapacity += 1;
    } else if (first.outcome === 'queued') {
      r.queued += 1;
      const takenOn = decisions.find((d) => d.sequence > first.sequence && d.outcome === 'accepted');
      if (takenOn) r.waits.push(minutesBetween(Date.parse(first.receivedAt), Date.parse(takenOn.decidedAt)));
    } else if (first.outcome === 'redirected') {
      r.redirected += 1;
      const to = first.destination ?? 'unknown';
      r.redirectedTo[to] = (r.redirectedTo[to] ?? 0) + 1;
    }
  }
  for (const c of input.levelChanges) row(c.practice, c.day);
  for (const r of rows.values()) {
    const minutes = levelMinutes(
      input.levelChanges.filter((c) => c.practice === r.practice && c.day === r.day),
      r.day,
    );
    r.minutesGreen = minutes.GREEN;
    r.minutesAmber = minutes.AMBER;
    r.minutesRed = minutes.RED;
    r.minutesBlack = minutes.BLACK;
    const open = londonInstant(r.day, CORE_HOURS.open.hour, CORE_HOURS.open.minute).getTime();
    const close = londonInstant(r.day, CORE_HOURS.close.hour, CORE_HOURS.close.minute).getTime();
    const touching = input.pauses.filter(
      (p) => p.practice === r.practice && Date.parse(p.from) < close && Date.parse(p.to) > open,
    );
    r.pauses = touching.length;
    r.pauseMinutes = touching.reduce(
      (s, p) => s + minutesBetween(Math.max(open, Date.parse(p.from)), Math.min(close, Date.parse(p.to))),
      0,
    );
    r.pauseReasons = touching.map((p) => [p.reason, p.by ? `by ${p.by}` : ''].filter(Boolean).join(' ')).join('; ');
    if (r.waits.length > 0) {
      r.waitMedianMinutes = Math.round(quantile(r.waits, 0.5));
      r.waitP90Minutes = Math.round(quantile(r.waits, 0.9));
    }
  }
  return [...rows.values()]
    .map(({ waits: _waits, ...r }) => r)
    .sort((a, b) => a.practice.localeCompare(b.practice) || a.day.localeCompare(b.day));
}

/** Where a redirected request can be sent, for the CSV's fixed columns. */
const DESTINATION_COLUMNS = [
  '999',
  'a-and-e',
  'nhs-111',
  'nhs-111-online',
  'nhs-111-mental-health',
  'pharmacy-first',
  'extended-access-hub',
] as const;

/** The report as CSV: one header row, one row per practice-day, redirects in a column per destination. */
export function reportCsv(rows: readonly PracticeDayReport[]): string {
  const columns = [
    'practice',
    'day',
    'demand',
    'demand_clinical_routine',
    'demand_clinical_urgent',
    'demand_admin',
    'accepted',
    'accepted_beyond_safe_capacity',
    'queued',
    'redirected',
    ...DESTINATION_COLUMNS.map((d) => `redirected_${d.replace(/-/g, '_')}`),
    'minutes_green',
    'minutes_amber',
    'minutes_red',
    'minutes_black',
    'pauses',
    'pause_minutes',
    'pause_reasons',
    'wait_median_minutes',
    'wait_p90_minutes',
  ];
  const records = rows.map((r) => [
    r.practice,
    r.day,
    r.demand,
    r.demandClinicalRoutine,
    r.demandClinicalUrgent,
    r.demandAdmin,
    r.accepted,
    r.acceptedBeyondSafeCapacity,
    r.queued,
    r.redirected,
    ...DESTINATION_COLUMNS.map((d) => r.redirectedTo[d] ?? 0),
    r.minutesGreen,
    r.minutesAmber,
    r.minutesRed,
    r.minutesBlack,
    r.pauses,
    r.pauseMinutes,
    r.pauseReasons,
    r.waitMedianMinutes ?? '',
    r.waitP90Minutes ?? '',
  ]);
  // A leading = + - @ would make a spreadsheet run the cell as a formula: pause reasons are free text.
  const safe = records.map((rec) => rec.map((v) => (typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : v)));
  return stringify([columns, ...safe]);
}
