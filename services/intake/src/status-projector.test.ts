import { ConsultationDecidedV1, RequestStatusDoc } from '@sluice/contracts';
import { statusFromDecision } from './status-projector';

const decided = (over: Record<string, unknown> = {}) =>
  ConsultationDecidedV1.parse({
    type: 'consultation.decided',
    version: 1,
    id: '0b0f6d3e-8a7e-4b9e-9d9b-2f1e2a3b4c5d',
    practice: 'A81001',
    sequence: 1,
    outcome: 'accepted',
    reason: { code: 'concern-duty-clinician', text: 'A doctor or nurse will look at it today.' },
    day: '2026-11-30',
    share: 'urgent',
    flags: ['concern'],
    kind: 'clinical',
    urgency: 'routine',
    contact: { sms: '07700900123' },
    receivedAt: '2026-11-30T10:00:00Z',
    decidedAt: '2026-11-30T10:00:01Z',
    ...over,
  });

describe('statusFromDecision', () => {
  it('happy: a concern’s status carries the screening and the rule’s advice, and no contact details', () => {
    const { doc, sequence } = statusFromDecision(
      decided({ screening: 'concern', screeningRule: 'r1', advice: 'Call 999 if you cannot wake them.' }),
    );
    expect(sequence).toBe(1);
    expect(RequestStatusDoc.parse(doc)).toEqual(doc);
    expect(doc).toMatchObject({
      status: 'accepted',
      screening: 'concern',
      advice: 'Call 999 if you cannot wake them.',
    });
    expect(JSON.stringify(doc)).not.toMatch(/07700900123|r1/);
  });

  it('happy: a decision from before the screening was carried makes a document without it', () => {
    const { doc } = statusFromDecision(decided({ reason: { code: 'accepted-routine', text: 'ok' }, flags: [] }));
    expect(doc.screening).toBeUndefined();
    expect(doc.advice).toBeUndefined();
  });
});
