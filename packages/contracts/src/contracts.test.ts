import {
  ADVICE_MAX,
  CreateRequestBody,
  ConsultationDecidedV1,
  OdsCode,
  TOPICS,
  deadLetterTopic,
  screeningOutcomeOf,
  zodProblem,
} from './index';

describe('CreateRequestBody', () => {
  it('happy: takes the smallest body and fills defaults', () => {
    const parsed = CreateRequestBody.parse({
      kind: 'clinical',
      description: 'Rash on my arm for two weeks',
      contact: { sms: '07700900123' },
    });
    expect(parsed.urgency).toBe('routine');
    expect(parsed.contact.sms).toBe('07700900123');
  });

  it('happy: normalises a mobile typed with spaces and +44', () => {
    const parsed = CreateRequestBody.parse({
      kind: 'admin',
      description: 'fit note',
      contact: { sms: '+44 7700 900 123' },
    });
    expect(parsed.contact.sms).toBe('+447700900123');
  });

  it('error: names every bad field', () => {
    const result = CreateRequestBody.safeParse({ kind: 'x', description: '', contact: {} });
    expect(result.success).toBe(false);
    const paths = zodProblem(result.error!).errors!.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['kind', 'description', 'contact']));
  });

  it.each([
    ['zero-width and bidi marks', '\u200B\u200C\u200D\u2060\uFEFF\u200E\u202E'],
    ['soft hyphens and combining marks', '\u00AD\u00AD\u0301 \u3164'],
  ])('error: refuses a description made only of invisible characters (%s)', (_name, description) => {
    const result = CreateRequestBody.safeParse({ kind: 'admin', description, contact: { sms: '07700900123' } });
    expect(result.success).toBe(false);
    if (!result.success)
      expect(zodProblem(result.error)).toMatchObject({
        status: 400,
        errors: [expect.objectContaining({ path: 'description' })],
      });
  });

  it('happy: keeps a description with visible words among invisible characters', () => {
    expect(
      CreateRequestBody.parse({ kind: 'admin', description: 'fit\u200B note', contact: { sms: '07700900123' } })
        .description,
    ).toBe('fit\u200B note');
  });

  it('error: refuses unknown fields, so typos are not silently dropped', () => {
    const result = CreateRequestBody.safeParse({
      kind: 'admin',
      description: 'a',
      contact: { sms: '07700900123' },
      urgncy: 'urgent',
    });
    expect(result.success).toBe(false);
  });
});

describe('OdsCode', () => {
  it.each([
    ['a81001', 'A81001'],
    [' Y02345 ', 'Y02345'],
  ])('accepts %p as %p', (raw, want) => {
    expect(OdsCode.parse(raw)).toBe(want);
  });
  it.each(['A8100', 'AA1001', '812345', 'A81001; DROP'])('refuses %p', (raw) => {
    expect(OdsCode.safeParse(raw).success).toBe(false);
  });
});

describe('topics', () => {
  it('names dead-letter topics after their source', () => {
    expect(deadLetterTopic(TOPICS.requested)).toBe('consultation.requested.v1.dlq');
  });
});

describe('ConsultationDecidedV1', () => {
  it('defaults flags to none', () => {
    const d = ConsultationDecidedV1.parse({
      type: 'consultation.decided',
      version: 1,
      id: '0b0f6d3e-8a7e-4b9e-9d9b-2f1e2a3b4c5d',
      practice: 'A81001',
      sequence: 1,
      outcome: 'accepted',
      reason: { code: 'accepted-routine', text: 'ok' },
      day: '2026-11-25',
      kind: 'clinical',
      urgency: 'routine',
      contact: { sms: '07700900123' },
      receivedAt: '2026-11-25T09:00:00Z',
      decidedAt: '2026-11-25T09:00:01Z',
    });
    expect(d.flags).toEqual([]);
  });
});

describe('the screening outcome on the wire', () => {
  const decided = {
    type: 'consultation.decided',
    version: 1,
    id: '0b0f6d3e-8a7e-4b9e-9d9b-2f1e2a3b4c5d',
    practice: 'A81001',
    sequence: 1,
    outcome: 'accepted',
    reason: { code: 'concern-duty-clinician', text: 'ok' },
    day: '2026-11-25',
    kind: 'clinical',
    urgency: 'routine',
    contact: { sms: '07700900123' },
    receivedAt: '2026-11-25T09:00:00Z',
    decidedAt: '2026-11-25T09:00:01Z',
  };
  it('happy: a decision carries a concern, its rule and advice', () => {
    const d = ConsultationDecidedV1.parse({
      ...decided,
      flags: ['concern', 'duty-clinician'],
      screening: 'concern',
      screeningRule: 'r1',
      advice: 'Call 999 if you cannot wake them.',
    });
    expect(d).toMatchObject({ screening: 'concern', screeningRule: 'r1', flags: ['concern', 'duty-clinician'] });
  });
  it('happy: a decision published before the field existed still parses', () => {
    expect(ConsultationDecidedV1.parse(decided).screening).toBeUndefined();
  });
  it('error: advice longer than ADVICE_MAX is refused (intake never sends one)', () => {
    expect(ConsultationDecidedV1.safeParse({ ...decided, advice: 'x'.repeat(ADVICE_MAX + 1) }).success).toBe(false);
  });
  it('maps the requested event’s outcome to the wire word', () => {
    expect(
      ['clear', 'concern', 'emergency-signposted'].map((outcome) =>
        screeningOutcomeOf({ outcome: outcome as 'clear' }),
      ),
    ).toEqual(['clear', 'concern', 'emergency']);
  });
});
