import type { ConsultationDecidedV1 } from '@sluice/contracts';

/** One message to one patient about one decision. */
export interface OutgoingNotification {
  decision: ConsultationDecidedV1;
  /** Template name (one per reason code). */
  template: string;
  /** Only what the message needs: practice name, day, position, destination, status link. */
  personalisation: Record<string, string>;
  /** The rendered text, for channels that send text themselves (log, webhook). */
  text: string;
}

export interface SendReceipt {
  providerReference?: string;
}

/** Where a message goes. Errors are typed: `retriable` says whether trying again can help. */
export interface NotificationChannel {
  readonly name: 'notify' | 'webhook' | 'log';
  send(n: OutgoingNotification): Promise<SendReceipt>;
}

export class ChannelError extends Error {
  constructor(
    message: string,
    readonly retriable: boolean,
    /** When set, do not try again before this instant (a provider's daily limit). */
    readonly holdUntil?: Date,
  ) {
    super(message);
    this.name = 'ChannelError';
  }
}
