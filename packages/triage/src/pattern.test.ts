import { DEFAULT_RULES } from './screen';
import { normalise } from './normalise';
import { compilePattern, findMatches, PatternError } from './pattern';

const tokens = (text: string) => normalise(text, DEFAULT_RULES.lexicon);
const spans = (pattern: string, text: string, options = {}) =>
  findMatches(compilePattern(pattern, { drugs: ['paracetamol', 'pills'] }), tokens(text), options);

describe('compilePattern', () => {
  it.each([
    ['fi* note', 'prefix "fi*" needs 3+ letters'],
    ['.. chest', 'must start and end with a required word'],
    ['chest ..', 'must start and end with a required word'],
    ['[a] chest', 'must start and end with a required word'],
    ['chest .. .. pain', 'two gaps in a row'],
    ['chest ..9 pain', 'gap must be'],
    ['Chest pain', 'not a lower-case word'],
    ["can't", 'not a lower-case word'],
    ['chest  pain', 'single spaces'],
    ['took @nosuchlist', 'unknown word list'],
  ])('refuses %p', (source, message) => {
    expect(() => compilePattern(source)).toThrow(PatternError);
    expect(() => compilePattern(source)).toThrow(message);
  });
});

describe('findMatches', () => {
  it('matches alternatives, prefixes and numbers', () => {
    expect(spans('chest pain|hurts', 'my chest hurts')).toEqual([{ start: 1, end: 3 }]);
    expect(spans('breath* hard', 'breathing hard')).toHaveLength(1);
    expect(spans('took #8+ paracetamol', 'took 16 paracetamol')).toHaveLength(1);
    expect(spans('took #8+ paracetamol', 'took 2 paracetamol')).toHaveLength(0);
    expect(spans('took #8+ @drugs', 'took 30 pills')).toHaveLength(1);
  });

  it('matches a =word only as written, never by its stem', () => {
    expect(spans('fitting', 'had a coil fitted')).toHaveLength(1);
    expect(spans('=fitting', 'had a coil fitted')).toHaveLength(0);
    expect(spans('=fitting', 'he is fitting')).toHaveLength(1);
  });

  it('allows a bounded gap and optional words', () => {
    expect(spans('chest .. tight', 'chest feels really tight')).toHaveLength(1);
    expect(spans('chest .. tight', 'chest a b c d tight')).toHaveLength(0);
    expect(spans('chest ..5 tight', 'chest a b c d tight')).toHaveLength(1);
    expect(spans('having [a] fit', 'having fit')).toHaveLength(1);
    expect(spans('having [a] fit', 'having a fit')).toHaveLength(1);
  });

  it('never matches across punctuation', () => {
    expect(spans('pain .. chest', 'back pain, chest infection')).toHaveLength(0);
    expect(spans('pain .. chest', 'back pain and chest infection')).toHaveLength(1);
  });

  it('takes the shortest match by default and the longest on request', () => {
    expect(spans('no .. pain|ache', 'no pain or ache')).toEqual([{ start: 0, end: 2 }]);
    expect(spans('no .. pain|ache', 'no pain or ache', { longest: true })).toEqual([{ start: 0, end: 4 }]);
  });

  it('keeps a sameClause match inside one clause', () => {
    expect(
      spans('no thoughts ..5 suicidal', 'no thoughts of harming others but suicidal', {
        longest: true,
        sameClause: true,
      }),
    ).toHaveLength(0);
    expect(
      spans('no thoughts ..5 suicidal', 'no thoughts of harming others but suicidal', { longest: true }),
    ).toHaveLength(1);
  });
});
