import { requestReference, type Destination, type RequestStatusDoc } from '@sluice/contracts';
import { formatDay, reasonText } from '@sluice/domain';

/** Where a patient may be sent, as a link they can follow (or a number to call). */
export const DESTINATIONS: Record<Destination, { name: string; href: string; action: string }> = {
  '999': { name: '999', href: 'tel:999', action: 'Call 999 now' },
  'a-and-e': {
    name: 'A&E',
    href: 'https://www.nhs.uk/nhs-services/urgent-and-emergency-care-services/when-to-go-to-ae/',
    action: 'Go to A&E now',
  },
  'nhs-111': { name: 'NHS 111', href: 'tel:111', action: 'Call 111 now' },
  'nhs-111-mental-health': {
    name: 'NHS 111, mental health option',
    href: 'tel:111',
    action: 'Call 111 and choose the mental health option',
  },
  'nhs-111-online': { name: 'NHS 111 online', href: 'https://111.nhs.uk/', action: 'Use NHS 111 online' },
  'pharmacy-first': {
    name: 'a pharmacy',
    href: 'https://www.nhs.uk/service-search/pharmacy/find-a-pharmacy',
    action: 'Find a pharmacy',
  },
  'extended-access-hub': {
    name: 'the extended access service',
    href: '',
    action: 'Contact the extended access service',
  },
};

export interface StatusView {
  heading: string;
  tag: { text: string; classes: string };
  /** The decision's own words (the domain's patient text). */
  reason: string;
  next: string[];
  /** Key facts as a summary list (place on the waiting list, expected day). */
  facts: { key: { text: string }; value: { text: string } }[];
  /** For redirections: where to go now. */
  go?: { name: string; href: string; action: string; emergency: boolean };
  /**
   * For a concern, the page's one instruction about 999: its screen rule's advice (fixed text, never the
   * patient's words), shown in place of the general "if things get worse" advice.
   */
  call999?: string;
  /** What the patient quotes to the practice. */
  reference: string;
  /** Show the "if things get worse" box: only while someone waits on the practice. */
  worse: boolean;
  /** How to reach the practice (absent on the 999 page, which says one thing). */
  contact?: { name: string; phone?: string | undefined };
}

/** What the status page knows of the practice now (its settings, not the request's). */
export interface PracticeFacts {
  name: string;
  phone?: string | undefined;
  /** Whether online requests are paused now: a request queued during a pause reads differently once it ends. */
  paused: boolean;
}

/** When to call 999 for a concern whose rule gave no advice (the domain's reasons say the same). */
export const CONCERN_999 = 'Call 999 now if you get a lot worse, or if you think your life is in danger.';

const fact = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
/** "Tuesday 1 December", with the year when it is not this year's. */
const dayWithYear = (day: string, now: Date): string =>
  day.slice(0, 4) === String(now.getUTCFullYear()) ? formatDay(day) : `${formatDay(day)} ${day.slice(0, 4)}`;
const EMERGENCY = new Set<Destination>(['999', 'a-and-e', 'nhs-111', 'nhs-111-mental-health']);

/**
 * What the patient status page says for each status: what happened, what happens next and when. It
 * reads only the status document, which holds no personal data (no name, contact or symptoms).
 */
export function statusView(
  doc: RequestStatusDoc,
  practice: PracticeFacts = { name: 'your GP practice', paused: false },
  now: Date = new Date(),
): StatusView {
  if (doc.screening === 'concern' && doc.status !== 'cancelled') return concernView(doc, practice);
  const reason = doc.reason.text;
  const common = { reference: requestReference(doc.id), contact: { name: practice.name, phone: practice.phone } };
  const when = (day: string) => dayWithYear(day, now);
  switch (doc.status) {
    case 'received':
      return {
        ...common,
        worse: true,
        heading: 'Your request has reached your GP practice',
        tag: { text: 'Received', classes: 'nhsuk-tag--blue' },
        reason,
        facts: [],
        next: [
          'The practice is deciding what happens next. This page will show the answer, and you will get a message.',
        ],
      };
    case 'accepted':
      return {
        ...common,
        worse: true,
        heading: 'Your GP practice has accepted your request',
        tag: { text: 'Accepted', classes: 'nhsuk-tag--green' },
        reason,
        facts: doc.day ? [fact('The practice will look at it on', when(doc.day))] : [],
        // The same promise as the message the patient was sent: looked at on that day, and contacted.
        next: [
          doc.day
            ? `The team will look at it on ${when(doc.day)} and contact you that day, by text message or email, the way you asked.`
            : 'The team will look at it and contact you, by text message or email, the way you asked.',
          'You do not need to do anything now.',
        ],
      };
    case 'queued': {
      // Queued during a pause that has since ended: say what is true now, not "paused until …".
      const text =
        doc.reason.code === 'queued-paused' && !practice.paused && doc.queue
          ? reasonText('queued-capacity', {
              practiceName: practice.name,
              day: doc.day ?? doc.queue.expectedDay,
              expectedDay: doc.queue.expectedDay,
              position: doc.queue.position,
            })
          : reason;
      return {
        ...common,
        worse: true,
        heading: "Your request is on your GP practice's waiting list",
        tag: { text: 'Waiting', classes: 'nhsuk-tag--yellow' },
        reason: text,
        // The reason already says this in a sentence; the list makes the two facts easy to find again.
        facts: doc.queue
          ? [
              fact('Place on the waiting list', `Number ${doc.queue.position}`),
              fact('Expected', when(doc.queue.expectedDay)),
            ]
          : [],
        next: ['You do not need to send your request again.'],
      };
    }
    case 'redirected': {
      if (doc.destination === '999') {
        // One message only: no 111, no "while you wait", nothing that invites a second thought.
        return {
          reference: requestReference(doc.id),
          worse: false,
          heading: 'Call 999 now',
          tag: { text: 'Emergency', classes: 'nhsuk-tag--red' },
          reason: 'Your answers suggest you need help now. Do not wait for your GP practice to reply.',
          facts: [],
          next: [],
          go: { ...DESTINATIONS['999'], emergency: true },
        };
      }
      if (doc.reason.code === 'fair-use-limit') {
        return {
          ...common,
          worse: true,
          heading: 'Your practice already has a request from you',
          tag: { text: 'Already sent', classes: 'nhsuk-tag--blue' },
          reason:
            'The practice will look at the request you already sent and contact you. You do not need to send another one.',
          facts: [],
          next: [],
          ...(doc.destination ? { go: { ...DESTINATIONS[doc.destination], emergency: false } } : {}),
        };
      }
      const dest = doc.destination ? DESTINATIONS[doc.destination] : undefined;
      const emergency = doc.destination ? EMERGENCY.has(doc.destination) : false;
      return {
        ...common,
        worse: false,
        heading: emergency ? 'You need to get help now' : 'Your GP practice cannot take this request online',
        tag: { text: 'Sent elsewhere', classes: emergency ? 'nhsuk-tag--red' : 'nhsuk-tag--orange' },
        reason,
        facts: [],
        next: [],
        ...(dest ? { go: { ...dest, emergency } } : {}),
      };
    }
    case 'cancelled':
      return {
        ...common,
        worse: false,
        heading: 'Your request has been cancelled',
        tag: { text: 'Cancelled', classes: 'nhsuk-tag--grey' },
        reason,
        facts: [],
        next: ['If you still need help, send a new request or call the practice. In an emergency, call 999.'],
      };
  }
}

/**
 * A request the screen could not rule out: a doctor or nurse looks at it today, or (the practice closed)
 * NHS 111 now. Plain words for a reading age of about 9 (status-view.test.ts measures it), and one
 * instruction about when to call 999: the rule's own. The decision's longer reason text is not shown, as
 * it repeats that instruction.
 */
function concernView(doc: RequestStatusDoc, practice: PracticeFacts): StatusView {
  const call999 = doc.advice ?? CONCERN_999;
  // The "When to call 999" card takes the place of the general "if things get worse" box.
  const common = {
    reference: requestReference(doc.id),
    contact: { name: practice.name, phone: practice.phone },
    worse: false,
  };
  const worried = 'If you are worried while you wait, call 111.';
  switch (doc.status) {
    case 'accepted':
      return {
        ...common,
        heading: 'A doctor or nurse will look at your request today',
        tag: { text: 'Today', classes: 'nhsuk-tag--orange' },
        reason:
          'Your answers mean a doctor or nurse should check this soon. They will look at it today and then contact you.',
        facts: doc.day ? [fact('Day', formatDay(doc.day))] : [],
        next: ['You do not need to send your request again.', worried],
        call999,
      };
    case 'redirected':
      return {
        ...common,
        heading: 'Call 111 now',
        tag: { text: 'Sent elsewhere', classes: 'nhsuk-tag--red' },
        reason:
          'Your answers mean a doctor or nurse should check this soon. Your GP practice is closed now, so it cannot look at your request. NHS 111 can help you now.',
        facts: [],
        next: [],
        go: { ...DESTINATIONS[doc.destination ?? 'nhs-111'], emergency: true },
        call999,
      };
    default:
      return {
        ...common,
        heading: 'Your request has reached your GP practice',
        tag: { text: 'Received', classes: 'nhsuk-tag--blue' },
        reason: 'Your answers mean a doctor or nurse should check this soon. This page will show what happens next.',
        facts: [],
        next: [worried],
        call999,
      };
  }
}
