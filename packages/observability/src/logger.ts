import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Fields pino removes from every log line, whatever a caller passes: patient data never reaches a log
 * by configuration, not by hope. Log request ids and practice codes instead. Each is removed at the
 * top level and two levels down (`{ event: { contact } }`, `{ req: { headers: { authorization } } }`).
 */
export const REDACTED_FIELDS = [
  // Patient data: what a request carries (contracts' ConsultationRequestedV1 / ConsultationDecidedV1).
  'contact',
  'sms',
  'email',
  'phone',
  'phoneNumber',
  'emailAddress',
  'description',
  'redFlags',
  'patient',
  'nhsNumber',
  'contactHash',
  'personalisation',
  // Whole messages and bodies, which hold all of the above.
  'payload',
  'body',
  // Credentials.
  'authorization',
  'cookie',
  'apiKey',
  'operatorKey',
  'secret',
] as const;

export const REDACT_PATHS = ['name', ...REDACTED_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`])];

export type { Logger };

export function createLogger(options: { service: string; level?: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination,
  );
}
