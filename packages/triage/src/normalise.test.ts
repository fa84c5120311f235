import { DEFAULT_RULES } from './screen';
import { fold, hasVisibleContent, normalise } from './normalise';

const words = (text: string): string[] => normalise(text, DEFAULT_RULES.lexicon).words;

describe('normalise', () => {
  it.each([
    "can't breathe",
    'cant breathe',
    'can not breathe',
    'cannot breathe',
    'CAN’T BREATHE',
    'unable to breathe',
    "couldn't breathe",
    'not able to breathe',
    "I haven't been able to breathe",
  ])('folds %p onto "cant breathe"', (text) => {
    expect(words(text).join(' ')).toMatch(/(^| )cant breathe$/);
  });

  it("drops a possessive 's but keeps pronoun contractions joined", () => {
    expect(fold("my sister's arm, it's sore and he's pale").replace(/\s+/g, ' ').trim()).toBe(
      'my sister arm \uE001 its sore and hes pale',
    );
  });

  it('lower-cases, drops punctuation and collapses whitespace', () => {
    expect(words('  CHEST   pain!!!\n\n  and\tSWEATING  ')).toEqual(['chest', 'pain', 'and', 'sweating']);
  });

  it.each([
    ['chest pian', 'chest pain'],
    ['breatheing', 'breathing'],
    ['anaphalaxis', 'anaphylaxis'],
    ['meningitus', 'meningitis'],
    ['siezure', 'seizure'],
    ['unconcious', 'unconscious'],
    ['chocking', 'choking'],
    ['sucidal', 'suicidal'],
    ['pregant', 'pregnant'],
    ['vomitting', 'vomit'],
    ['throwing up', 'vomit'],
    ['stomach', 'tummy'],
    ['temperature', 'fever'],
    ['tablets', 'pills'],
    ['kms', 'kill myself'],
    ['chestpain', 'chest pain'],
  ])('maps misspelling or synonym %p to %p', (from, to) => {
    expect(words(from).join(' ')).toBe(to);
  });

  it('treats emphasis letters as one: "breatheeee", "helllp"', () => {
    expect(words('cant breatheeee helllp')).toEqual(['cant', 'breathe', 'help']);
  });

  it('folds accents and full-width letters', () => {
    expect(words('ｃｈｅｓｔ pain café')).toEqual(['chest', 'pain', 'cafe']);
  });

  it('keeps a decimal inside one segment (38.5 is not a sentence end)', () => {
    const t = normalise('temp 38.5 today', DEFAULT_RULES.lexicon);
    expect(t.words).toEqual(['fever', '38', '5', 'today']);
    expect(new Set(t.segment).size).toBe(1);
  });

  it('starts a new segment at punctuation and a new clause at "but" and "and"', () => {
    const t = normalise('no chest pain, but cant breathe and dizzy', DEFAULT_RULES.lexicon);
    expect(t.words).toEqual(['no', 'chest', 'pain', 'but', 'cant', 'breathe', 'and', 'dizzy']);
    expect(t.segment).toEqual([0, 0, 0, 1, 1, 1, 1, 1]);
    expect(t.clause).toEqual([0, 0, 0, 1, 1, 1, 2, 2]);
  });

  it('never rewrites a phrase across punctuation ("can, not" is not "cant")', () => {
    expect(words('can, not')).toEqual(['can', 'not']);
  });

  it('joins hyphenated words with a space but splits on a spaced dash', () => {
    const t = normalise('self-harm - no', DEFAULT_RULES.lexicon);
    expect(t.words).toEqual(['self', 'harm', 'no']);
    expect(t.segment).toEqual([0, 0, 1]);
  });

  it('treats Object.prototype names as plain words', () => {
    expect(words('constructor __proto__ toString hasOwnProperty')).toEqual([
      'constructor',
      'proto',
      'tostring',
      'hasownproperty',
    ]);
  });

  it('strips its own sentinel characters if the text contains them', () => {
    expect(fold('a\uE000b\uE001c')).not.toMatch(/[\uE000\uE001]/);
  });

  it('is idempotent: normalising normalised text changes nothing', () => {
    for (const text of [
      "I can't breathe, my chest pian is bad",
      'Been throwing up and my tummy hurts',
      'no suicidal thoughts but kms',
    ]) {
      const once = words(text).join(' ');
      expect(words(once).join(' ')).toBe(once);
    }
  });

  it('returns nothing for empty or punctuation-only text', () => {
    expect(words('')).toEqual([]);
    expect(words('?!... ,, -- 😀')).toEqual([]);
  });
});

describe('disguised characters', () => {
  it.each([
    ['soft hyphen', 'I cant brea\u00ADthe'],
    ['zero-width space', 'I cant bre\u200Bathe'],
    ['zero-width joiner and non-joiner', 'I ca\u200Dnt brea\u200Cthe'],
    ['word joiner', 'I cant bre\u2060athe'],
    ['byte-order mark', '\uFEFFI cant breat\uFEFFhe'],
    ['bidi marks and overrides', 'I cant \u200Ebrea\u202Ethe\u202C'],
    ['Cyrillic look-alikes', 'I с\u0430nt br\u0435\u0430the'],
    ['Greek and full-width look-alikes', 'I cant ｂreαthe'],
    ['a hyphenated line break', 'I cant brea-\nthe'],
    ['a soft-hyphenated line break', 'I cant brea\u00AD\r\n  the'],
  ])('folds %s so the word joins', (_name, text) => {
    expect(words(text).join(' ')).toBe('i cant breathe');
  });

  it('maps only non-ASCII look-alikes: plain letters and digits stay as written', () => {
    expect(words('l1 0O fill')).toEqual(['l1', '0o', 'fill']);
  });

  it.each([
    ['', false],
    ['\u200B\u200C\u200D\u2060\uFEFF', false],
    ['\u00AD \u3164 \u0301\u0301 \u202E', false],
    ['\u200Bx', true],
    ['fit note', true],
  ])('hasVisibleContent(%j) is %p', (text, visible) => {
    expect(hasVisibleContent(text)).toBe(visible);
  });
});
