import fc from 'fast-check';
import { normalise } from './normalise';
import { findMatches, type Pattern } from './pattern';
import { loadAllPhrases } from './phrase-set';
import { livePatterns } from './rules';
import { DEFAULT_RULES } from './screen';

// The screen skips every pattern livePatterns leaves out, so it must never leave out one that matches:
// a pattern missing here would be a red flag the screen silently stops seeing.
const rules = DEFAULT_RULES;
const all: Pattern[] = [
  ...rules.concepts.flatMap((c) => [...c.patterns, ...c.masks]),
  ...rules.context.triggers.flatMap((t) => t.patterns),
  ...rules.context.pseudo,
];

function missed(text: string): string[] {
  const t = normalise(text, rules.lexicon);
  const live = livePatterns(rules.starts, [...t.positions.keys(), ...t.stemPositions.keys()]);
  const opts = [{}, { longest: true, sameClause: true }] as const;
  return all
    .filter((p) => !live.has(p) && opts.some((o) => findMatches(p, t, o).length > 0))
    .map((p) => `${p.source} in "${text}"`);
}

describe('the start-word index', () => {
  const { emergency, routine } = loadAllPhrases();

  it('indexes every pattern of the packaged rules', () => {
    const indexed = new Set([...rules.starts.always, ...[...rules.starts.byWord.values()].flat()]);
    expect(all.filter((p) => !indexed.has(p)).map((p) => p.source)).toEqual([]);
  });

  it('keeps every pattern that matches a labelled phrase (and leaves most out)', () => {
    const texts = [...emergency, ...routine].map((p) => p.text);
    expect(texts.flatMap(missed)).toEqual([]);
    const live = livePatterns(rules.starts, normalise(routine[0]!.text, rules.lexicon).positions.keys());
    expect(live.size).toBeLessThan(all.length / 4);
  });

  it('keeps every pattern that matches text built from the rules own words', () => {
    const vocabulary = [
      ...new Set(all.flatMap((p) => p.elements.flatMap((e) => (e.kind === 'term' ? [...e.words] : [])))),
    ];
    const word = fc.oneof(
      fc.constantFrom(...vocabulary),
      fc.constantFrom('no', 'not', 'and', 'but', 'my', ',', '.', '12', 'really'),
    );
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 14 }), (words) => missed(words.join(' ')).length === 0),
      { numRuns: 400 },
    );
  });
});
