import fc from 'fast-check';
import { findMatches, literalWords, scanMatches, type Pattern } from './pattern';
import { DEFAULT_RULES, screen } from './screen';
import type { Tokens } from './normalise';

// Every pattern of the packaged rules (with their masks), and the words they are written in.
const patterns: Pattern[] = DEFAULT_RULES.rules.flatMap((r) => [...r.patterns, ...r.masks, ...(r.requiresAll ?? []).flat()]);
const vocabulary = [...new Set(patterns.flatMap(literalWords))];

describe('pattern quick rejection (performance) changes no answer', () => {
  it('happy: findMatches equals the full scan for every rule pattern on texts made of rule words, near-misses and noise', () => {
    const word = fc.oneof(fc.constantFrom(...vocabulary), fc.constantFrom(...vocabulary).map((w) => `${w}s`), fc.constantFrom('i', 'have', 'a', 'my', 'since', 'not', '16', '3'), fc.stringMatching(/^[a-z]{1,8}$/));
    const tokens = fc.array(fc.tuple(word, fc.integer({ min: 0, max: 2 })), { maxLength: 30 }).map((ws): Tokens => {
      let segment = 0;
      return ws.reduce<Tokens>((t, [w, brk]) => {
        if (brk === 0 && t.words.length) segment++;
        t.words.push(w);
        t.clause.push(segment);
        t.segment.push(segment);
        return t;
      }, { words: [], clause: [], segment: [] });
    });
    fc.assert(
      fc.property(tokens, (t) => {
        for (const p of patterns) expect(findMatches(p, t)).toEqual(scanMatches(p, t));
      }),
      { numRuns: 1_000 },
    );
  });

  it('happy: the screen still finds emergencies written in the rules’ own words', () => {
    expect(screen({ description: 'crushing chest pain spreading to my left arm' }).outcome).toBe('emergency');
    expect(screen({ description: 'a rash on my arm for two weeks' }).outcome).toBe('clear');
  });
});
