import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Paths pino removes from every log line, whatever a caller passes: patient data never reaches a log
 * by configuration, not by hope. Log request ids and practice codes instead.
 */
export const REDACT_PATHS = [
  'contact',
  '*.contact',
  '*.*.contact',
  'description',
  '*.description',
  '*.*.description',
  'sms',
  '*.sms',
  'email',
  '*.email',
  'phone',
  '*.phone',
  'phoneNumber',
  '*.phoneNumber',
  'emailAddress',
  '*.emailAddress',
  'nhsNumber',
  '*.nhsNumber',
  'name',
  'patient',
  '*.patient',
  'personalisation',
  '*.personalisation',
  'payload',
  '*.payload',
  'body',
  '*.body',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
];

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
