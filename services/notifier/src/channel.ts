import type { ConsultationDecidedV1, ReasonCode } from '@sluice/contracts';

export type ChannelName = 'notify' | 'webhook' | 'log';

/** Who the message goes to: the patient's mobile if they gave one, else their email address. */
export type Recipient = { type: 'sms'; phoneNumber: string } | { type: 'email'; emailAddress: string };

/** One message to one patient about one decision. */
export interface OutgoingNotification {
  decision: ConsultationDecidedV1;
  /** Message type: one template per reason code (templates/messages.ts). */
  template: ReasonCode;
  /** Only what the message needs: practice name, days, position, destination, status link. */
  personalisation: Record<string, string>;
  /** The rendered text, for channels that send text themselves (log, webhook) and for the SMS. */
  text: string;
  /** The rendered email subject. */
  subject: string;
  recipient: Recipient;
  /** `<request id>:<sequence>`: unique per decision, so the provider can be asked whether it was sent. */
  reference: string;
}

export interface SendReceipt {
  providerReference?: string;
}

/** Whether a message with this reference already went out. */
export type LookupResult = 'sent' | 'not-sent' | 'unknown';

/** Where a message goes. Failures are ChannelErrors whose `kind` says what to do next. */
export interface NotificationChannel {
  readonly name: ChannelName;
  send(n: OutgoingNotification): Promise<SendReceipt>;
  /**
   * Asked after a crash mid-send (or a send whose answer never came): did the message go out?
   * A channel that cannot tell answers 'unknown', and the message is sent again (webhook receivers
   * dedupe on the delivery id; a log line twice harms nobody).
   */
  lookup(n: OutgoingNotification): Promise<LookupResult>;
}

/**
 * - `retry`: not sent; trying again may work (Notify 500, 429 RateLimitError, connection refused).
 * - `unknown`: the request may have arrived (timeout, connection reset): ask `lookup` before retrying.
 * - `hold`: not sent; the provider's daily limit is spent until `holdUntil`.
 * - `reject`: not sent and never will be as it stands (400, 403): alert, do not retry.
 */
export type FailureKind = 'retry' | 'unknown' | 'hold' | 'reject';
export type RetryCause = 'server-error' | 'rate-limited' | 'timeout' | 'network';

export class ChannelError extends Error {
  readonly retriable: boolean;
  constructor(
    message: string,
    readonly kind: FailureKind,
    readonly detail: { status?: number; cause?: RetryCause; holdUntil?: Date } = {},
  ) {
    super(message);
    this.name = 'ChannelError';
    this.retriable = kind === 'retry' || kind === 'unknown';
  }
}

/** Removes anything that looks like a phone number or an email address from a provider's error text. */
export function scrub(text: string): string {
  return text
    .replace(/[^\s@]+@[^\s@]+/g, '[email]')
    .replace(/\+?\d[\d\s()-]{5,}\d/g, '[number]')
    .slice(0, 300);
}
