import { createHash, createHmac } from 'node:crypto';
import type { Logger, Metrics } from '@sluice/observability';
import { ChannelError, type NotificationChannel, type OutgoingNotification } from './channel';
import type { DeliveryLedger } from './delivery-ledger';
import type { HeldMessage, HoldStore } from './hold-store';
import type { RecipientLimiter, TokenBucket } from './rate-limits';

/** How one message ended. Business outcomes are values; only infrastructure failures throw. */
export type Outcome =
  | { kind: 'sent'; attempts: number; providerReference?: string }
  /** Found already sent (by its reference) after a crash mid-send: not sent again. */
  | { kind: 'recovered' }
  /** Already handled (a redelivery): nothing sent. `state` says how it ended. */
  | { kind: 'duplicate'; state: 'sent' | 'done' | 'held' }
  | { kind: 'held'; until: Date }
  | { kind: 'rejected'; attempts: number; error: string; status?: number }
  | { kind: 'failed'; attempts: number; error: string }
  | { kind: 'suppressed'; error: string };

export interface Timing {
  now(): number;
  sleep(ms: number): Promise<void>;
}
export const realTiming: Timing = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

export interface DeliveryPolicy {
  /** Attempts for retriable answers, the first included. */
  maxAttempts: number;
  /** Back-off before retry n is baseDelayMs·2^(n-1), capped at maxDelayMs, with "equal jitter" (half fixed, half random). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longer than one attempt (the channel's timeout) with margin, so a live sender is never taken over. */
  leaseMs: number;
  /** Waits for another sender's live lease before giving the batch back for redelivery. */
  maxBusyWaits: number;
}
export const DEFAULT_POLICY: DeliveryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 250,
  maxDelayMs: 4000,
  leaseMs: 15_000,
  maxBusyWaits: 3,
};

export interface DeliveryContext {
  heartbeat(): Promise<void>;
  isStale(): boolean;
}

export interface DeliveryDeps {
  ledger: DeliveryLedger;
  holds: HoldStore;
  bucket: TokenBucket;
  recipients: RecipientLimiter;
  metrics: Metrics;
  log: Logger;
  timing: Timing;
  policy: DeliveryPolicy;
  /** Keyed hash of a contact, so limits never hold a number or an address. */
  hashSalt: string;
}

/** The consumer lost its partitions mid-batch: stop, another replica has the batch (and the ledger stops a second send). */
export class StaleBatchError extends Error {
  readonly retriable = true;
  constructor() {
    super('batch is stale: partitions were reassigned');
  }
}

/** Another sender holds a live lease on this message: give the batch back, to be redelivered later. */
export class LeaseBusyError extends Error {
  readonly retriable = true;
  constructor(reference: string) {
    super(`another notifier is sending ${reference}`);
  }
}

export function backoffMs(attempt: number, policy: DeliveryPolicy, random = Math.random): number {
  const d = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(d / 2 + random() * (d / 2));
}

/** Sleeps in slices, keeping the consumer's session alive and stopping once the batch is stale. */
async function pause(ms: number, deps: DeliveryDeps, ctx: DeliveryContext): Promise<void> {
  let left = ms;
  while (left > 0) {
    if (ctx.isStale()) throw new StaleBatchError();
    const step = Math.min(left, 1000);
    await deps.timing.sleep(step);
    left -= step;
    await ctx.heartbeat();
  }
}

export function contactHashes(n: OutgoingNotification, salt: string): { recipient: string; content: string } {
  const address =
    n.recipient.type === 'sms' ? n.recipient.phoneNumber.replace(/^\+44/, '0') : n.recipient.emailAddress.toLowerCase();
  return {
    recipient: createHmac('sha256', salt).update(`${n.recipient.type}:${address}`).digest('hex').slice(0, 32),
    content: createHash('sha256').update(n.text).digest('hex').slice(0, 16),
  };
}

/**
 * Sends one message at most once: claim it in the ledger, ask the provider first if a previous
 * sender died mid-send, respect a provider's hold and the rate limits, then send, retrying what
 * Notify says to retry, with back-off.
 */
export async function deliver(
  n: OutgoingNotification,
  channel: NotificationChannel,
  deps: DeliveryDeps,
  ctx: DeliveryContext,
  source: HeldMessage['source'],
  mode: 'consume' | 'release' = 'consume',
): Promise<Outcome> {
  const { ledger, policy, metrics } = deps;
  const ref = n.reference;
  let claim = await ledger.claim(ref, policy.leaseMs, mode);
  for (let waits = 0; claim.state === 'busy'; waits++) {
    if (waits >= policy.maxBusyWaits) throw new LeaseBusyError(ref);
    await pause(claim.retryInMs + 50, deps, ctx);
    claim = await ledger.claim(ref, policy.leaseMs, mode);
  }
  if (claim.state === 'sent' || claim.state === 'done' || claim.state === 'held')
    return { kind: 'duplicate', state: claim.state };
  if (claim.state === 'recovered' && (await channel.lookup(n)) === 'sent') {
    await ledger.finish(ref, 'sent');
    return { kind: 'recovered' };
  }

  const holdKey = `${channel.name}:${n.recipient.type}`;
  const park = async (until: Date): Promise<Outcome> => {
    await deps.holds.park({ reference: ref, decision: n.decision, source }, until);
    await ledger.finish(ref, 'held');
    metrics.notificationHolds.inc({ channel: channel.name });
    return { kind: 'held', until };
  };
  // A spent daily limit is known: park at once rather than ask the provider again for every message.
  const pausedUntil = await deps.holds.pausedUntil(holdKey);
  if (pausedUntil && pausedUntil.getTime() > deps.timing.now()) return park(pausedUntil);

  const limited = channel.name === 'notify'; // Notify's per-key rate and the carriers' per-number limits
  if (limited) {
    const h = contactHashes(n, deps.hashSalt);
    const hit = await deps.recipients.hit(h.recipient, h.content, ref);
    if (!hit.allowed) {
      await ledger.finish(ref, 'done');
      return { kind: 'suppressed', error: `recipient limit (${hit.limit}) reached` };
    }
  }

  for (let attempt = 1; ; attempt++) {
    if (limited) await takeToken(deps, ctx);
    // The claim's lease is fresh for a first attempt that did not wait for a token: renewing it again
    // would be one more Redis round trip per message for nothing.
    if (attempt > 1 || limited) await ledger.renew(ref, policy.leaseMs);
    try {
      const receipt = await channel.send(n);
      await ledger.finish(ref, 'sent');
      return {
        kind: 'sent',
        attempts: attempt,
        ...(receipt.providerReference ? { providerReference: receipt.providerReference } : {}),
      };
    } catch (e) {
      if (!(e instanceof ChannelError)) throw e;
      if (e.kind === 'reject') {
        await ledger.finish(ref, 'done');
        metrics.notificationRejections.inc({ channel: channel.name, status: String(e.detail.status ?? 'none') });
        return {
          kind: 'rejected',
          attempts: attempt,
          error: e.message,
          ...(e.detail.status ? { status: e.detail.status } : {}),
        };
      }
      if (e.kind === 'hold') {
        const until = e.detail.holdUntil ?? new Date(deps.timing.now() + 3600_000);
        await deps.holds.pause(holdKey, until);
        return park(until);
      }
      // The request may have arrived before the connection failed: ask before sending again.
      if (e.kind === 'unknown' && (await channel.lookup(n).catch(() => 'unknown')) === 'sent') {
        await ledger.finish(ref, 'sent');
        return { kind: 'sent', attempts: attempt };
      }
      if (attempt >= policy.maxAttempts) {
        await ledger.finish(ref, 'done');
        return { kind: 'failed', attempts: attempt, error: e.message };
      }
      metrics.notificationRetries.inc({ channel: channel.name, cause: e.detail.cause ?? 'server-error' });
      const delay = backoffMs(attempt, policy);
      await ledger.renew(ref, delay + policy.leaseMs);
      await pause(delay, deps, ctx);
    }
  }
}

async function takeToken(deps: DeliveryDeps, ctx: DeliveryContext): Promise<void> {
  let waited = false;
  for (;;) {
    const t = await deps.bucket.take();
    if (t.allowed) return;
    if (!waited) deps.metrics.rateLimitWaits.inc({ limiter: 'provider' });
    waited = true;
    deps.metrics.rateLimitWaitSeconds.inc({ limiter: 'provider' }, t.retryAfterMs / 1000);
    await pause(t.retryAfterMs, deps, ctx);
  }
}
