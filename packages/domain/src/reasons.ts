import { DateTime } from 'luxon';
import { memo } from './memo';
import type { Destination, IsoDay, ReasonCode } from '@sluice/contracts';
import { CORE_HOURS, LONDON } from './calendar';

/**
 * The text a patient reads for each reason code: plain English in the NHS content style (short
 * sentences, "you", what happens next), and always where to go if things get worse. It holds no
 * patient data: only the practice's name, days, a queue position and where to go.
 */

export interface ReasonFacts {
  practiceName: string;
  /** The practice-day of the decision (the plan's day). */
  day: IsoDay;
  expectedDay?: IsoDay;
  position?: number;
  destination?: Destination;
  /** End of a pause, ISO instant. */
  until?: string;
  extendedAccessHub?: { name: string; phone?: string };
  /**
   * A concern's advice on when to call 999: the screen rule's fixed text (never the patient's words).
   * Without it, CONCERN_999 is said instead.
   */
  advice?: string;
}

/** "Monday 30 November". (Memoised: every decision's reason names a day.) */
export const formatDay: (day: IsoDay) => string = memo((day: IsoDay) =>
  DateTime.fromISO(day, { zone: LONDON }).setLocale('en-GB').toFormat('cccc d LLLL'),
);

/** "6:30pm on Monday 30 November", in London time. */
export const formatInstant: (iso: string) => string = memo((iso: string) => {
  const t = DateTime.fromISO(iso, { zone: LONDON }).setLocale('en-GB');
  const time = t.toFormat(t.minute === 0 ? 'h' : 'h:mm') + (t.hour < 12 ? 'am' : 'pm');
  return `${time} on ${t.toFormat('cccc d LLLL')}`;
});

const OPENS = `${CORE_HOURS.open.hour}am`;
/** Safety-netting: for someone waiting on the practice, and for someone sent elsewhere. */
const WAIT_NET = 'If you get worse while you wait, use NHS 111 online or call 111. In an emergency, call 999.';
const NET = 'If you get worse, use NHS 111 online or call 111. In an emergency, call 999.';
const NOT_LISTED = "Your request has not been added to the practice's list.";
/** When to call 999 for a concern whose rule gave no advice of its own. */
export const CONCERN_999 = 'Call 999 now if you get a lot worse, or if you think your life is in danger.';

const EMERGENCY_ACTION: Record<Destination, string> = {
  '999': 'Call 999 now.',
  'a-and-e': 'Go to A&E now. If you cannot get there safely, call 999.',
  'nhs-111': 'Call 111 now.',
  'nhs-111-mental-health': 'Call 111 now and choose the mental health option.',
  'nhs-111-online': 'Use NHS 111 online now at 111.nhs.uk.',
  'pharmacy-first': 'Go to a pharmacy today and ask the pharmacist for help.',
  'extended-access-hub': 'Contact the local extended access service today.',
};

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Plain-English text for a decision's reason code. */
export function reasonText(code: ReasonCode, facts: ReasonFacts): string {
  const name = facts.practiceName.trim();
  const P = capitalise(name);
  const day = formatDay(facts.day);
  const expected = formatDay(facts.expectedDay ?? facts.day);
  const onList = `Your request is on the waiting list${facts.position ? ` at number ${facts.position}` : ''}.`;
  const expect = `The practice expects to look at it on ${expected}. You will get another message when the practice takes it on.`;
  const until = facts.until ? ` until ${formatInstant(facts.until)}` : '';
  const noSpace = `${P} has no more space for routine requests on ${day}.`;

  switch (code) {
    case 'received':
      return `${P} has your request. You will hear today what happens next. ${WAIT_NET}`;
    case 'accepted-routine':
      return `${P} has your request. The practice team will look at it on ${day} and contact you about what happens next. ${WAIT_NET}`;
    case 'accepted-urgent':
      return `${P} has your urgent request. A clinician will look at it on ${day} and contact you. ${WAIT_NET}`;
    case 'accepted-admin':
      return `${P} has your request. The team will deal with it on ${day} and contact you. ${WAIT_NET}`;
    case 'accepted-duty-clinician':
      return `${P} has your urgent request. The duty clinician will look at it on ${day} and contact you. ${WAIT_NET}`;
    case 'concern-duty-clinician':
      return `${P} has your request. Your answers mean a doctor or nurse should check it soon, so one will look at it today (${day}) and contact you. ${facts.advice ?? CONCERN_999} If you are worried while you wait, call 111.`;
    case 'accepted-next-working-day':
      return `${P} is closed now. The practice will look at your request on ${day}, when it opens, and contact you then. ${WAIT_NET}`;
    case 'queued-capacity':
      return `${noSpace} ${onList} ${expect} ${WAIT_NET}`;
    case 'queued-out-of-hours':
      return `${P} is closed now. ${onList} ${expect} ${WAIT_NET}`;
    case 'queued-paused':
      return `${P} has paused online requests for a short time because of exceptional circumstances${until}. ${onList} ${expect} ${WAIT_NET}`;
    case 'promoted':
      return `A space has come up at ${name}. The practice will look at your request on ${day} and contact you. ${WAIT_NET}`;
    case 'redirected-emergency':
      return `Your answers suggest you may need help urgently. ${EMERGENCY_ACTION[facts.destination ?? '999']} Do not wait for ${name} to reply. ${NOT_LISTED} If you are not sure what to do, call 111. In an emergency, call 999.`;
    case 'redirected-nhs-111':
      return `${P} cannot look at urgent requests online at the moment. Call 111 or use NHS 111 online at 111.nhs.uk now. They can help you today. In an emergency, call 999. ${NOT_LISTED}`;
    case 'redirected-nhs-111-online':
      return `${noSpace} Use NHS 111 online at 111.nhs.uk to find the right help today. ${NOT_LISTED} If you still need the practice, send a new request on another day. If you get worse, call 111. In an emergency, call 999.`;
    case 'redirected-pharmacy-first':
      return `${noSpace} A pharmacist may be able to help you today through Pharmacy First, without a GP appointment. Go to or call a local pharmacy. The pharmacist will check if treatment is right for you and tell you what to do if it is not. ${NOT_LISTED} ${NET}`;
    case 'redirected-extended-access': {
      const hub = facts.extendedAccessHub;
      const where = hub
        ? `${hub.name}${hub.phone ? ` (call ${hub.phone})` : ''}`
        : 'the local extended access service (the practice can tell you how to book)';
      return `${noSpace} You can get an appointment at ${where}, which also opens in the evenings and at weekends. ${NOT_LISTED} ${NET}`;
    }
    case 'redirected-closed-out-of-hours':
      return `${P} is closed now and does not take online requests at this time. It opens again at ${OPENS} on ${day}. You can send your request then. ${NET}`;
    case 'redirected-paused':
      return `${P} has paused online requests for a short time because of exceptional circumstances${until}. For urgent help today, call 111 or use NHS 111 online at 111.nhs.uk. In an emergency, call 999. ${NOT_LISTED}`;
    case 'redirected-concern':
      return `Your answers mean a doctor or nurse should check this soon. ${P} is closed now, so it cannot look at your request until it opens. Call 111 now, or use NHS 111 online at 111.nhs.uk. ${facts.advice ?? CONCERN_999} ${NOT_LISTED}`;
    case 'fair-use-limit':
      return `You already have an open request with ${name}. The practice will look at it and contact you. You cannot send another routine request until then. ${NET}`;
    case 'cancelled':
      return `Your request to ${name} has been cancelled. If you still need help, send a new request. ${NET}`;
  }
}
