import { ADVICE_MAX, REASON_CODES, Reason, type ReasonCode } from '@sluice/contracts';
import { CONCERN_999, formatDay, formatInstant, reasonText, type ReasonFacts } from './reasons';

const facts: ReasonFacts = {
  practiceName: 'Riverside Surgery',
  day: '2026-11-30',
  expectedDay: '2026-12-01',
  position: 3,
  destination: '999',
  until: '2026-11-30T18:30:00Z',
};
const ACCEPTED_TODAY: ReasonCode[] = [
  'accepted-routine',
  'accepted-urgent',
  'accepted-admin',
  'accepted-duty-clinician',
  'promoted',
];

describe('formatDay and formatInstant', () => {
  it('writes days the NHS way', () => {
    expect(formatDay('2026-11-30')).toBe('Monday 30 November');
    expect(formatDay('2027-01-01')).toBe('Friday 1 January');
  });
  it('writes times in London time, 12-hour, no ":00"', () => {
    expect(formatInstant('2026-11-30T18:30:00Z')).toBe('6:30pm on Monday 30 November');
    expect(formatInstant('2026-07-01T07:00:00Z')).toBe('8am on Wednesday 1 July'); // BST
    expect(formatInstant('2026-07-01T11:00:00Z')).toBe('12pm on Wednesday 1 July');
  });
});

describe('reasonText', () => {
  it.each(REASON_CODES)('%s: has text that fits the Reason schema', (code) => {
    const text = reasonText(code, facts);
    expect(Reason.safeParse({ code, text }).success).toBe(true);
    expect(text).not.toMatch(/undefined|null|NaN|\$\{/);
  });

  it.each(REASON_CODES.filter((c) => !ACCEPTED_TODAY.includes(c)))('%s: says when to use 111 and call 999', (code) => {
    const text = reasonText(code, facts);
    expect(text).toMatch(/111/);
    expect(text).toMatch(/call 999/i);
  });

  it.each(REASON_CODES)('%s: short sentences (none over 30 words)', (code) => {
    for (const sentence of reasonText(code, facts).split(/(?<=\.)\s+/)) {
      expect(sentence.split(/\s+/).length).toBeLessThanOrEqual(30);
    }
  });

  it.each(REASON_CODES)(
    '%s: stays within 600 characters with the longest names allowed, and the Reason schema with the longest concern advice',
    (code) => {
      const long = {
        ...facts,
        practiceName: 'x'.repeat(100),
        extendedAccessHub: { name: 'h'.repeat(100), phone: '0'.repeat(20) },
        position: 9999,
      };
      expect(reasonText(code, long).length).toBeLessThanOrEqual(600);
      const advice = `Call 999 if ${'w'.repeat(ADVICE_MAX - 'Call 999 if .'.length)}.`;
      expect(Reason.safeParse({ code, text: reasonText(code, { ...long, advice }) }).success).toBe(true);
    },
  );

  it('a concern in core hours says a doctor or nurse looks at it today, and exactly when to call 999 (the rule’s words)', () => {
    const advice = 'Call 999 if your legs go weak or numb, or you cannot control when you pee or poo.';
    const text = reasonText('concern-duty-clinician', { ...facts, advice });
    expect(text).toContain('one will look at it today (Monday 30 November) and contact you.');
    expect(text).toContain(advice);
    expect(text).not.toContain(CONCERN_999);
    expect(text.match(/999/g)).toHaveLength(1);
  });

  it('a concern without the rule’s advice still says when to call 999', () => {
    expect(reasonText('concern-duty-clinician', facts)).toContain(CONCERN_999);
    expect(reasonText('redirected-concern', facts)).toContain(CONCERN_999);
  });

  it('a concern while the practice is closed says to call 111 now, and why the practice cannot look at it', () => {
    const text = reasonText('redirected-concern', { ...facts, advice: 'Call 999 if they are hard to wake.' });
    expect(text).toContain('Riverside Surgery is closed now, so it cannot look at your request until it opens.');
    expect(text).toContain('Call 111 now');
    expect(text).toContain('Call 999 if they are hard to wake.');
    expect(text).not.toContain('today');
  });

  it('names the days and the queue position', () => {
    const text = reasonText('queued-capacity', facts);
    expect(text).toContain('Riverside Surgery has no more space for routine requests on Monday 30 November.');
    expect(text).toContain('at number 3');
    expect(text).toContain('Tuesday 1 December');
  });

  it('starts a sentence with a capital even for the default practice name', () => {
    expect(reasonText('accepted-routine', { ...facts, practiceName: 'your GP practice' })).toMatch(
      /^Your GP practice has your request\./,
    );
  });

  it('a paused practice says until when', () => {
    expect(reasonText('redirected-paused', facts)).toContain('until 6:30pm on Monday 30 November');
    expect(reasonText('queued-paused', { ...facts, until: undefined })).not.toContain('until');
  });

  it('an emergency says exactly what to do for its destination', () => {
    expect(reasonText('redirected-emergency', facts)).toContain('Call 999 now.');
    expect(reasonText('redirected-emergency', { ...facts, destination: 'nhs-111-mental-health' })).toContain(
      'mental health option',
    );
    expect(reasonText('redirected-emergency', { ...facts, destination: undefined })).toContain('Call 999 now.');
  });

  it('the extended access hub is named when the practice configured it', () => {
    expect(
      reasonText('redirected-extended-access', {
        ...facts,
        extendedAccessHub: { name: 'Riverside PCN hub', phone: '0300 123 4567' },
      }),
    ).toContain('Riverside PCN hub (call 0300 123 4567)');
  });

  it('closed out of hours says when the practice opens', () => {
    expect(reasonText('redirected-closed-out-of-hours', facts)).toContain(
      'It opens again at 8am on Monday 30 November.',
    );
  });

  it('without a queue position or expected day it still reads well', () => {
    const text = reasonText('queued-out-of-hours', { practiceName: 'Riverside Surgery', day: '2026-11-30' });
    expect(text).toContain('Your request is on the waiting list.');
    expect(text).toContain('on Monday 30 November');
  });
});
