import { Writable } from 'node:stream';
import type { ConsultationDecidedV1 } from '@sluice/contracts';
import { createLogger } from '@sluice/observability';
import { LogChannel } from './log-channel';
import { render } from './render';

const decision: ConsultationDecidedV1 = {
  type: 'consultation.decided',
  version: 1,
  id: '0b0f6d3e-8a7e-4b9e-9d9b-2f1e2a3b4c5d',
  practice: 'A81001',
  sequence: 1,
  outcome: 'accepted',
  reason: { code: 'accepted-routine', text: 'The practice has your request.' },
  day: '2026-11-30',
  flags: [],
  kind: 'clinical',
  urgency: 'routine',
  contact: { sms: '07700900123', email: 'pat@example.com' },
  receivedAt: '2026-11-30T09:00:00Z',
  decidedAt: '2026-11-30T09:00:01Z',
};

describe('LogChannel', () => {
  it('security: records the message for the request id, never the contact details', async () => {
    const lines: string[] = [];
    const log = createLogger({
      service: 't',
      destination: new Writable({ write: (c, _e, cb) => void (lines.push(String(c)), cb()) }),
    });
    const channel = new LogChannel(log);
    await channel.send(render(decision, { name: 'Riverside Surgery' }, 'http://sluice.test'));
    expect(channel.sent).toEqual([
      {
        requestId: decision.id,
        sequence: 1,
        template: 'accepted-routine',
        text: expect.stringContaining('http://sluice.test/status/'),
      },
    ]);
    const out = lines.join('');
    expect(out).toContain(decision.id);
    expect(out).not.toContain('07700900123');
    expect(out).not.toContain('pat@example.com');
  });
});
