import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REASON_CODES } from '@sluice/contracts';
import { render } from '../render';
import { exampleDecision, EXAMPLE_PRACTICE, EXAMPLE_URL, renderNotificationsDoc } from './doc';
import { FIELD_MAX, SMS_BUDGET, TEMPLATES, fieldsOf, fill, gsmLength, smsBudgetReport, worstCase } from './index';

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

  it.each(REASON_CODES)(`happy: %s fits ${SMS_BUDGET.fragments} SMS fragments with every field at its longest`, (code) => {
    const line = smsBudgetReport().find((b) => b.code === code)!;
    expect(line.septets).toBeLessThanOrEqual(SMS_BUDGET.septets);
    expect(line.fragments).toBeLessThanOrEqual(SMS_BUDGET.fragments);
  });

  it.each(REASON_CODES)('happy: %s is GSM-7 only, so it is never sent as Unicode', (code) => {
    expect(gsmLength(fill(TEMPLATES[code].sms, worstCase()))).not.toBeNull();
    expect(gsmLength(render(exampleDecision(code), EXAMPLE_PRACTICE, EXAMPLE_URL).text)).not.toBeNull();
  });

  it.each(REASON_CODES)('happy: %s uses only known fields, the same in SMS and email', (code) => {
    const t = TEMPLATES[code];
    for (const f of [...fieldsOf(t.sms), ...fieldsOf(t.email), ...fieldsOf(t.emailSubject)]) expect(Object.keys(FIELD_MAX)).toContain(f);
    expect(new Set([...fieldsOf(t.email), ...fieldsOf(t.emailSubject)])).toEqual(new Set(fieldsOf(t.sms).concat(fieldsOf(t.emailSubject))));
  });

  it.each(REASON_CODES)('happy: %s says when to call 999 and where to get help (NHS 111)', (code) => {
    const text = TEMPLATES[code].sms;
    expect(text).toMatch(/call 999/);
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
