import { ADVICE_MAX, type ConsultationDecidedV1, type Destination } from '@sluice/contracts';
import { clip, toGsm } from './gsm';

/**
 * Everything a template may say about a decision, and nothing else: the practice's name, days, a
 * queue position, where to go, the extended access hub and the status link. No contact details, no
 * symptom text, no identifiers but the request id inside the status link.
 */
export type Field =
  'practice_name' | 'day' | 'expected_day' | 'position' | 'next_step' | 'hub' | 'status_link' | 'when_to_call_999';

/** The longest value each field can take; sms-budget.ts checks every template against these. */
export const FIELD_MAX: Record<Field, number> = {
  practice_name: 40,
  day: 22, // "Wednesday 30 September"
  expected_day: 22,
  position: 5,
  next_step: 0, // set below from NEXT_STEP
  hub: 40 + ' (call )'.length + 20,
  status_link: 0, // set below
  // A concern rule's fixed text (never the patient's words), carried whole: intake never sends a longer one.
  when_to_call_999: ADVICE_MAX,
};

/** When to call 999 for a concern whose rule gave no advice (the domain's reasons say the same). */
export const CONCERN_999 = 'Call 999 now if you get a lot worse, or if you think your life is in danger.';

/** Longest SLUICE_PUBLIC_URL the SMS budget allows for: status links are `<url>/status/<uuid>`. */
export const MAX_PUBLIC_URL = 32;
FIELD_MAX.status_link = MAX_PUBLIC_URL + '/status/'.length + 36;

/** What someone sent away in an emergency must do, one sentence per destination. */
export const NEXT_STEP: Record<Destination, string> = {
  '999': 'Call 999 now.',
  'a-and-e': 'Go to A&E now. If you cannot get there safely, call 999.',
  'nhs-111': 'Call 111 now.',
  'nhs-111-mental-health': 'Call 111 now and choose the mental health option.',
  'nhs-111-online': 'Use 111.nhs.uk now.',
  'pharmacy-first': 'Go to a pharmacy today and ask the pharmacist.',
  'extended-access-hub': 'Contact the extended access service today.',
};
FIELD_MAX.next_step = Math.max(...Object.values(NEXT_STEP).map((s) => s.length));

/** What the notifier knows about a practice (from its configuration), for the text. */
export interface PracticeFacts {
  name: string;
  extendedAccessHub?: { name: string; phone?: string };
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "Monday 30 November" for an ISO day (a calendar day: no time zone is involved). */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${DAYS[weekday]} ${d} ${MONTHS[m - 1]}`;
}

/** Every field's value for a decision; a template takes only the fields it uses. */
export function fieldValues(
  decision: ConsultationDecidedV1,
  practice: PracticeFacts,
  publicUrl: string,
): Record<Field, string> {
  const hub = practice.extendedAccessHub;
  const hubName = hub ? clip(toGsm(hub.name), 40) : '';
  return {
    practice_name: clip(toGsm(practice.name), FIELD_MAX.practice_name) || 'your GP practice',
    day: formatDay(decision.day),
    expected_day: formatDay(decision.queue?.expectedDay ?? decision.day),
    position: String(decision.queue?.position ?? 1),
    next_step: NEXT_STEP[decision.destination ?? '999'],
    hub: hubName ? `${hubName}${hub?.phone ? ` (call ${toGsm(hub.phone)})` : ''}` : 'the extended access service',
    status_link: `${publicUrl}/status/${decision.id}`,
    // Never clipped: cutting a sentence about when to call 999 could change what it tells the patient.
    when_to_call_999: (decision.advice && toGsm(decision.advice)) || CONCERN_999,
  };
}
