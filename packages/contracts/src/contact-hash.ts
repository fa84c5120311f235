import { createHmac } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Contact } from './common';

/** A phone number in E.164 (+447700900123), however it was typed; null when it cannot be a number. */
export function e164(phone: string): string | null {
  const n = parsePhoneNumberFromString(phone, 'GB');
  return n && n.isPossible() ? n.number : null;
}

/** An email address as one patient: trimmed and lower-cased. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/** An NHS number's digits when its modulus-11 check digit holds, else null (spaces and dashes allowed). */
export function validNhsNumber(s: string): string | null {
  const digits = s.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(digits)) return null;
  const sum = [...digits.slice(0, 9)].reduce((t, d, i) => t + Number(d) * (10 - i), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return null; // no valid number has a remainder of 1
  return (check === 11 ? 0 : check) === Number(digits[9]) ? digits : null;
}

/**
 * Who the patient is, for counting: their NHS number when the tool sent a valid one, else their phone
 * in E.164, else their email trimmed and lower-cased; so `+447700900010` and `07700 900010` are one
 * patient, and so are `Pat@Example.com ` and `pat@example.com`.
 */
export function patientIdentity(contact: Contact, nhsNumber?: string): string {
  const nhs = nhsNumber === undefined ? null : validNhsNumber(nhsNumber);
  if (nhs) return `nhs:${nhs}`;
  const phone = contact.sms === undefined ? null : (e164(contact.sms) ?? contact.sms);
  if (phone) return `tel:${phone}`;
  return `email:${normaliseEmail(contact.email ?? '')}`;
}

/**
 * The salted hash of a patient's identity that fair use is keyed by, so no store ever holds the
 * contact or NHS number for it. Intake computes it for every request; staff overrides compute it from
 * what the patient gives them. Both sides must share SLUICE_CONTACT_HASH_SALT.
 */
export function contactHash(contact: Contact, salt: string, nhsNumber?: string): string {
  return createHmac('sha256', salt).update(patientIdentity(contact, nhsNumber)).digest('hex');
}
