import type { ReasonCode } from '@sluice/contracts';

/**
 * The message a patient gets for each reason code, in GOV.UK Notify's template syntax: `((field))`
 * is personalisation. The same text is pasted into Notify's template editor (one SMS and one email
 * template per message type; their ids go in NOTIFY_TEMPLATE_IDS) and rendered here for the log and
 * webhook channels and for docs/notifications.md.
 *
 * Style (NHS digital service manual, content): plain English, short sentences, "you", what happens
 * next, and always where to go if things get worse. An SMS fits the budget in sms-budget.ts even with
 * the longest personalisation allowed. The longer `reason.text` on the decision is for the status page.
 */
export interface MessageTemplate {
  /** What the message is for, as the practice or an operator would describe it. */
  title: string;
  sms: string;
  emailSubject: string;
  /** Paragraphs separated by a blank line. */
  email: string;
}

const NET = 'If you get worse, use 111.nhs.uk or call 111. In an emergency, call 999.';
const TRACK = 'Updates: ((status_link))';
const NOT_LISTED = 'Your request is not on the practice list.';

/** The SMS text with the status link and the practice's sign-off as email paragraphs. */
function email(subject: string, sms: string): Pick<MessageTemplate, 'emailSubject' | 'email'> {
  const paragraphs = sms
    .replace(TRACK, 'You can see the latest on your request at ((status_link))')
    .split(/(?<=\.) (?=If you get worse|If you are worried|You can see the latest|\(\(when_to_call_999\)\))/);
  return { emailSubject: subject, email: paragraphs.join('\n\n') };
}

function t(title: string, subject: string, sms: string): MessageTemplate {
  return { title, sms, ...email(subject, sms) };
}

export const TEMPLATES: Record<ReasonCode, MessageTemplate> = {
  received: t(
    'Request received, not decided yet',
    'We have your request',
    `((practice_name)) has your request. You will hear today what happens next. ${NET} ${TRACK}`,
  ),
  'accepted-routine': t(
    'Accepted for a routine look today (or the day given)',
    '((practice_name)) has your request',
    `((practice_name)) has your request. The team will look at it on ((day)) and contact you. ${NET} ${TRACK}`,
  ),
  'accepted-urgent': t(
    'Accepted as urgent',
    '((practice_name)) has your urgent request',
    `((practice_name)) has your urgent request. A clinician will look at it on ((day)) and contact you. ${NET} ${TRACK}`,
  ),
  'accepted-admin': t(
    'Admin request accepted (fit note, letter, prescription query)',
    '((practice_name)) has your request',
    `((practice_name)) has your request. The team will deal with it on ((day)) and contact you. ${NET} ${TRACK}`,
  ),
  'accepted-duty-clinician': t(
    'Urgent request given to the duty clinician',
    '((practice_name)) has your urgent request',
    `((practice_name)) has your urgent request. The duty clinician will contact you on ((day)). ${NET} ${TRACK}`,
  ),
  'concern-duty-clinician': t(
    'The screen could not rule out something serious: the duty doctor or nurse looks at it today',
    'A doctor or nurse will look at your request today',
    `((practice_name)) has your request. A doctor or nurse will look at it today and contact you. ((when_to_call_999)) If you are worried while you wait, call 111. ${TRACK}`,
  ),
  'accepted-next-working-day': t(
    'Sent while closed: accepted for the next working day',
    '((practice_name)) has your request',
    `((practice_name)) is closed now. The team will look at your request on ((day)) and contact you. ${NET} ${TRACK}`,
  ),
  'queued-capacity': t(
    'Waiting list: no routine space left today',
    'Your request is on the waiting list',
    `((practice_name)) has no space left. You are number ((position)) on the waiting list. Expect a reply on ((expected_day)). ${NET} ${TRACK}`,
  ),
  'queued-out-of-hours': t(
    'Waiting list: sent while the practice is closed',
    'Your request is on the waiting list',
    `((practice_name)) is closed now. You are number ((position)) on the waiting list. Expect a reply on ((expected_day)). ${NET} ${TRACK}`,
  ),
  'queued-paused': t(
    'Waiting list: online requests paused (exceptional circumstances)',
    'Your request is on the waiting list',
    `((practice_name)) has paused online requests. Your request is on the waiting list. Expect a reply on ((expected_day)). ${NET} ${TRACK}`,
  ),
  promoted: t(
    'Taken off the waiting list: a space came up',
    'A space has come up at ((practice_name))',
    `A space has come up at ((practice_name)). The team will look at your request on ((day)). ${NET} ${TRACK}`,
  ),
  'redirected-emergency': t(
    'Answers suggest an emergency: where to go now',
    'Get help now',
    `Your answers suggest you may need help now. ((next_step)) Do not wait for ((practice_name)) to reply. ${NOT_LISTED} If you are not sure what to do, call 111. In an emergency, call 999.`,
  ),
  'redirected-nhs-111': t(
    'Urgent request sent to NHS 111',
    'Get help from NHS 111 today',
    `((practice_name)) cannot look at urgent requests online at the moment. Call 111 or use 111.nhs.uk now. In an emergency, call 999. ${NOT_LISTED}`,
  ),
  'redirected-nhs-111-online': t(
    'No routine space: use NHS 111 online',
    'Use NHS 111 online today',
    `((practice_name)) has no routine space left today. Use 111.nhs.uk to find the right help. ${NOT_LISTED} You can send a new request another day. In an emergency, call 999.`,
  ),
  'redirected-pharmacy-first': t(
    'No routine space: a pharmacist may help (Pharmacy First)',
    'A pharmacist may be able to help you today',
    `((practice_name)) has no routine space left today. A pharmacist may be able to help you today without a GP appointment. Go to or call a local pharmacy. ${NOT_LISTED} ${NET}`,
  ),
  'redirected-extended-access': t(
    'No routine space: book at the extended access service',
    'Book an appointment at ((hub))',
    `((practice_name)) has no routine space left. Book at ((hub)), open evenings and weekends. ${NOT_LISTED} ${NET}`,
  ),
  'redirected-closed-out-of-hours': t(
    'Sent while closed, and the practice takes no online requests now',
    '((practice_name)) is closed now',
    `((practice_name)) is closed and does not take online requests now. Send your request after 8am on ((day)). ${NET}`,
  ),
  'redirected-paused': t(
    'Online requests paused (exceptional circumstances)',
    'Get help from NHS 111 today',
    `((practice_name)) has paused online requests for a short time. For urgent help today, call 111 or use 111.nhs.uk. In an emergency, call 999. ${NOT_LISTED}`,
  ),
  'redirected-concern': t(
    'The screen could not rule out something serious, and the practice is closed: NHS 111 now',
    'Call 111 now',
    `Your answers mean a doctor or nurse should check this soon. ((practice_name)) is closed now, so call 111 or use 111.nhs.uk now. ((when_to_call_999)) ${NOT_LISTED}`,
  ),
  'fair-use-limit': t(
    'Already has an open routine request',
    'You already have an open request',
    `You already have an open request with ((practice_name)). The team will contact you about it. You cannot send another routine request until then. ${NET}`,
  ),
  cancelled: t(
    'Request cancelled',
    'Your request has been cancelled',
    `Your request to ((practice_name)) has been cancelled. If you still need help, send a new request. ${NET}`,
  ),
};

/** The personalisation fields a text uses, in order of first use. */
export function fieldsOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\(\(([a-z0-9_]+)\)\)/g)].map((m) => m[1]!))];
}

/** Fills `((field))` placeholders as Notify does. A missing field is an error, never "undefined" in a text. */
export function fill(text: string, personalisation: Record<string, string>): string {
  return text.replace(/\(\(([a-z0-9_]+)\)\)/g, (_, field: string) => {
    const value = personalisation[field];
    if (value === undefined) throw new Error(`template field ${field} has no value`);
    return value;
  });
}
