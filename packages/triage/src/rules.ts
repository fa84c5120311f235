/**
 * The rules file: its zod schema, the checks that make a broken file fail at load (never at
 * screening time), and compilation into a form the screen can run quickly.
 *
 * Rules are data so that a clinical change is a reviewable diff of one JSON file with a new
 * `version`, signed off by the clinical safety officer, and never a code change.
 */
import { z } from 'zod';
import { Destination, RED_FLAG_CODES, RedFlagCode } from '@sluice/contracts';
import { compileNegation, type CompiledNegation } from './negation';
import { normalise, fold, type Lexicon } from './normalise';
import { compilePattern, literalRuns, literalWords, PatternError, type Pattern, type Term, type WordLists } from './pattern';

/** The destinations a red flag can send a patient to, most urgent first. */
export const SCREEN_DESTINATIONS = ['999', 'a-and-e', 'nhs-111-mental-health', 'nhs-111'] as const;
export const ScreenDestination = Destination.extract(SCREEN_DESTINATIONS);
export type ScreenDestination = z.output<typeof ScreenDestination>;

const Slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by hyphens');
const PatternSource = z.string().min(1).max(400);
const Patterns = z.array(PatternSource);

/** Patient-facing text. Checked against its destination below so a rule cannot say "call 111" and send to 999. */
const ReasonText = z.string().min(40).max(600).refine((s) => !/[{}<>]/.test(s), 'no placeholders or markup');

export const Rule = z
  .object({
    id: Slug,
    category: Slug,
    destination: ScreenDestination,
    /** The structured red-flag code this rule answers, if any. Each code belongs to exactly one rule. */
    code: RedFlagCode.optional(),
    reasonText: ReasonText,
    /** Any one of these matching (and not negated or masked) fires the rule. */
    patterns: Patterns.default([]),
    /** Also fires when every group has at least one match: head injury AND (vomiting or drowsy). */
    requiresAll: z.array(Patterns.min(1)).min(2).optional(),
    /** Spans where this rule's words mean something routine: "meningitis vaccine", "food poisoning". */
    masks: Patterns.default([]),
    /** False for rules where a denial must never silence the screen (suicide, self-harm, overdose). */
    negatable: z.boolean().default(true),
    /** The rule applies only when the request gives an age in this range (in whole years). */
    age: z
      .object({ minYears: z.number().int().min(0).optional(), maxYears: z.number().int().min(0).optional() })
      .strict()
      .refine((a) => a.minYears !== undefined || a.maxYears !== undefined, 'give minYears or maxYears')
      .refine((a) => (a.minYears ?? 0) <= (a.maxYears ?? Infinity), 'minYears must not exceed maxYears')
      .optional(),
    /** Clinical rationale and source, for the reviewer. Never shown to patients. */
    why: z.string().min(10),
  })
  .strict()
  .refine((r) => r.patterns.length > 0 || r.requiresAll !== undefined, 'a rule needs patterns or requiresAll');
export type Rule = z.output<typeof Rule>;

const Fallback = z
  .object({ id: Slug, category: Slug, destination: ScreenDestination, reasonText: ReasonText, why: z.string().min(10) })
  .strict();

const Vocabulary = z.record(z.string().min(1), z.string().min(1));

export const RulesFile = z
  .object({
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'semantic version, e.g. 1.0.0'),
    review: z
      .object({
        status: z.enum(['draft', 'approved']),
        by: z.string().optional(),
        on: z.iso.date().optional(),
        note: z.string().optional(),
      })
      .strict(),
    lexicon: z.object({ words: Vocabulary, phrases: Vocabulary, clauseBreaks: z.array(z.string().min(1)) }).strict(),
    negation: z
      .object({
        cues: z.array(z.string().min(1)).min(1),
        fillers: z.array(z.string().min(1)),
        listWords: z.array(z.string().min(1)),
        postCues: z.array(z.string().min(1)),
        maxLookback: z.number().int().min(1).max(12),
        maxListItemWords: z.number().int().min(0).max(4),
        voidedBy: z.array(z.string().min(1)),
        voidWindow: z.number().int().min(0).max(8),
      })
      .strict(),
    /** Named word lists patterns refer to as @name ("@drugs"). */
    wordLists: z.record(z.string().regex(/^[a-z]+$/), z.array(z.string().min(1)).min(1)).default({}),
    /** Used for a structured code this version does not know. Fail towards help, not silence. */
    structuredFallback: Fallback,
    rules: z.array(Rule).min(1),
  })
  .strict()
  .superRefine(checkRulesFile);
export type RulesFile = z.output<typeof RulesFile>;

type Ctx = z.RefinementCtx;

/** What each destination's text must say, so the words and the signpost always agree. */
const WORDING: Record<ScreenDestination, (s: string) => boolean> = {
  '999': (s) => s.startsWith('Call 999 now.'),
  'a-and-e': (s) => s.startsWith('Go to A&E now'),
  'nhs-111-mental-health': (s) => s.includes('111') && s.includes('mental health option'),
  'nhs-111': (s) => s.includes('111'),
};
const DO_NOT_WAIT = 'Do not wait for the practice to reply.';

function checkWording(ctx: Ctx, path: (string | number)[], destination: ScreenDestination, text: string): void {
  if (!WORDING[destination](text)) ctx.addIssue({ code: 'custom', path, message: `wording does not match destination ${destination}` });
  if (!text.includes(DO_NOT_WAIT)) ctx.addIssue({ code: 'custom', path, message: `must say "${DO_NOT_WAIT}"` });
}

/** True when the normaliser leaves this text exactly as it is: a pattern word that is not would never match. */
function isNormalForm(text: string, lexicon: Lexicon): boolean {
  return normalise(text, lexicon).words.join(' ') === text;
}

function checkLexicon(ctx: Ctx, file: z.output<typeof RulesFile>['lexicon']): void {
  const lexicon: Lexicon = file;
  for (const [table, single] of [['words', true], ['phrases', false]] as const) {
    for (const [from, to] of Object.entries(file[table])) {
      if (fold(from).trim() !== from || from.includes(' ') === single) {
        ctx.addIssue({ code: 'custom', path: ['lexicon', table, from], message: single ? 'key must be one folded word' : 'key must be several folded words' });
      }
      // A phrase key made of words the word table rewrites could never be seen.
      if (!single && from.split(' ').some((w) => Object.hasOwn(file.words, w) && file.words[w] !== w)) {
        ctx.addIssue({ code: 'custom', path: ['lexicon', table, from], message: 'key uses a word the word table rewrites' });
      }
      // Idempotence: normalising the replacement must change nothing, or rules could never match it.
      if (!isNormalForm(to, lexicon)) ctx.addIssue({ code: 'custom', path: ['lexicon', table, from], message: `"${to}" is not in normal form` });
    }
  }
}

function checkPatterns(ctx: Ctx, path: (string | number)[], sources: readonly string[], lexicon: Lexicon, lists: WordLists): void {
  sources.forEach((source, i) => {
    let pattern: Pattern;
    try {
      pattern = compilePattern(source, lists);
    } catch (e) {
      ctx.addIssue({ code: 'custom', path: [...path, i], message: e instanceof PatternError ? e.message : String(e) });
      return;
    }
    const unreachable = [...literalWords(pattern), ...literalRuns(pattern).map((r) => r.join(' '))].filter((w) => !isNormalForm(w, lexicon));
    for (const w of unreachable) {
      ctx.addIssue({ code: 'custom', path: [...path, i], message: `"${w}" is rewritten by the normaliser, so it can never match` });
    }
  });
}

function checkRulesFile(file: z.output<typeof RulesFile>, ctx: Ctx): void {
  const lexicon: Lexicon = file.lexicon;
  checkLexicon(ctx, file.lexicon);
  const { cues, fillers, listWords, postCues, voidedBy } = file.negation;
  for (const [name, words] of Object.entries({ cues, fillers, listWords, postCues, voidedBy })) {
    words.filter((w) => !isNormalForm(w, lexicon)).forEach((w) => ctx.addIssue({ code: 'custom', path: ['negation', name], message: `"${w}" is not in normal form` }));
  }
  checkWording(ctx, ['structuredFallback', 'reasonText'], file.structuredFallback.destination, file.structuredFallback.reasonText);
  const ids = new Set<string>([file.structuredFallback.id]);
  const codes = new Map<string, string>();
  file.rules.forEach((rule, i) => {
    if (ids.has(rule.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id ${rule.id}` });
    ids.add(rule.id);
    if (rule.code !== undefined) {
      const other = codes.get(rule.code);
      if (other) ctx.addIssue({ code: 'custom', path: ['rules', i, 'code'], message: `${rule.code} is already answered by ${other}` });
      codes.set(rule.code, rule.id);
    }
    checkWording(ctx, ['rules', i, 'reasonText'], rule.destination, rule.reasonText);
    checkPatterns(ctx, ['rules', i, 'patterns'], rule.patterns, lexicon, file.wordLists);
    checkPatterns(ctx, ['rules', i, 'masks'], rule.masks, lexicon, file.wordLists);
    rule.requiresAll?.forEach((group, g) => checkPatterns(ctx, ['rules', i, 'requiresAll', g], group, lexicon, file.wordLists));
  });
  // Every structured answer an online consultation tool can send must lead somewhere.
  for (const code of RED_FLAG_CODES) {
    if (!codes.has(code)) ctx.addIssue({ code: 'custom', path: ['rules'], message: `no rule answers red-flag code ${code}` });
  }
}

export interface CompiledRule {
  id: string;
  category: string;
  destination: ScreenDestination;
  reasonText: string;
  code: RedFlagCode | undefined;
  patterns: Pattern[];
  requiresAll: Pattern[][] | undefined;
  masks: Pattern[];
  negatable: boolean;
  age: { minYears?: number | undefined; maxYears?: number | undefined } | undefined;
  /** Position in the file: breaks ties between equally urgent rules, so results never depend on chance. */
  order: number;
}

export interface RuleSet {
  version: string;
  lexicon: Lexicon;
  negation: CompiledNegation;
  rules: CompiledRule[];
  byCode: ReadonlyMap<RedFlagCode, CompiledRule>;
  fallback: CompiledRule;
  /** Which patterns can start at a word: see livePatterns. */
  starts: StartIndex;
}

/**
 * Every pattern starts with a required term (compilePattern sees to it), so a pattern whose first term
 * is literal words can only match a text that contains one of them. Indexing the ~700 patterns by
 * those words lets the screen try only the handful a text could match, not all of them for every
 * request (docs/performance.md); patterns starting with a prefix or a number are always tried.
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
    for (const w of first.words) {
      const list = byWord.get(w);
      if (list) list.push(p);
      else byWord.set(w, [p]);
    }
  }
  return { byWord, always };
}

/** The patterns that could match these tokens: every other pattern certainly does not. */
export function livePatterns(index: StartIndex, words: Iterable<string>): Set<Pattern> {
  const live = new Set<Pattern>(index.always);
  for (const w of words) for (const p of index.byWord.get(w) ?? []) live.add(p);
  return live;
}

export class RulesError extends Error {}

/** Validates and compiles a rules file. Throws RulesError naming every problem: a bad file must stop start-up. */
export function loadRules(json: unknown): RuleSet {
  const parsed = RulesFile.safeParse(json);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('\n');
    throw new RulesError(`red-flag rules file is invalid:\n${detail}`);
  }
  const file = parsed.data;
  const compile = (source: string): Pattern => compilePattern(source, file.wordLists);
  const rules: CompiledRule[] = file.rules.map((r, order) => ({
    id: r.id,
    category: r.category,
    destination: r.destination,
    reasonText: r.reasonText,
    code: r.code,
    patterns: r.patterns.map(compile),
    requiresAll: r.requiresAll?.map((g) => g.map(compile)),
    masks: r.masks.map(compile),
    negatable: r.negatable,
    age: r.age,
    order,
  }));
  const byCode = new Map<RedFlagCode, CompiledRule>();
  for (const r of rules) if (r.code !== undefined) byCode.set(r.code, r);
  const { id, category, destination, reasonText } = file.structuredFallback;
  const fallback: CompiledRule = {
    id, category, destination, reasonText, code: undefined, patterns: [], requiresAll: undefined, masks: [], negatable: false, age: undefined, order: -1,
  };
  const starts = indexStarts(rules.flatMap((r) => [...r.patterns, ...(r.requiresAll ?? []).flat(), ...r.masks]));
  return { version: file.version, lexicon: file.lexicon, negation: compileNegation(file.negation), rules, byCode, fallback, starts };
}
