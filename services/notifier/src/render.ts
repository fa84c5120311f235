import type { ConsultationDecidedV1 } from '@sluice/contracts';
import type { OutgoingNotification, Recipient } from './channel';
import { TEMPLATES, fieldValues, fill, templateFields, type PracticeFacts } from './templates';

/** Patient preference: a mobile number if they gave one (texts are read sooner), else email. */
export function recipientOf(decision: ConsultationDecidedV1): Recipient {
  if (decision.contact.sms) return { type: 'sms', phoneNumber: decision.contact.sms };
  return { type: 'email', emailAddress: decision.contact.email! };
}

export const referenceOf = (d: Pick<ConsultationDecidedV1, 'id' | 'sequence'>): string => `${d.id}:${d.sequence}`;

/** The message for a decision: its template, the personalisation that template uses and nothing more, and the text. */
export function render(
  decision: ConsultationDecidedV1,
  practice: PracticeFacts,
  publicUrl: string,
): OutgoingNotification {
  const template = TEMPLATES[decision.reason.code];
  const values = fieldValues(decision, practice, publicUrl);
  const personalisation = Object.fromEntries(templateFields(decision.reason.code).map((f) => [f, values[f]]));
  return {
    decision,
    template: decision.reason.code,
    personalisation,
    text: fill(template.sms, personalisation),
    subject: fill(template.emailSubject, personalisation),
    recipient: recipientOf(decision),
    reference: referenceOf(decision),
  };
}
