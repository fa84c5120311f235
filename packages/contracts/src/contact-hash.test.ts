import fc from 'fast-check';
import { Contact } from './common';
import { contactHash, e164, patientIdentity, validNhsNumber } from './contact-hash';

const salt = 'salt-0123456789abcdef';
const contact = (c: unknown) => Contact.parse(c);

describe('who is a patient', () => {
  it('happy: one mobile however it is written is one patient', () => {
    const spellings = ['07700900010', '07700 900010', '+447700900010', '+44 7700 900010', '(07700) 900-010'];
    expect(new Set(spellings.map((s) => contactHash(contact({ sms: s }), salt))).size).toBe(1);
    expect(e164('07700 900010')).toBe('+447700900010');
    expect(contactHash(contact({ sms: '07700900011' }), salt)).not.toBe(
      contactHash(contact({ sms: '07700900010' }), salt),
    );
  });

  it('happy: an email is trimmed and lower-cased', () => {
    expect(contactHash(contact({ email: ' Pat@Example.COM ' }), salt)).toBe(
      contactHash(contact({ email: 'pat@example.com' }), salt),
    );
  });

  it('happy: a valid NHS number is the identity whatever the contact; an invalid one is ignored', () => {
    expect(validNhsNumber('943 476 5919')).toBe('9434765919');
    expect(validNhsNumber('9434765918')).toBeNull(); // wrong check digit
    expect(validNhsNumber('123')).toBeNull();
    const a = contactHash(contact({ sms: '07700900010' }), salt, '943 476 5919');
    const b = contactHash(contact({ email: 'other@example.com' }), salt, '9434765919');
    expect(a).toBe(b);
    expect(patientIdentity(contact({ sms: '07700900010' }), '9434765918')).toBe('tel:+447700900010');
  });

  it('property: the modulus-11 check digit accepts exactly one last digit (or none) for any nine', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }), (nine) => {
        const valid = Array.from({ length: 10 }, (_, d) => validNhsNumber(`${nine.join('')}${d}`)).filter(Boolean);
        expect(valid.length).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('security: the hash holds neither the number nor the address', () => {
    const h = contactHash(contact({ sms: '07700900010', email: 'pat@example.com' }), salt);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
  });
});
