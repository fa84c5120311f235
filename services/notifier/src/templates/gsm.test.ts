import { clip, gsmLength, smsFragments, toGsm } from './gsm';

describe('GSM-7', () => {
  it('happy: counts extension characters as two septets', () => {
    expect(gsmLength('abc')).toBe(3);
    expect(gsmLength('a€[')).toBe(5);
  });
  it('error: a character outside GSM-7 makes the text unmeasurable', () => {
    expect(gsmLength('St Mary’s')).toBeNull();
    expect(() => smsFragments('emoji 🙂')).toThrow();
  });
  it('happy: fragments are 160 alone, 153 when concatenated', () => {
    expect(smsFragments('x'.repeat(160))).toBe(1);
    expect(smsFragments('x'.repeat(161))).toBe(2);
    expect(smsFragments('x'.repeat(306))).toBe(2);
    expect(smsFragments('x'.repeat(307))).toBe(3);
  });
  it('happy: makes practice names GSM-safe (quotes, dashes, Welsh accents)', () => {
    expect(toGsm('St Mary’s – Pen Llŷn Surgery')).toBe("St Mary's - Pen Llyn Surgery");
    expect(toGsm('Café  Medical\tCentre 🙂')).toBe('Café Medical Centre');
  });
  it('happy: clips at a word boundary', () => {
    expect(clip('The Riverside and Old Town Medical Partnership', 30)).toBe('The Riverside and Old Town');
    expect(clip('Short', 30)).toBe('Short');
  });
});
