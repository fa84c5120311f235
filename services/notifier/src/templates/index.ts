import { REASON_CODES, type ReasonCode } from '@sluice/contracts';
import { gsmLength, smsFragments } from './gsm';
import { TEMPLATES, fieldsOf, fill } from './messages';
import { FIELD_MAX, type Field } from './personalisation';

export { TEMPLATES, fieldsOf, fill, type MessageTemplate } from './messages';
export {
  CONCERN_999,
  FIELD_MAX,
  MAX_PUBLIC_URL,
  NEXT_STEP,
  fieldValues,
  formatDay,
  type Field,
  type PracticeFacts,
} from './personalisation';
export { clip, gsmLength, smsFragments, toGsm } from './gsm';

/**
 * The SMS budget: two concatenated fragments, 306 GSM-7 septets, with every field at its longest.
 * One fragment (160) cannot carry a clear message, a safety net and a status link; three would
 * triple the cost of the commonest message. templates.test.ts holds every template to it.
 */
export const SMS_BUDGET = { fragments: 2, septets: 2 * 153 } as const;

/**
 * A concern's message carries its rule's advice on when to call 999 whole (up to ADVICE_MAX
 * characters), and may take five fragments: never cut, and concerns are few. (Notify takes up to 918
 * characters, six fragments.)
 */
export const ADVICE_SMS_BUDGET = { fragments: 5, septets: 5 * 153 } as const;

/** The budget a template is held to: the concern budget when it carries `when_to_call_999`. */
export function budgetFor(code: ReasonCode): { fragments: number; septets: number } {
  return fieldsOf(TEMPLATES[code].sms).includes('when_to_call_999') ? ADVICE_SMS_BUDGET : SMS_BUDGET;
}

/** Every field at its longest allowed length, in GSM characters that cost the most ('{' is two septets, but names never carry one). */
export function worstCase(): Record<Field, string> {
  return Object.fromEntries(Object.entries(FIELD_MAX).map(([f, n]) => [f, 'W'.repeat(n)])) as Record<Field, string>;
}

export interface BudgetLine {
  code: ReasonCode;
  septets: number;
  fragments: number;
}

/** Each template's worst-case SMS size. */
export function smsBudgetReport(): BudgetLine[] {
  const worst = worstCase();
  return REASON_CODES.map((code) => {
    const text = fill(TEMPLATES[code].sms, worst);
    const septets = gsmLength(text);
    if (septets === null) throw new Error(`${code}: SMS template is not GSM-7`);
    return { code, septets, fragments: smsFragments(text) };
  });
}

/** Fields a template uses (SMS and email together). */
export function templateFields(code: ReasonCode): Field[] {
  const t = TEMPLATES[code];
  return [...new Set([...fieldsOf(t.sms), ...fieldsOf(t.emailSubject), ...fieldsOf(t.email)])] as Field[];
}
