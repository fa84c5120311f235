import fc from 'fast-check';
import { RED_FLAG_CODES } from '@sluice/contracts';
import { DEFAULT_RULES, screen } from './screen';

// Words the rules care about, so generated text actually exercises matching, negation and masks.
const VOCAB = ['no', 'not', 'but', 'and', 'or', 'chest', 'pain', 'cant', 'breathe', 'suicidal', 'baby', 'floppy', 'blood', 'vomit', 'glass', 'rash', 'fit', 'note', '30', 'paracetamol', ',', '.', ':', "don't", 'never'];
const KNOWN_TEXTS = new Set([DEFAULT_RULES.fallback.reasonText, ...DEFAULT_RULES.rules.map((r) => r.reasonText)]);

const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 4000 }),
  fc.string({ unit: 'grapheme', maxLength: 1000 }),
  fc.array(fc.constantFrom(...VOCAB), { maxLength: 300 }).map((ws) => ws.join(' ')),
);
const input = fc.record(
  { description: text, redFlags: fc.subarray([...RED_FLAG_CODES]), ageYears: fc.oneof(fc.integer({ min: 0, max: 130 }), fc.double()) },
  { requiredKeys: ['description'] },
);

describe('screen properties', () => {
  it('never throws on arbitrary unicode text up to 4000 characters, and is deterministic', () => {
    fc.assert(
      fc.property(input, (i) => {
        const first = screen(i);
        expect(screen(i)).toEqual(first);
        expect(screen(structuredClone(i))).toEqual(first);
      }),
      { numRuns: 300 },
    );
  });

  it('never echoes the patient’s words: the reason is always fixed text from the rules file', () => {
    fc.assert(
      fc.property(text, fc.stringMatching(/^[a-z]{12}$/), (t, marker) => {
        const r = screen({ description: `${t} ${marker} can't breathe ${marker}` });
        expect(r.outcome).toBe('emergency');
        if (r.outcome === 'emergency') {
          expect(KNOWN_TEXTS.has(r.reasonText)).toBe(true);
          expect(r.reasonText).not.toContain(marker);
        }
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ['ordinary prose', 'I have had a cough and a cold for a while and need a fit note for work please. '],
    ['text dense with rule words', 'no chest pain or baby not cant breathe, '],
  ])('screens a 4000-character request of %s quickly', (_name, unit) => {
    const long = unit.repeat(Math.ceil(4000 / unit.length)).slice(0, 4000);
    const started = performance.now();
    for (let i = 0; i < 10; i++) screen({ description: long });
    // Intake screens every request inline. Typical: ~3 ms (prose), ~15 ms (dense). The bound is
    // generous for shared CI machines but still catches a matcher that goes quadratic.
    expect((performance.now() - started) / 10).toBeLessThan(150);
  });
});
