import { createHmac } from 'node:crypto';
import type { Contact } from './common';

/**
 * The salted hash of a patient's contact that fair use is keyed by, so no store ever holds the
 * contact for it. Intake computes it for every request; staff overrides compute it from the contact
 * the patient gives them. Both sides must share SLUICE_CONTACT_HASH_SALT.
 */
export function contactHash(contact: Contact, salt: string): string {
  return createHmac('sha256', salt).update(`${contact.sms ?? ''}|${(contact.email ?? '').toLowerCase()}`).digest('hex');
}
