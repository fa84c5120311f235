import { Writable } from 'node:stream';
import { createLogger } from './logger';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { lines, destination };
}

describe('createLogger', () => {
  it('security: redacts contact details, symptom text and credentials wherever they are passed', () => {
    const { lines, destination } = capture();
    const log = createLogger({ service: 't', destination });
    log.info({ requestId: 'r1', practice: 'A81001', contact: { sms: '07700900123' }, description: 'chest pain' }, 'x');
    log.info({ event: { contact: { email: 'pat@example.com' }, description: 'rash' } }, 'y');
    log.info({ req: { headers: { authorization: 'Bearer secret-key' } } }, 'z');
    const out = lines.join('\n');
    expect(out).toContain('A81001');
    expect(out).toContain('r1');
    for (const secret of ['07700900123', 'pat@example.com', 'chest pain', 'rash', 'secret-key'])
      expect(out).not.toContain(secret);
  });

  it('security: a whole consultation event logged by mistake keeps its ids and loses every patient field, at any depth', () => {
    const { lines, destination } = capture();
    const log = createLogger({ service: 't', destination });
    // The shape of contracts' ConsultationRequestedV1, with values easy to search for.
    const event = {
      id: '0b6d1c2e-1111-4c4c-8888-000000000001',
      practice: 'A81001',
      description: 'SYMPTOM-TEXT lump in breast',
      contact: { sms: '07700900999', email: 'someone@example.org' },
      redFlags: ['RED-FLAG-CODE'],
      patient: { ageYears: 71, cohorts: ['COHORT-X'] },
      contactHash: 'HASH-0123456789',
      screening: { outcome: 'clear' },
    };
    log.info(event, 'top level');
    log.info({ event }, 'one down');
    log.warn({ batch: { event } }, 'two down');
    log.error({ sms: '07700900999', email: 'someone@example.org', operatorKey: 'OPERATOR-KEY' }, 'loose fields');
    const out = lines.join('\n');
    for (const secret of [
      'SYMPTOM-TEXT',
      '07700900999',
      'someone@example.org',
      'RED-FLAG-CODE',
      'COHORT-X',
      'HASH-0123456789',
      'OPERATOR-KEY',
    ]) {
      expect(out).not.toContain(secret);
    }
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed[0]).toMatchObject({
      id: event.id,
      practice: 'A81001',
      contact: '[redacted]',
      level: 'info',
      service: 't',
    });
    expect(parsed[2]).toMatchObject({ batch: { event: { practice: 'A81001', contact: '[redacted]' } } });
  });
});
