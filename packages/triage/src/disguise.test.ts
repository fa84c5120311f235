import { loadAllPhrases } from './phrase-set';
import { screen } from './screen';

/** Ways of hiding letters from a matcher that a reader does not notice. */
const DISGUISES: [string, (text: string) => string][] = [
  ['a soft hyphen inside each long word', (t) => t.replace(/\b(\w{3})(\w{2,})/g, '$1\u00AD$2')],
  ['a zero-width space inside each long word', (t) => t.replace(/\b(\w{2})(\w{2,})/g, '$1\u200B$2')],
  ['a word joiner and a BOM', (t) => t.replace(/\b(\w{2})(\w{2,})/g, '$1\u2060$2').replace(/^/, '\uFEFF')],
  ['bidi marks', (t) => t.replace(/\b(\w)(\w{3,})/g, '\u200E$1\u200F$2')],
  [
    'Cyrillic look-alikes for a, e, o, c, p',
    (t) =>
      t
        .replace(/a/g, '\u0430')
        .replace(/e/g, '\u0435')
        .replace(/o/g, '\u043E')
        .replace(/c/g, '\u0441')
        .replace(/p/g, '\u0440'),
  ],
  ['a hyphenated line break in each long word', (t) => t.replace(/\b(\w{3})(\w{3,})/g, '$1-\n$2')],
  ['full-width letters', (t) => t.replace(/[a-z]/g, (c) => String.fromCodePoint(c.codePointAt(0)! - 0x61 + 0xff41))],
];

describe('disguised emergency phrases are redirected like the plain ones', () => {
  const sample = loadAllPhrases().emergency.filter((_, i) => i % 9 === 0);

  it.each(DISGUISES)('%s', (_name, disguise) => {
    const wrong = sample.filter((p) => {
      const plain = screen({ description: p.text, ...(p.ageYears !== undefined ? { ageYears: p.ageYears } : {}) });
      const hidden = screen({
        description: disguise(p.text),
        ...(p.ageYears !== undefined ? { ageYears: p.ageYears } : {}),
      });
      return JSON.stringify(plain) !== JSON.stringify(hidden);
    });
    expect(wrong.map((p) => `${p.text} -> ${JSON.stringify(disguise(p.text))}`)).toEqual([]);
  });
});
