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
    for (const secret of ['07700900123', 'pat@example.com', 'chest pain', 'rash', 'secret-key']) expect(out).not.toContain(secret);
  });
});
