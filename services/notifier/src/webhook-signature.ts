import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed webhooks, as a practice system receives them. The signature is HMAC-SHA256 over
 * `<timestamp>.<raw body>` with the secret named by the key id, so a receiver can check that Sluice
 * sent exactly these bytes at about this time. Keys rotate by id: a receiver holds the old and new
 * secrets while both may be in use.
 *
 *   Sluice-Key-Id:      k1
 *   Sluice-Timestamp:   1764496800                (Unix seconds)
 *   Sluice-Signature:   v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>
 *   Sluice-Delivery-Id: <request id>:<sequence>   (also in the body; the same on a retry)
 */
export const WEBHOOK_HEADERS = {
  keyId: 'sluice-key-id',
  timestamp: 'sluice-timestamp',
  signature: 'sluice-signature',
  deliveryId: 'sluice-delivery-id',
} as const;

/** How far a timestamp may be from the receiver's clock before the request counts as a replay. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function signature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function signWebhook(options: {
  keyId: string;
  secret: string;
  body: string;
  deliveryId: string;
  now?: Date;
}): Record<string, string> {
  const timestamp = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return {
    [WEBHOOK_HEADERS.keyId]: options.keyId,
    [WEBHOOK_HEADERS.timestamp]: String(timestamp),
    [WEBHOOK_HEADERS.signature]: signature(options.secret, timestamp, options.body),
    [WEBHOOK_HEADERS.deliveryId]: options.deliveryId,
  };
}

export type VerifyResult =
  | { ok: true; keyId: string; deliveryId: string }
  | { ok: false; reason: 'missing-header' | 'unknown-key' | 'bad-signature' | 'stale' | 'replayed' };

/** Remembers delivery ids seen inside the tolerance window, so a replay inside it is refused too. */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();
  constructor(private readonly toleranceSeconds = DEFAULT_TOLERANCE_SECONDS) {}
  /** True the first time an id is offered (within the window). */
  first(id: string, nowMs: number): boolean {
    for (const [k, at] of this.seen) if (at < nowMs - 2 * this.toleranceSeconds * 1000) this.seen.delete(k);
    if (this.seen.has(id)) return false;
    this.seen.set(id, nowMs);
    return true;
  }
}

/**
 * For receivers: checks a request's signature against the raw body (before any JSON parsing) and
 * refuses one whose timestamp is outside the tolerance (a replay of an old request). With a
 * ReplayGuard it also refuses a second request with the same delivery id inside the window; a
 * receiver that stores delivery ids itself can dedupe retries there instead.
 */
export function verifyWebhook(options: {
  body: string | Buffer;
  headers: Record<string, string | string[] | undefined>;
  secrets: Record<string, string>;
  toleranceSeconds?: number;
  now?: Date;
  replays?: ReplayGuard;
}): VerifyResult {
  const h = (name: string) => {
    const v = options.headers[name] ?? options.headers[name.toLowerCase()];
    return Array.isArray(v) ? v[0] : v;
  };
  const keyId = h(WEBHOOK_HEADERS.keyId);
  const ts = h(WEBHOOK_HEADERS.timestamp);
  const sig = h(WEBHOOK_HEADERS.signature);
  const deliveryId = h(WEBHOOK_HEADERS.deliveryId);
  if (!keyId || !ts || !sig || !deliveryId || !/^\d{1,12}$/.test(ts)) return { ok: false, reason: 'missing-header' };
  const secret = options.secrets[keyId];
  if (!secret) return { ok: false, reason: 'unknown-key' };
  const body = typeof options.body === 'string' ? options.body : options.body.toString('utf8');
  const want = Buffer.from(signature(secret, Number(ts), body));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return { ok: false, reason: 'bad-signature' };
  const nowMs = (options.now ?? new Date()).getTime();
  if (Math.abs(nowMs / 1000 - Number(ts)) > (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS))
    return { ok: false, reason: 'stale' };
  if (options.replays && !options.replays.first(deliveryId, nowMs)) return { ok: false, reason: 'replayed' };
  return { ok: true, keyId, deliveryId };
}
