import fc from 'fast-check';
import { PHARMACY_FIRST_PATHWAYS, pharmacyFirstCondition } from './pharmacy-first';

describe('pharmacyFirstCondition', () => {
  it.each([
    ['Blocked nose and sinus pain for a week', 30, 'acute-sinusitis'],
    ['My sinuses are killing me', 12, 'acute-sinusitis'],
    ['Sore throat for 3 days', 5, 'acute-sore-throat'],
    ['Think I have tonsillitis', 40, 'acute-sore-throat'],
    ['Earache since last night', 4, 'acute-otitis-media'],
    ['ear infection, crying', 17, 'acute-otitis-media'],
    ['Mosquito bite on my leg is red and swollen', 1, 'infected-insect-bite'],
    ['wasp sting looks infected', 60, 'infected-insect-bite'],
    ['Crusty sores round mouth, nursery said impetigo', 3, 'impetigo'],
    ['Painful rash on one side, could be shingles', 70, 'shingles'],
  ])('%p at %i → %s', (text, age, want) => {
    expect(pharmacyFirstCondition(text, age)).toBe(want);
  });

  it.each([
    ['Sore throat', 4, 'below the sore-throat band (5+)'],
    ['Sinus pain', 11, 'below the sinusitis band (12+)'],
    ['Earache', 18, 'above the ear-infection band (1–17)'],
    ['Earache', 0, 'below the ear-infection band'],
    ['Shingles', 17, 'below the shingles band (18+)'],
    ['Impetigo', 0, 'below the impetigo band (1+)'],
    ['Sore throat', undefined, 'age unknown'],
  ])('no match: %p at %p (%s)', (text, age, _why) => {
    expect(pharmacyFirstCondition(text, age)).toBeNull();
  });

  it('UTI only for women aged 16 to 64, and only when known to be a woman', () => {
    expect(pharmacyFirstCondition('Burning when I pee, think it is a UTI', 30, 'female')).toBe('uncomplicated-uti');
    expect(pharmacyFirstCondition('water infection again', 64, 'female')).toBe('uncomplicated-uti');
    expect(pharmacyFirstCondition('cystitis', 65, 'female')).toBeNull();
    expect(pharmacyFirstCondition('cystitis', 15, 'female')).toBeNull();
    expect(pharmacyFirstCondition('cystitis', 30, 'male')).toBeNull();
    expect(pharmacyFirstCondition('cystitis', 30)).toBeNull();
  });

  it('an animal bite, or a bite with no sign of infection, is not the insect-bite pathway', () => {
    expect(pharmacyFirstCondition('dog bite on hand, swollen', 30)).toBeNull();
    expect(pharmacyFirstCondition('mosquito bites', 30)).toBeNull();
  });

  it('a negation just before the words does not match', () => {
    expect(pharmacyFirstCondition('Cough and fever, no sore throat', 30)).toBeNull();
    expect(pharmacyFirstCondition('Not shingles I think, rash all over', 40)).toBeNull();
    expect(pharmacyFirstCondition('No earache. Sore throat though', 8)).toBe('acute-sore-throat');
  });

  it('a description naming two conditions gets the first whose band fits', () => {
    expect(pharmacyFirstCondition('Earache and a sore throat', 8)).toBe('acute-otitis-media');
    expect(pharmacyFirstCondition('Earache and a sore throat', 30)).toBe('acute-sore-throat');
  });

  it('covers exactly the seven pathways', () => {
    expect(PHARMACY_FIRST_PATHWAYS).toHaveLength(7);
  });

  it('property: never throws, and only answers within the age band', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.integer({ min: 0, max: 130 }),
        fc.constantFrom<'female' | 'male' | undefined>('female', 'male', undefined),
        (text, age, sex) => {
          const id = pharmacyFirstCondition(`${text} sore throat earache`, age, sex);
          const p = PHARMACY_FIRST_PATHWAYS.find((x) => x.id === id);
          if (p) {
            expect(age).toBeGreaterThanOrEqual(p.minAge);
            expect(age).toBeLessThanOrEqual(p.maxAge ?? Infinity);
          }
          expect(() => pharmacyFirstCondition(text, age, sex)).not.toThrow();
        },
      ),
    );
  });
});
