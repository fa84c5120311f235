import fc from 'fast-check';
import { RED_FLAG_CODES } from '@sluice/contracts';
import { DEFAULT_RULES, screen, urgencyRank } from './screen';

// Words the rules care about, so generated text actually exercises matching, negation and masks.
const VOCAB = [
  'no',
  'not',
  'but',
  'and',
  'or',
  'chest',
  'pain',
  'cant',
  'breathe',
  'suicidal',
  'baby',
  'floppy',
  'blood',
  'vomit',
  'glass',
  'rash',
  'fit',
  'note',
  '30',
  'paracetamol',
  ',',
  '.',
  ':',
  "don't",
  'never',
];
const KNOWN_TEXTS = new Set([DEFAULT_RULES.fallback.reasonText, ...DEFAULT_RULES.rules.map((r) => r.reasonText)]);

const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 4000 }),
  fc.string({ unit: 'grapheme', maxLength: 1000 }),
  fc.array(fc.constantFrom(...VOCAB), { maxLength: 300 }).map((ws) => ws.join(' ')),
);
const input = fc.record(
  {
    description: text,
    redFlags: fc.subarray([...RED_FLAG_CODES]),
    ageYears: fc.oneof(fc.integer({ min: 0, max: 130 }), fc.double()),
  },
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

  // Speed is measured in the bench (pnpm bench): here only that long adversarial text is handled at all.
  it.each([
    ['repetition', 'chest pain '],
    ['near-matches', 'chest pian brethe cant brea th sucidal '],
    ['long runs of negations', 'no not never no not '],
    ['long runs of invisible characters', '\u200B\u00AD\u2060\uFEFF\u200E'],
    ['dense rule words', 'no chest pain or baby not cant breathe, '],
  ])('screens 4000 characters of %s without throwing', (_name, unit) => {
    const long = unit.repeat(Math.ceil(4000 / unit.length)).slice(0, 4000);
    expect(() => screen({ description: long })).not.toThrow();
  });
});

const EMERGENCIES = [
  'crushing chest pain going down my left arm',
  "my son can't breathe and his lips are blue",
  'I have taken 30 paracetamol',
  'her face has dropped on one side and her speech is slurred',
];
const ROUTINE = [
  'I need a fit note for work.',
  'Can I have my repeat prescription please?',
  'My knee has ached for three weeks.',
  'Could you send my blood test results?',
];

describe('screen consistency', () => {
  it('adding an unrelated routine sentence never clears or lowers an emergency', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...EMERGENCIES),
        fc.array(fc.constantFrom(...ROUTINE), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        (emergency, routine, before) => {
          const plain = screen({ description: emergency });
          const mixed = screen({
            description: before ? `${routine.join(' ')} ${emergency}` : `${emergency}. ${routine.join(' ')}`,
          });
          expect(plain.outcome).toBe('emergency');
          expect(mixed.outcome).toBe('emergency');
          if (plain.outcome === 'emergency' && mixed.outcome === 'emergency')
            expect(urgencyRank(mixed.destination)).toBeLessThanOrEqual(urgencyRank(plain.destination));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('invisible characters sprinkled anywhere inside words change nothing', () => {
    const invisible = fc.constantFrom(
      '\u200B',
      '\u200C',
      '\u200D',
      '\u2060',
      '\uFEFF',
      '\u00AD',
      '\u200E',
      '\u200F',
      '\u202A',
      '\u202C',
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...EMERGENCIES, ...ROUTINE),
        fc.array(fc.tuple(fc.nat(), invisible), { maxLength: 12 }),
        (text, inserts) => {
          let disguised = text;
          for (const [at, ch] of inserts) {
            const i = at % (disguised.length + 1);
            disguised = disguised.slice(0, i) + ch + disguised.slice(i);
          }
          expect(screen({ description: disguised })).toEqual(screen({ description: text }));
        },
      ),
      { numRuns: 300 },
    );
  });
});
