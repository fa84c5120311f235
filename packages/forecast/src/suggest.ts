import type { PracticeConfig, SafeguardLevel } from '@sluice/contracts';
import { levelRank, safeCapacity, type Rota } from '@sluice/domain';
import type { ForecastDay } from './forecast';
import { levelTimes, type ExpectedDemand } from './level-times';

export interface RotaSuggestion {
  /** Clinical contacts to add to the rota; 0 when it already keeps the day at or below AMBER. */
  extraContacts: number;
  /** The rota with the extra contacts as added sessions (at most a GP's safe day each). */
  rota: Rota;
  /** The level the day is expected to end at on the upper bound, with the rota as it is and as suggested. */
  endLevel: { now: SafeguardLevel; suggested: SafeguardLevel };
}

/** More than any practice could add in a day: the search stops here and says so. */
const MAX_EXTRA = 1000;
const SESSION_CONTACTS = 25;

function atUpperBound(day: ForecastDay): ExpectedDemand | null {
  if (
    day.expected === null ||
    day.high === null ||
    day.hours === null ||
    day.byKind === null ||
    day.urgent === null ||
    day.beforeOpen === null
  )
    return null;
  const k = day.expected > 0 ? day.high / day.expected : 1;
  return {
    beforeOpen: day.beforeOpen * k,
    hours: day.hours.map((h) => h * k),
    clinical: day.byKind.clinical * k,
    admin: day.byKind.admin * k,
    urgent: day.urgent * k,
  };
}

function withExtra(rota: Rota | null, extra: number): Rota {
  const clinicians = [...(rota?.clinicians ?? [])];
  for (let i = 1, left = extra; left > 0; i++, left -= SESSION_CONTACTS) {
    let id = `extra-session-${i}`;
    while (clinicians.some((c) => c.id === id)) id += '-b';
    clinicians.push({ id, role: 'GP', contacts: Math.min(SESSION_CONTACTS, left) });
  }
  return { clinicians };
}

/**
 * The smallest number of extra clinical contacts that keeps a forecast day at or below AMBER even at
 * the top of its 80 % interval. More contacts never raise a level, so the first that works is the
 * smallest. Null when the day has no forecast; `extraContacts` is MAX_EXTRA if even that is not enough.
 */
export function suggestRota(day: ForecastDay, rota: Rota | null, config: PracticeConfig): RotaSuggestion | null {
  const demand = atUpperBound(day);
  if (demand === null) return null;
  const endAt = (extra: number): SafeguardLevel =>
    levelTimes(demand, safeCapacity(withExtra(rota, extra), config), config).endLevel;
  const ok = (extra: number): boolean => levelRank(endAt(extra)) <= levelRank('AMBER');
  const now = endAt(0);
  if (ok(0))
    return {
      extraContacts: 0,
      rota: rota && !rota.closed ? rota : withExtra(rota, 0),
      endLevel: { now, suggested: now },
    };
  let lo = 0;
  let hi = 1;
  while (hi < MAX_EXTRA && !ok(hi)) {
    lo = hi;
    hi = Math.min(MAX_EXTRA, hi * 2);
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) hi = mid;
    else lo = mid;
  }
  return { extraContacts: hi, rota: withExtra(rota, hi), endLevel: { now, suggested: endAt(hi) } };
}
