import {
  ChannelError,
  type LookupResult,
  type NotificationChannel,
  type OutgoingNotification,
  type SendReceipt,
} from './channel';
import { signWebhook } from './webhook-signature';

export interface WebhookChannelOptions {
  url: string;
  keyId: string;
  secret: string;
  timeoutMs?: number;
  now?: () => Date;
}

/** What a practice system receives: the message, who it is for, and ids to dedupe and trace by. */
export interface WebhookBody {
  type: 'sluice.patient-message';
  version: 1;
  deliveryId: string;
  requestId: string;
  practice: string;
  sequence: number;
  outcome: string;
  /** What the screen made of the request (`concern`: the duty clinician looks at it today), when known. */
  screening?: string;
  template: string;
  to: { sms: string } | { email: string };
  subject: string;
  text: string;
  personalisation: Record<string, string>;
  sentAt: string;
}

const LOCAL = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * POSTs each message, signed (webhook-signature.ts), to the practice's own system, which sends it to
 * the patient as it already does. The body carries the patient's contact, so the URL must be https
 * (plain http only to this machine, for tests). Delivery is at least once: a receiver dedupes on
 * `deliveryId`, which a retry or a restarted notifier sends again unchanged.
 */
export class WebhookChannel implements NotificationChannel {
  readonly name = 'webhook' as const;
  private readonly now: () => Date;

  constructor(private readonly options: WebhookChannelOptions) {
    const url = new URL(options.url);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOCAL.has(url.hostname))) {
      throw new Error('SLUICE_WEBHOOK_URL must be https: the body carries patient contact details');
    }
    this.now = options.now ?? (() => new Date());
  }

  async send(n: OutgoingNotification): Promise<SendReceipt> {
    const payload: WebhookBody = {
      type: 'sluice.patient-message',
      version: 1,
      deliveryId: n.reference,
      requestId: n.decision.id,
      practice: n.decision.practice,
      sequence: n.decision.sequence,
      outcome: n.decision.outcome,
      ...(n.decision.screening ? { screening: n.decision.screening } : {}),
      template: n.template,
      to: n.recipient.type === 'sms' ? { sms: n.recipient.phoneNumber } : { email: n.recipient.emailAddress },
      subject: n.subject,
      text: n.text,
      personalisation: n.personalisation,
      sentAt: this.now().toISOString(),
    };
    const body = JSON.stringify(payload);
    const headers = {
      'content-type': 'application/json',
      ...signWebhook({
        keyId: this.options.keyId,
        secret: this.options.secret,
        body,
        deliveryId: n.reference,
        now: this.now(),
      }),
    };
    let res: Response;
    try {
      res = await fetch(this.options.url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      });
    } catch (e) {
      const err = e as { name?: string; cause?: { code?: string } };
      if (err.name === 'TimeoutError')
        throw new ChannelError('webhook did not answer in time', 'unknown', { cause: 'timeout' });
      const code = err.cause?.code ?? 'unknown';
      if (code === 'ECONNREFUSED' || code === 'ENOTFOUND')
        throw new ChannelError(`webhook unreachable (${code})`, 'retry', { cause: 'network' });
      throw new ChannelError(`webhook connection failed (${code})`, 'unknown', { cause: 'network' });
    }
    await res.arrayBuffer().catch(() => undefined); // the answer's body is not used; drain it to free the socket
    if (res.ok) return { providerReference: n.reference };
    const status = res.status;
    if (status === 429) throw new ChannelError('webhook 429', 'retry', { status, cause: 'rate-limited' });
    if (status >= 500 || status === 408)
      throw new ChannelError(`webhook ${status}`, 'retry', { status, cause: 'server-error' });
    throw new ChannelError(`webhook ${status}`, 'reject', { status });
  }

  /** A webhook cannot be asked; the message is sent again with the same delivery id, which the receiver dedupes. */
  async lookup(): Promise<LookupResult> {
    return 'unknown';
  }
}
