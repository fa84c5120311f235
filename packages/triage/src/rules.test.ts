import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RED_FLAG_CODES } from '@sluice/contracts';
import { loadRules, RulesError, RulesFile } from './rules';
import { DEFAULT_RULES, firedRules } from './screen';
import { loadAllPhrases } from './phrase-set';

const RULES_PATH = join(__dirname, '..', 'rules', 'red-flag-rules.v2.json');
// A fresh, mutable copy of the packaged file for each test.
const fresh = (): { [k: string]: unknown; rules: Record<string, unknown>[]; concepts: Record<string, unknown>[] } =>
  JSON.parse(readFileSync(RULES_PATH, 'utf8'));

const problems = (json: unknown): string => {
  try {
    loadRules(json);
  } catch (e) {
    expect(e).toBeInstanceOf(RulesError);
    return (e as Error).message;
  }
  throw new Error('expected the rules file to be refused');
};

describe('the packaged rules file', () => {
  it('passes its zod schema and every load-time check', () => {
    expect(RulesFile.safeParse(fresh()).success).toBe(true);
    expect(DEFAULT_RULES.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('is still a draft until the clinical safety officer approves it', () => {
    expect(fresh()['review']).toMatchObject({ status: 'draft' });
  });

  it('answers every structured red-flag code with exactly one rule', () => {
    for (const code of RED_FLAG_CODES) {
      expect(DEFAULT_RULES.rules.filter((r) => r.code === code).map((r) => r.id)).toHaveLength(1);
    }
  });

  it('has a rule for every emergency category in the phrase set, and every emergency rule fires on some emergency phrase', () => {
    const { emergency } = loadAllPhrases();
    const categories = new Set(DEFAULT_RULES.rules.map((r) => r.category));
    for (const p of emergency) expect(categories).toContain(p.category);
    const hit = new Set(
      emergency.flatMap((p) =>
        firedRules(DEFAULT_RULES, {
          description: p.text,
          ...(p.ageYears !== undefined ? { ageYears: p.ageYears } : {}),
        }).map((c) => c.rule.id),
      ),
    );
    expect(
      DEFAULT_RULES.rules
        .filter((r) => r.outcome === 'emergency')
        .map((r) => r.id)
        .filter((id) => !hit.has(id)),
    ).toEqual([]);
  });
});

describe('load-time validation refuses a broken rules file', () => {
  it.each<[string, (f: ReturnType<typeof fresh>) => void, RegExp]>([
    ['no version', (f) => delete f['version'], /version/],
    ['a bad version', (f) => (f['version'] = 'v1'), /semantic version/],
    ['an unknown top-level field', (f) => (f['extra'] = 1), /extra|Unrecognized/i],
    ['a duplicate rule id', (f) => (f.rules[1]!['id'] = f.rules[0]!['id']), /duplicate rule id/],
    ['an unknown destination', (f) => (f.rules[0]!['destination'] = 'pharmacy-first'), /destination/],
    ['an unknown structured code', (f) => (f.rules[0]!['code'] = 'not-a-code'), /code/],
    ['a code answered twice', (f) => (f.rules[1]!['code'] = f.rules[0]!['code']), /already answered/],
    [
      'a code nobody answers',
      (f) => delete f.rules.find((r) => r['code'] === 'choking')!['code'],
      /no rule answers red-flag code choking/,
    ],
    ['a pattern syntax error', (f) => ((f.concepts[0]!['patterns'] as string[])[0] = '.. chest'), /must start and end/],
    [
      'a pattern word the normaliser rewrites',
      (f) => ((f.concepts[0]!['patterns'] as string[])[0] = 'vomiting blood'),
      /"vomiting" is rewritten/,
    ],
    [
      'a pattern phrase the normaliser rewrites',
      (f) => ((f.concepts[0]!['patterns'] as string[])[0] = 'can not breathe'),
      /"can not breathe" is rewritten/,
    ],
    [
      'a two-word alternative inside a | group',
      (f) => ((f.concepts[0]!['patterns'] as string[])[0] = 'care home|nursing home'),
      /"home" is in two adjacent terms/,
    ],
    [
      'a two-word alternative with a gap',
      (f) => ((f.concepts[0]!['patterns'] as string[])[0] = 'risk of|risks of ..2 stroke'),
      /"of" is in two adjacent terms/,
    ],
    [
      'an unknown word list',
      (f) => ((f.concepts[0]!['patterns'] as string[])[0] = 'took @nothing'),
      /unknown word list/,
    ],
    [
      '999 text that says call 111',
      (f) =>
        (f.rules[0]!['reasonText'] =
          'Call 111 now, or go to 111.nhs.uk. Something. Do not wait for the practice to reply.'),
      /does not match destination 999/,
    ],
    [
      'text without "do not wait"',
      (f) => (f.rules[0]!['reasonText'] = 'Call 999 now. Chest pain can be a sign of a heart attack, so please act.'),
      /Do not wait/,
    ],
    [
      'a placeholder in patient text',
      (f) =>
        (f.rules[0]!['reasonText'] = 'Call 999 now. You said {description}. Do not wait for the practice to reply.'),
      /placeholders/,
    ],
    ['a rule with nothing to match', (f) => (f.rules[0]!['when'] = []), /when/],
    [
      'a rule over an unknown concept',
      (f) => (f.rules[0]!['when'] = [{ anyOf: ['no-such-concept'] }]),
      /unknown concept no-such-concept/,
    ],
    [
      'a concept no rule uses',
      (f) => f.concepts.push({ id: 'orphan', patterns: ['orphan'] }),
      /concept orphan is used by no rule/,
    ],
    [
      'a count-of that needs fewer than two',
      (f) => (f.rules[0]!['when'] = [{ countOf: { atLeast: 1, of: ['chest-pain'] } }]),
      /when/,
    ],
    ['a concern with a destination', (f) => (f.rules[0]!['outcome'] = 'concern'), /a concern has none/],
    ['a rule without a source', (f) => delete f.rules[0]!['source'], /source/],
    ['a rule without a rationale', (f) => delete f.rules[0]!['why'], /why/],
    ['an inverted age band', (f) => (f.rules[0]!['age'] = { minYears: 5, maxYears: 1 }), /minYears must not exceed/],
    [
      'a lexicon entry that is not a fixed point',
      (f) => ((f['lexicon'] as { words: Record<string, string> }).words['zzz'] = 'vomiting'),
      /not in normal form/,
    ],
  ])('%s', (_name, mutate, message) => {
    const f = fresh();
    mutate(f);
    expect(problems(f)).toMatch(message);
  });
});
