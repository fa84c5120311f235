import { REASON_CODES, type ConsultationDecidedV1, type ReasonCode } from '@sluice/contracts';
import { render } from '../render';
import { CONCERN_999, FIELD_MAX, NEXT_STEP, type PracticeFacts } from './personalisation';
import { TEMPLATES, fieldsOf } from './messages';
import { ADVICE_SMS_BUDGET, SMS_BUDGET, smsBudgetReport } from './index';

/** An example decision per reason code, as a patient of Riverside Surgery would get it. */
export function exampleDecision(code: ReasonCode): ConsultationDecidedV1 {
  const outcome =
    code.startsWith('accepted') || code === 'concern-duty-clinician' || code === 'promoted' || code === 'received'
      ? 'accepted'
      : code.startsWith('queued')
        ? 'queued'
        : code === 'cancelled'
          ? 'cancelled'
          : 'redirected';
  return {
    type: 'consultation.decided',
    version: 1,
    id: '3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
    practice: 'A81001',
    sequence: 1,
    outcome,
    reason: { code, text: '(the longer text on the status page)' },
    day: '2026-11-30',
    ...(outcome === 'queued' ? { queue: { position: 4, expectedDay: '2026-12-01' } } : {}),
    ...(code === 'redirected-emergency' ? { destination: '999' as const } : {}),
    ...(code === 'redirected-concern' ? { destination: 'nhs-111' as const } : {}),
    ...(code.includes('concern') ? { screening: 'concern' as const, advice: EXAMPLE_ADVICE } : {}),
    flags: [],
    kind: 'clinical',
    urgency: 'routine',
    contact: { sms: '07700900000' },
    receivedAt: '2026-11-30T10:00:00Z',
    decidedAt: '2026-11-30T10:00:01Z',
  };
}

/** An example concern rule's advice, as a rules file might word it. */
export const EXAMPLE_ADVICE = 'Call 999 if your legs go weak or numb, or you cannot control when you pee or poo.';

export const EXAMPLE_PRACTICE: PracticeFacts = {
  name: 'Riverside Surgery',
  extendedAccessHub: { name: 'Riverside PCN hub', phone: '0300 123 4567' },
};
export const EXAMPLE_URL = 'https://gp.example.nhs.uk';

/** docs/notifications.md, generated from the templates (`pnpm --filter @sluice/notifier docs`); a test fails when it is stale. */
export function renderNotificationsDoc(): string {
  const budget = new Map(smsBudgetReport().map((b) => [b.code, b]));
  const lines = [
    '# The messages patients get',
    '',
    '<!-- Generated from services/notifier/src/templates by `pnpm --filter @sluice/notifier docs`. Do not edit by hand: a test fails when this file is stale. -->',
    '',
    'Sluice sends one message per decision: by text if the patient gave a mobile number, otherwise by email.',
    'Each message type is one GOV.UK Notify SMS template and one email template; paste the texts below into Notify',
    "(`((field))` is Notify's personalisation syntax) and put the template ids in `NOTIFY_TEMPLATE_IDS`.",
    '',
    '## Personalisation',
    '',
    'Only what a message needs. Never contact details, symptoms or any other patient data.',
    '',
    '| field | what | longest |',
    '|---|---|---|',
    "| `practice_name` | the practice's name from its configuration, made GSM-7-safe and cut at a word | 40 |",
    '| `day` | the practice-day of the decision, e.g. Monday 30 November | 22 |',
    '| `expected_day` | when a queued request is expected to be looked at | 22 |',
    '| `position` | place on the waiting list | 5 |',
    `| \`next_step\` | what to do now, by destination: ${Object.values(NEXT_STEP)
      .map((s) => `"${s}"`)
      .join(', ')} | ${FIELD_MAX.next_step} |`,
    "| `hub` | the extended access hub's name and phone, from the practice configuration | " + FIELD_MAX.hub + ' |',
    `| \`when_to_call_999\` | a concern's advice: its screen rule's fixed text on exactly when to call 999 (never the patient's words), made GSM-7-safe and never cut; "${CONCERN_999}" when the rule gave none | ${FIELD_MAX.when_to_call_999} |`,
    `| \`status_link\` | \`<SLUICE_PUBLIC_URL>/status/<request id>\` (keep the URL to ${FIELD_MAX.status_link - 44} characters) | ${FIELD_MAX.status_link} |`,
    '',
    '## SMS budget',
    '',
    `Every text fits ${SMS_BUDGET.fragments} SMS fragments (${SMS_BUDGET.septets} GSM-7 characters) with every field at its longest, and uses`,
    'only GSM-7 characters (one other character would make the text Unicode, cut a fragment to 67 characters and double the cost).',
    `The two concern messages carry their rule's advice whole and may take ${ADVICE_SMS_BUDGET.fragments} fragments (${ADVICE_SMS_BUDGET.septets} characters): a sentence about when to call 999 is never cut.`,
    '`templates.test.ts` fails when a template breaks the budget.',
    '',
    '| message type | worst case | fragments |',
    '|---|---|---|',
    ...REASON_CODES.map((c) => `| \`${c}\` | ${budget.get(c)!.septets} | ${budget.get(c)!.fragments} |`),
    '',
    '## Every message, as a patient reads it',
    '',
    `Examples for ${EXAMPLE_PRACTICE.name}, a decision on Monday 30 November, status pages at ${EXAMPLE_URL}.`,
    '',
  ];
  for (const code of REASON_CODES) {
    const t = TEMPLATES[code];
    const n = render(exampleDecision(code), EXAMPLE_PRACTICE, EXAMPLE_URL);
    lines.push(
      `### \`${code}\`: ${t.title}`,
      '',
      `Fields: ${fieldsOf(t.sms + t.emailSubject)
        .map((f) => `\`${f}\``)
        .join(', ')}`,
      '',
      'Text message:',
      '',
      ...n.text.split('\n').map((l) => `> ${l}`),
      '',
      `Email, subject "${n.subject}":`,
      '',
      ...renderEmail(code, n.personalisation)
        .split('\n')
        .map((l) => (l ? `> ${l}` : '>')),
      '',
      'Notify templates: SMS, then the email subject and body:',
      '',
      '```',
      t.sms,
      '```',
      '',
      '```',
      t.emailSubject,
      '',
      t.email,
      '```',
      '',
    );
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function renderEmail(code: ReasonCode, personalisation: Record<string, string>): string {
  return TEMPLATES[code].email.replace(/\(\(([a-z0-9_]+)\)\)/g, (_, f: string) => personalisation[f] ?? `((${f}))`);
}
