import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { REASON_CODES, type ConsultationDecidedV1, type ReasonCode } from '@sluice/contracts';
import { createLogger, createMetrics } from '@sluice/observability';
import { TEMPLATES } from '../src/templates';
import type { TemplateIds } from '../src/notify-channel';

/** One SMS and one email template id per message type, and the stand-in's copy of the texts. */
export function notifyTemplates(): {
  ids: TemplateIds;
  standIn: Record<string, { type: 'sms' | 'email'; body: string; subject?: string }>;
} {
  const ids: TemplateIds = {};
  const standIn: Record<string, { type: 'sms' | 'email'; body: string; subject?: string }> = {};
  for (const code of REASON_CODES) {
    const sms = randomUUID();
    const email = randomUUID();
    ids[code] = { sms, email };
    standIn[sms] = { type: 'sms', body: TEMPLATES[code].sms };
    standIn[email] = { type: 'email', body: TEMPLATES[code].email, subject: TEMPLATES[code].emailSubject };
  }
  return { ids, standIn };
}

let patientNo = 0;
/** A test patient with a phone number, an email address and symptom text no other test uses. */
export function patient() {
  patientNo++;
  const n = String(100000 + Math.floor(Math.random() * 800000) + patientNo).slice(-6);
  return { sms: `07700${n}`.slice(0, 11), email: `patient.${n}@example.com`, symptom: `Itchy elbow rash number ${n}` };
}

export function decision(over: Partial<ConsultationDecidedV1> & { code?: ReasonCode } = {}): ConsultationDecidedV1 {
  const { code = 'accepted-routine', ...rest } = over;
  return {
    type: 'consultation.decided',
    version: 1,
    id: randomUUID(),
    practice: 'A81001',
    sequence: 1,
    outcome: code.startsWith('queued') ? 'queued' : code.startsWith('redirected') ? 'redirected' : 'accepted',
    reason: { code, text: 'Riverside Surgery has your request.' },
    day: '2026-11-30',
    ...(code.startsWith('queued') ? { queue: { position: 2, expectedDay: '2026-12-01' } } : {}),
    flags: [],
    kind: 'clinical',
    urgency: 'routine',
    contact: { sms: patient().sms },
    receivedAt: '2026-11-30T10:00:00Z',
    decidedAt: '2026-11-30T10:00:01Z',
    ...rest,
  };
}

/** A logger whose every line is kept, to grep for patient data. */
export function capturedLogger(level = 'debug') {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { log: createLogger({ service: 'notifier-test', level, destination }), lines };
}

export const testMetrics = () => createMetrics({ service: 'notifier-test', defaults: false });

export async function until(what: string, fn: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!(await fn())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
