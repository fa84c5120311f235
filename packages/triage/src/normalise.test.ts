import { DEFAULT_RULES } from './screen';
import { fold, normalise } from './normalise';

const words = (text: string): string[] => normalise(text, DEFAULT_RULES.lexicon).words;

describe('normalise', () => {
  it.each(["can't breathe", 'cant breathe', 'can not breathe', 'cannot breathe', 'CAN’T BREATHE', 'unable to breathe', "couldn't breathe", 'not able to breathe', "I haven't been able to breathe"])(
    'folds %p onto "cant breathe"',
    (text) => {
      expect(words(text).join(' ')).toMatch(/(^| )cant breathe$/);
    },
  );

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
    expect(words('constructor __proto__ toString hasOwnProperty')).toEqual(['constructor', 'proto', 'tostring', 'hasownproperty']);
  });

  it('strips its own sentinel characters if the text contains them', () => {
    expect(fold('a\uE000b\uE001c')).not.toMatch(/[\uE000\uE001]/);
  });

  it('is idempotent: normalising normalised text changes nothing', () => {
    for (const text of ["I can't breathe, my chest pian is bad", 'Been throwing up and my tummy hurts', 'no suicidal thoughts but kms']) {
      const once = words(text).join(' ');
      expect(words(once).join(' ')).toBe(once);
    }
  });

  it('returns nothing for empty or punctuation-only text', () => {
    expect(words('')).toEqual([]);
    expect(words('?!... ,, -- 😀')).toEqual([]);
  });
});
