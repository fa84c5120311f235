import { CreateRequestBody, ConsultationDecidedV1, OdsCode, TOPICS, deadLetterTopic, zodProblem } from './index';

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
    const parsed = CreateRequestBody.parse({ kind: 'admin', description: 'fit note', contact: { sms: '+44 7700 900 123' } });
    expect(parsed.contact.sms).toBe('+447700900123');
  });

  it('error: names every bad field', () => {
    const result = CreateRequestBody.safeParse({ kind: 'x', description: '', contact: {} });
    expect(result.success).toBe(false);
    const paths = zodProblem(result.error!).errors!.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['kind', 'description', 'contact']));
  });

  it.each([['zero-width and bidi marks', '\u200B\u200C\u200D\u2060\uFEFF\u200E\u202E'], ['soft hyphens and combining marks', '\u00AD\u00AD\u0301 \u3164']])(
    'error: refuses a description made only of invisible characters (%s)',
    (_name, description) => {
      const result = CreateRequestBody.safeParse({ kind: 'admin', description, contact: { sms: '07700900123' } });
      expect(result.success).toBe(false);
      if (!result.success) expect(zodProblem(result.error)).toMatchObject({ status: 400, errors: [expect.objectContaining({ path: 'description' })] });
    },
  );

  it('happy: keeps a description with visible words among invisible characters', () => {
    expect(CreateRequestBody.parse({ kind: 'admin', description: 'fit\u200B note', contact: { sms: '07700900123' } }).description).toBe('fit\u200B note');
  });

  it('error: refuses unknown fields, so typos are not silently dropped', () => {
    const result = CreateRequestBody.safeParse({ kind: 'admin', description: 'a', contact: { sms: '07700900123' }, urgncy: 'urgent' });
    expect(result.success).toBe(false);
  });
});

describe('OdsCode', () => {
  it.each([['a81001', 'A81001'], [' Y02345 ', 'Y02345']])('accepts %p as %p', (raw, want) => {
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
      type: 'consultation.decided', version: 1, id: '0b0f6d3e-8a7e-4b9e-9d9b-2f1e2a3b4c5d', practice: 'A81001', sequence: 1,
      outcome: 'accepted', reason: { code: 'accepted-routine', text: 'ok' }, day: '2026-11-25', kind: 'clinical',
      urgency: 'routine', contact: { sms: '07700900123' }, receivedAt: '2026-11-25T09:00:00Z', decidedAt: '2026-11-25T09:00:01Z',
    });
    expect(d.flags).toEqual([]);
  });
});
