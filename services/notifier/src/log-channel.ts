import type { Logger } from '@sluice/observability';
import type { LookupResult, NotificationChannel, OutgoingNotification, SendReceipt } from './channel';

/**
 * The embedded default's channel: records that a message would be sent, with the request id,
 * practice, template and the message text (which carries no personal data), never the contact.
 */
export class LogChannel implements NotificationChannel {
  readonly name = 'log' as const;
  readonly sent: { requestId: string; sequence: number; template: string; text: string }[] = [];

  constructor(
    private readonly log: Logger,
    private readonly keep = 1000,
  ) {}

  async send(n: OutgoingNotification): Promise<SendReceipt> {
    const record = { requestId: n.decision.id, sequence: n.decision.sequence, template: n.template, text: n.text };
    this.sent.push(record);
    if (this.sent.length > this.keep) this.sent.shift();
    this.log.info(
      {
        requestId: n.decision.id,
        practice: n.decision.practice,
        sequence: n.decision.sequence,
        template: n.template,
        via: n.recipient.type,
        message: n.text,
      },
      'patient message (log channel)',
    );
    return {};
  }

  async lookup(): Promise<LookupResult> {
    return 'unknown';
  }
}
