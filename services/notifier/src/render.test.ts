import { REASON_CODES } from '@sluice/contracts';
import { render } from './render';
import { exampleDecision, EXAMPLE_PRACTICE } from './templates/doc';
import { templateFields } from './templates';

describe('render', () => {
  it('happy: prefers the mobile number; email only when there is no number', () => {
    const d = exampleDecision('accepted-routine');
    expect(
      render({ ...d, contact: { sms: '07700900001', email: 'a@example.com' } }, EXAMPLE_PRACTICE, 'http://x').recipient,
    ).toEqual({ type: 'sms', phoneNumber: '07700900001' });
    expect(render({ ...d, contact: { email: 'a@example.com' } }, EXAMPLE_PRACTICE, 'http://x').recipient).toEqual({
      type: 'email',
      emailAddress: 'a@example.com',
    });
  });

  it.each(REASON_CODES)(
    'security: %s personalisation carries only the fields its template uses, never contact details',
    (code) => {
      const n = render(
        { ...exampleDecision(code), contact: { sms: '07700900001', email: 'a@example.com' } },
        EXAMPLE_PRACTICE,
        'http://x',
      );
      expect(Object.keys(n.personalisation).sort()).toEqual([...templateFields(code)].sort());
      expect(JSON.stringify(n.personalisation)).not.toMatch(/07700900001|a@example\.com/);
    },
  );

  it('happy: the reference is <request id>:<sequence>, so each decision is one message', () => {
    const d = exampleDecision('promoted');
    expect(render({ ...d, sequence: 2 }, EXAMPLE_PRACTICE, 'http://x').reference).toBe(`${d.id}:2`);
  });

  it('happy: a long or typographic practice name is made to fit and stay GSM-7', () => {
    const n = render(
      exampleDecision('accepted-routine'),
      { name: 'St Mary’s and the Very Long Riverside Old Town Medical Partnership' },
      'http://x',
    );
    expect(n.personalisation.practice_name).toBe("St Mary's and the Very Long Riverside");
  });
});
