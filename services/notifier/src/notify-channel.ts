import axios from 'axios';
import { NotifyClient } from 'notifications-node-client';
import { REASON_CODES, type ReasonCode } from '@sluice/contracts';
import {
  ChannelError,
  type LookupResult,
  type NotificationChannel,
  type OutgoingNotification,
  type SendReceipt,
} from './channel';
import { classifyNotifyError } from './notify-errors';

export type TemplateIds = Record<string, { sms?: string; email?: string }>;

export interface NotifyChannelOptions {
  apiKey: string;
  baseUrl: string;
  /** Notify template ids by message type (reason code) and channel. */
  templateIds: TemplateIds;
  timeoutMs?: number;
  /** Time as Notify keeps it (its daily limit resets at midnight UTC). */
  now?: () => Date;
}

/** Reason codes a decision can carry ('received' is a status, never a decision's reason). */
export const DECISION_REASON_CODES = REASON_CODES.filter((c) => c !== 'received');

/** Message types that have no template id for a channel: configuration to fix before sending. */
export function missingTemplateIds(ids: TemplateIds): string[] {
  return DECISION_REASON_CODES.flatMap((code) =>
    (['sms', 'email'] as const).filter((t) => !ids[code]?.[t]).map((t) => `${code}.${t}`),
  );
}

/**
 * GOV.UK Notify through its official client: `sendSms` / `sendEmail` by template id, with the
 * personalisation the template uses and `reference` = `<request id>:<sequence>`, which `lookup`
 * asks Notify about after a crash mid-send.
 */
export class NotifyChannel implements NotificationChannel {
  readonly name = 'notify' as const;
  private readonly client: NotifyClient;
  private readonly now: () => Date;

  constructor(private readonly options: NotifyChannelOptions) {
    const missing = missingTemplateIds(options.templateIds);
    if (missing.length) throw new Error(`NOTIFY_TEMPLATE_IDS has no template id for: ${missing.join(', ')}`);
    this.client = new NotifyClient(options.baseUrl, options.apiKey);
    // The client sets no timeout of its own: a hung connection would hold the batch forever.
    this.client.setClient(axios.create({ timeout: options.timeoutMs ?? 5000 }));
    this.now = options.now ?? (() => new Date());
  }

  private templateId(code: ReasonCode, type: 'sms' | 'email'): string {
    const id = this.options.templateIds[code]?.[type];
    if (!id) throw new ChannelError(`no Notify ${type} template id for ${code}`, 'reject');
    return id;
  }

  async send(n: OutgoingNotification): Promise<SendReceipt> {
    const options = { personalisation: n.personalisation, reference: n.reference };
    try {
      const res =
        n.recipient.type === 'sms'
          ? await this.client.sendSms(this.templateId(n.template, 'sms'), n.recipient.phoneNumber, options)
          : await this.client.sendEmail(this.templateId(n.template, 'email'), n.recipient.emailAddress, options);
      return { providerReference: (res.data as { id?: string }).id };
    } catch (e) {
      if (e instanceof ChannelError) throw e;
      throw classifyNotifyError(e, this.now());
    }
  }

  async lookup(n: OutgoingNotification): Promise<LookupResult> {
    try {
      // Any status counts: once Notify has the notification (even one that later failed to deliver), sending again would duplicate it.
      const res = await this.client.getNotifications(n.recipient.type, undefined, n.reference);
      return (res.data.notifications ?? []).length > 0 ? 'sent' : 'not-sent';
    } catch (e) {
      const err = classifyNotifyError(e, this.now());
      // Not knowing is not "not sent": the caller retries the lookup, never the send.
      throw new ChannelError(`lookup failed: ${err.message}`, 'retry', {
        ...err.detail,
        cause: err.detail.cause ?? 'network',
      });
    }
  }
}
