import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REASON_CODES } from '@sluice/contracts';
import { render } from '../render';
import { exampleDecision, EXAMPLE_PRACTICE, EXAMPLE_URL, renderNotificationsDoc } from './doc';
import {
  ADVICE_SMS_BUDGET,
  CONCERN_999,
  FIELD_MAX,
  SMS_BUDGET,
  TEMPLATES,
  budgetFor,
  fieldsOf,
  fill,
  gsmLength,
  smsBudgetReport,
  worstCase,
} from './index';

describe('templates', () => {
  it.each(REASON_CODES)('happy: %s has an SMS and an email template', (code) => {
    const t = TEMPLATES[code];
    expect(t).toBeDefined();
    expect(t.sms.length).toBeGreaterThan(40);
    expect(t.emailSubject.length).toBeGreaterThan(5);
    expect(t.email.length).toBeGreaterThan(40);
  });

  it('happy: there is no template for a reason code that does not exist', () => {
    expect(Object.keys(TEMPLATES).sort()).toEqual([...REASON_CODES].sort());
  });

  it.each(REASON_CODES)(
    `happy: %s fits ${SMS_BUDGET.fragments} SMS fragments (a concern ${ADVICE_SMS_BUDGET.fragments}) with every field at its longest`,
    (code) => {
      const line = smsBudgetReport().find((b) => b.code === code)!;
      expect(line.septets).toBeLessThanOrEqual(budgetFor(code).septets);
      expect(line.fragments).toBeLessThanOrEqual(budgetFor(code).fragments);
    },
  );

  it('happy: only the two concern messages carry the advice, and so have the larger budget', () => {
    expect(REASON_CODES.filter((c) => budgetFor(c) === ADVICE_SMS_BUDGET)).toEqual([
      'concern-duty-clinician',
      'redirected-concern',
    ]);
  });

  it.each(['concern-duty-clinician', 'redirected-concern'] as const)(
    'safety: %s says exactly when to call 999 in the rule’s words, whole; its default otherwise',
    (code) => {
      const advice =
        'Call 999 if your baby is floppy, hard to wake, or has a rash that does not fade when you press a glass on it.';
      const n = render({ ...exampleDecision(code), advice }, EXAMPLE_PRACTICE, EXAMPLE_URL);
      expect(n.text).toContain(advice);
      expect(n.personalisation.when_to_call_999).toBe(advice);
      expect(fill(TEMPLATES[code].email, n.personalisation)).toContain(`\n\n${advice}`);
      // Typographic characters a rules file may hold are made GSM-safe, never dropped with their words.
      expect(
        render({ ...exampleDecision(code), advice: 'Call 999 if they can’t breathe.' }, EXAMPLE_PRACTICE, EXAMPLE_URL)
          .text,
      ).toContain("Call 999 if they can't breathe.");
      const { advice: _advice, ...withoutAdvice } = exampleDecision(code);
      expect(render(withoutAdvice, EXAMPLE_PRACTICE, EXAMPLE_URL).text).toContain(CONCERN_999);
    },
  );

  it('safety: a concern accepted today says a doctor or nurse looks at it today; one sent while closed says 111 now, not today', () => {
    expect(TEMPLATES['concern-duty-clinician'].sms).toMatch(/doctor or nurse will look at it today/);
    expect(TEMPLATES['redirected-concern'].sms).toMatch(/call 111 or use 111\.nhs\.uk now/);
    expect(TEMPLATES['redirected-concern'].sms).not.toMatch(/today/);
  });

  it.each(REASON_CODES)('happy: %s is GSM-7 only, so it is never sent as Unicode', (code) => {
    expect(gsmLength(fill(TEMPLATES[code].sms, worstCase()))).not.toBeNull();
    expect(gsmLength(render(exampleDecision(code), EXAMPLE_PRACTICE, EXAMPLE_URL).text)).not.toBeNull();
  });

  it.each(REASON_CODES)('happy: %s uses only known fields, the same in SMS and email', (code) => {
    const t = TEMPLATES[code];
    for (const f of [...fieldsOf(t.sms), ...fieldsOf(t.email), ...fieldsOf(t.emailSubject)])
      expect(Object.keys(FIELD_MAX)).toContain(f);
    expect(new Set([...fieldsOf(t.email), ...fieldsOf(t.emailSubject)])).toEqual(
      new Set(fieldsOf(t.sms).concat(fieldsOf(t.emailSubject))),
    );
  });

  it.each(REASON_CODES)('happy: %s says when to call 999 and where to get help (NHS 111)', (code) => {
    const text = TEMPLATES[code].sms;
    // A concern says it in its rule's words (or CONCERN_999), through the field.
    expect(text).toMatch(/call 999|\(\(when_to_call_999\)\)/);
    expect(text).toMatch(/111/);
  });

  it.each(REASON_CODES)('happy: %s keeps sentences short (at most 25 words)', (code) => {
    const text = render(exampleDecision(code), EXAMPLE_PRACTICE, EXAMPLE_URL).text;
    for (const sentence of text.split(/(?<=\.)\s+/)) expect(sentence.split(/\s+/).length).toBeLessThanOrEqual(25);
  });

  it('error: a field without a value is an error, never "undefined" in a patient\'s text', () => {
    expect(() => fill('Hello ((practice_name))', {})).toThrow(/practice_name/);
  });

  it('happy: docs/notifications.md is what the templates say (run `pnpm --filter @sluice/notifier docs` after changing one)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'notifications.md'), 'utf8');
    expect(committed).toBe(renderNotificationsDoc());
  });
});
