import { ChannelError, scrub } from './channel';

interface NotifyErrorBody {
  status_code?: number;
  errors?: { error?: string; message?: string }[];
}

/** Midnight UTC after `now`: when Notify's daily limits reset. */
export function nextMidnightUtc(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}

/** Connection errors raised before a request could have reached Notify: safe to send again. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const TIMEOUT = new Set(['ECONNABORTED', 'ETIMEDOUT']);

/**
 * What Notify's answer means for this message, as Notify's API documentation says:
 * 500 → resend; 429 RateLimitError → slow down and resend; 429 TooManyRequestsError → the daily
 * limit is spent until midnight; 400 and 403 → fix the request or the key, resending will not help.
 * The error text keeps Notify's error name and message, scrubbed of numbers and addresses; the axios
 * error itself (which holds the request body, contact included, and the bearer token) goes no further.
 */
export function classifyNotifyError(e: unknown, now: Date): ChannelError {
  const err = e as { response?: { status: number; data?: NotifyErrorBody }; code?: string };
  if (!err.response) {
    const code = err.code ?? 'unknown';
    if (NOT_SENT.has(code)) return new ChannelError(`Notify unreachable (${code})`, 'retry', { cause: 'network' });
    if (TIMEOUT.has(code))
      return new ChannelError(`Notify did not answer in time (${code})`, 'unknown', { cause: 'timeout' });
    return new ChannelError(`Notify connection failed (${code})`, 'unknown', { cause: 'network' });
  }
  const status = err.response.status;
  const first = err.response.data?.errors?.[0];
  const name = first?.error ?? 'Error';
  const text = `Notify ${status} ${name}${first?.message ? `: ${scrub(first.message)}` : ''}`;
  if (status === 429 && name === 'TooManyRequestsError')
    return new ChannelError(text, 'hold', { status, holdUntil: nextMidnightUtc(now) });
  if (status === 429) return new ChannelError(text, 'retry', { status, cause: 'rate-limited' });
  if (status >= 500) return new ChannelError(text, 'retry', { status, cause: 'server-error' });
  return new ChannelError(text, 'reject', { status });
}
