import fc from 'fast-check';
import { ConsultationRequestedV1, CreateRequestBody, Destination, RED_FLAG_CODES } from '@sluice/contracts';
import { requestedEvent } from './take-request';
import type { ScreenResult } from './screen';

/** Bodies of every shape the body schema takes: optional fields present or absent, any text. */
const body = fc.record(
  {
    kind: fc.constantFrom('clinical', 'admin'),
    urgency: fc.constantFrom('routine', 'urgent'),
    description: fc.string({ minLength: 1, maxLength: 200, unit: 'grapheme' }),
    contact: fc.oneof(
      fc.record({ sms: fc.constantFrom('07700900123', '+44 7700 900456') }),
      fc.record({ email: fc.constantFrom('pat@example.com', 'A.B@example.org') }),
      fc.record({ sms: fc.constant('07700 900789'), email: fc.constant('x@example.net') }),
    ),
    redFlags: fc.subarray([...RED_FLAG_CODES], { maxLength: 5 }),
    patient: fc.record(
      {
        ageYears: fc.integer({ min: 0, max: 130 }),
        cohorts: fc.array(fc.constantFrom('carer', 'learning-disability'), { maxLength: 3 }),
      },
      { requiredKeys: [] },
    ),
    source: fc.string({ maxLength: 100 }),
  },
  { requiredKeys: ['kind', 'description', 'contact'] },
);

const screening: fc.Arbitrary<ScreenResult> = fc.oneof(
  fc.record({ outcome: fc.constant('clear' as const), rulesVersion: fc.constant('1.0.0') }),
  fc.record({
    outcome: fc.constant('emergency' as const),
    ruleId: fc.constantFrom('chest-pain', 'stroke'),
    category: fc.constant('cardiac'),
    destination: fc.constantFrom(...Destination.options),
    reasonText: fc.constant('Call 999 now.'),
    rulesVersion: fc.constant('1.0.0'),
  }),
  fc.record({
    outcome: fc.constant('concern' as const),
    ruleId: fc.constantFrom('spinal-cord', 'infant-fever'),
    category: fc.constant('neuro'),
    // Any text a rules file might hold, including too long to carry and blank.
    reasonText: fc.oneof(fc.constant('Call 999 if you cannot wake them.'), fc.string({ maxLength: 600 })),
    rulesVersion: fc.constant('1.0.0'),
  }),
);

describe('requestedEvent', () => {
  it('property: every body the body schema takes makes an event the event schema takes, field for field', () => {
    let taken = 0;
    fc.assert(
      fc.property(
        body,
        screening,
        fc.option(fc.stringMatching(/^[0-9a-f]{64}$/), { nil: undefined }),
        (raw, s, hash) => {
          const parsed = CreateRequestBody.safeParse(raw);
          fc.pre(parsed.success);
          if (!parsed.success) return;
          taken += 1;
          const event = requestedEvent(parsed.data, {
            id: '5f0c6c1e-1f1e-4a4a-9a9a-1b2c3d4e5f60',
            practice: 'A81001',
            receivedAt: '2026-11-30T10:00:00.000Z',
            screening: s,
            ...(hash ? { contactHash: hash } : {}),
          });
          // Parsing adds nothing and drops nothing: the event as built is the event as consumers read it.
          expect(ConsultationRequestedV1.parse(event)).toEqual(event);
          expect(event.description).toBe(parsed.data.description);
          expect(event.screening.outcome).toBe(s.outcome === 'emergency' ? 'emergency-signposted' : s.outcome);
        },
      ),
      { numRuns: 300 },
    );
    expect(taken).toBeGreaterThan(100);
  });
});
