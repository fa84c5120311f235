/**
 * The rules file: its schema (rules-schema.ts) with the checks that make a broken file fail at load
 * (rules-checks.ts; never at screening time), and compilation into a form the screen can run quickly.
 *
 * Rules are data so that a clinical change is a reviewable diff of one JSON file with a new
 * `version`, signed off by the clinical safety officer, and never a code change.
 */
import { z } from 'zod';
import type { RedFlagCode } from '@sluice/contracts';
import { compileContext, type CompiledContext } from './context';
import { compilePattern, type Pattern, type Term, type WordLists } from './pattern';
import type { Lexicon } from './normalise';
import { checkRulesFile } from './rules-checks';
import { RulesFileShape, type Rule, type ScreenDestination } from './rules-schema';

export { SCREEN_DESTINATIONS, ScreenDestination, Concept } from './rules-schema';
export type { Condition } from './rules-schema';

/** The whole file: its shape, and the checks that need all of it. */
export const RulesFile = RulesFileShape.superRefine(checkRulesFile);
export type RulesFile = z.output<typeof RulesFile>;

export interface CompiledConcept {
  id: string;
  index: number;
  patterns: Pattern[];
  masks: Pattern[];
  affirmOnly: boolean;
  condition: boolean;
}

export type CompiledCondition =
  { kind: 'any'; of: number[] } | { kind: 'all'; of: number[] } | { kind: 'count'; atLeast: number; of: number[] };

export interface CompiledRule {
  id: string;
  category: string;
  outcome: 'emergency' | 'concern';
  /** Undefined for a concern. */
  destination: ScreenDestination | undefined;
  reasonText: string;
  code: RedFlagCode | undefined;
  when: CompiledCondition[];
  timing: 'current' | 'past';
  age: { minMonths: number; maxMonths: number } | undefined;
  pregnancy: { minWeeks: number; maxWeeks: number } | undefined;
  temperatureC: { min: number; max: number } | undefined;
  tabletsAtLeast: number | undefined;
  glucoseAtMost: number | undefined;
  knownCondition: number[] | undefined;
  /** Position in the file: breaks ties between equally urgent rules, so results never depend on chance. */
  order: number;
}

export interface RuleSet {
  version: string;
  lexicon: Lexicon;
  context: CompiledContext;
  concepts: CompiledConcept[];
  wordLists: WordLists;
  rules: CompiledRule[];
  byCode: ReadonlyMap<RedFlagCode, CompiledRule>;
  fallback: CompiledRule;
  /** Which patterns can start at a word: see livePatterns. */
  starts: StartIndex;
}

/**
 * Every pattern starts with a required term (compilePattern sees to it), so a pattern whose first term
 * is literal words can only match a text that contains one of them (or a word of the same stem).
 * Indexing the patterns by those words lets the screen try only the handful a text could match
 * (docs/performance.md); patterns starting with a prefix or a number are always tried.
 */
export interface StartIndex {
  byWord: ReadonlyMap<string, readonly Pattern[]>;
  always: readonly Pattern[];
}

function indexStarts(patterns: Iterable<Pattern>): StartIndex {
  const byWord = new Map<string, Pattern[]>();
  const always: Pattern[] = [];
  for (const p of patterns) {
    const first = p.elements[0] as Term;
    if (first.prefixes.length > 0 || first.minimums.length > 0) {
      always.push(p);
      continue;
    }
    for (const w of new Set([...first.words, ...first.stems])) {
      const list = byWord.get(w);
      if (list) list.push(p);
      else byWord.set(w, [p]);
    }
  }
  return { byWord, always };
}

/** The patterns that could match these words and stems: every other pattern certainly does not. */
export function livePatterns(index: StartIndex, words: Iterable<string>): Set<Pattern> {
  const live = new Set<Pattern>(index.always);
  for (const w of words) for (const p of index.byWord.get(w) ?? []) live.add(p);
  return live;
}

export class RulesError extends Error {}

const MONTHS_PER_YEAR = 12;

function compileAge(age: Rule['age']): CompiledRule['age'] {
  if (age === undefined) return undefined;
  // Whole years are inclusive: maxYears 0 is "under 1", i.e. up to 11 months.
  const minMonths = age.minMonths ?? (age.minYears !== undefined ? age.minYears * MONTHS_PER_YEAR : 0);
  const maxMonths = age.maxMonths ?? (age.maxYears !== undefined ? age.maxYears * MONTHS_PER_YEAR + 11 : Infinity);
  return { minMonths, maxMonths };
}

/** Validates and compiles a rules file. Throws RulesError naming every problem: a bad file must stop start-up. */
export function loadRules(json: unknown): RuleSet {
  const parsed = RulesFile.safeParse(json);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('\n');
    throw new RulesError(`red-flag rules file is invalid:\n${detail}`);
  }
  const file = parsed.data;
  const compile = (source: string): Pattern => compilePattern(source, file.wordLists);
  const exact = (source: string): Pattern => compilePattern(source, file.wordLists, { stemmed: false });
  const conceptIndex = new Map<string, number>();
  const concepts: CompiledConcept[] = file.concepts.map((c, index) => {
    conceptIndex.set(c.id, index);
    return {
      id: c.id,
      index,
      patterns: c.patterns.map(compile),
      masks: c.masks.map(exact),
      affirmOnly: c.context === 'affirm-only',
      condition: c.kind === 'condition',
    };
  });
  const ix = (ids: readonly string[]): number[] => ids.map((id) => conceptIndex.get(id)!);
  const rules: CompiledRule[] = file.rules.map((r, order) => ({
    id: r.id,
    category: r.category,
    outcome: r.outcome,
    destination: r.destination,
    reasonText: r.reasonText,
    code: r.code,
    when: r.when.map((c): CompiledCondition =>
      'anyOf' in c
        ? { kind: 'any', of: ix(c.anyOf) }
        : 'allOf' in c
          ? { kind: 'all', of: ix(c.allOf) }
          : { kind: 'count', atLeast: c.countOf.atLeast, of: ix(c.countOf.of) },
    ),
    timing: r.timing,
    age: compileAge(r.age),
    pregnancy: r.pregnancy && { minWeeks: r.pregnancy.minWeeks ?? 0, maxWeeks: r.pregnancy.maxWeeks ?? Infinity },
    temperatureC: r.temperatureC && { min: r.temperatureC.min ?? -Infinity, max: r.temperatureC.max ?? Infinity },
    tabletsAtLeast: r.tabletsAtLeast,
    glucoseAtMost: r.glucoseAtMost,
    knownCondition: r.knownCondition && ix(r.knownCondition),
    order,
  }));
  const byCode = new Map<RedFlagCode, CompiledRule>();
  for (const r of rules) if (r.code !== undefined) byCode.set(r.code, r);
  const { id, category, destination, reasonText } = file.structuredFallback;
  const fallback: CompiledRule = {
    id,
    category,
    outcome: 'emergency',
    destination,
    reasonText,
    code: undefined,
    when: [],
    timing: 'current',
    age: undefined,
    pregnancy: undefined,
    temperatureC: undefined,
    tabletsAtLeast: undefined,
    glucoseAtMost: undefined,
    knownCondition: undefined,
    order: -1,
  };
  const context = compileContext(file.context, compile);
  const starts = indexStarts([
    ...concepts.flatMap((c) => [...c.patterns, ...c.masks]),
    ...context.triggers.flatMap((t) => t.patterns),
    ...context.pseudo,
  ]);
  return {
    version: file.version,
    lexicon: file.lexicon,
    context,
    concepts,
    wordLists: file.wordLists,
    rules,
    byCode,
    fallback,
    starts,
  };
}
