/**
 * Load-time checks of the rules file beyond its zod schema: patient wording agrees with the outcome
 * and destination, every pattern word can survive the normaliser, every concept a rule names exists
 * and is used, every structured red-flag code is answered. A broken file must stop start-up.
 */
import type { z } from 'zod';
import { RED_FLAG_CODES } from '@sluice/contracts';
import { normalise, fold, type Lexicon } from './normalise';
import { compilePattern, literalRuns, literalWords, PatternError, type Pattern, type WordLists } from './pattern';
import type { Concept, Condition, RulesFileShape as RulesFile, ScreenDestination } from './rules-schema';

type Ctx = z.RefinementCtx;

/** What each destination's text must say, so the words and the signpost always agree. */
const WORDING: Record<ScreenDestination, (s: string) => boolean> = {
  '999': (s) => s.startsWith('Call 999 now.'),
  'a-and-e': (s) => s.startsWith('Go to A&E now'),
  'nhs-111-mental-health': (s) => s.includes('111') && s.includes('mental health option'),
  'nhs-111': (s) => s.includes('111'),
};
const DO_NOT_WAIT = 'Do not wait for the practice to reply.';
/** A concern's text must promise a clinician today and say exactly when to call 999 meanwhile. */
const CONCERN_TODAY = 'A clinician at your practice will look at your request today.';

function checkWording(
  ctx: Ctx,
  path: (string | number)[],
  destination: ScreenDestination | undefined,
  text: string,
): void {
  if (destination === undefined) {
    if (!text.startsWith(CONCERN_TODAY))
      ctx.addIssue({ code: 'custom', path, message: `a concern must start "${CONCERN_TODAY}"` });
    if (!/call 999 (now |straight away )?if /i.test(text))
      ctx.addIssue({ code: 'custom', path, message: 'a concern must say when to call 999 ("Call 999 if ...")' });
    return;
  }
  if (!WORDING[destination](text))
    ctx.addIssue({ code: 'custom', path, message: `wording does not match destination ${destination}` });
  if (!text.includes(DO_NOT_WAIT)) ctx.addIssue({ code: 'custom', path, message: `must say "${DO_NOT_WAIT}"` });
}

/** True when the normaliser leaves this text exactly as it is: a pattern word that is not would never match. */
function isNormalForm(text: string, lexicon: Lexicon): boolean {
  return normalise(text, lexicon).words.join(' ') === text;
}

function checkLexicon(ctx: Ctx, file: RulesFile['lexicon']): void {
  const lexicon: Lexicon = file;
  for (const [table, single] of [
    ['words', true],
    ['phrases', false],
  ] as const) {
    for (const [from, to] of Object.entries(file[table])) {
      if (fold(from).trim() !== from || from.includes(' ') === single) {
        ctx.addIssue({
          code: 'custom',
          path: ['lexicon', table, from],
          message: single ? 'key must be one folded word' : 'key must be several folded words',
        });
      }
      // A phrase key made of words the word table rewrites could never be seen.
      if (!single && from.split(' ').some((w) => Object.hasOwn(file.words, w) && file.words[w] !== w)) {
        ctx.addIssue({
          code: 'custom',
          path: ['lexicon', table, from],
          message: 'key uses a word the word table rewrites',
        });
      }
      // Idempotence: normalising the replacement must change nothing, or rules could never match it.
      if (!isNormalForm(to, lexicon))
        ctx.addIssue({ code: 'custom', path: ['lexicon', table, from], message: `"${to}" is not in normal form` });
    }
  }
}

/**
 * The pattern language reads "risk of|risks of" as risk, (of or risks), of: a two-word alternative
 * inside a `|` group silently becomes a sequence and matches almost nothing. Its sign: the same word
 * in two adjacent required terms ("care home|nursing home", "in|since|back in #1950+").
 */
export function splitPhraseMistake(pattern: Pattern): string | undefined {
  const els = pattern.elements;
  for (let i = 0; i < els.length; i++) {
    const e = els[i]!;
    if (e.kind !== 'term') continue;
    const words = e.alternatives.flatMap((a) => (a.kind === 'word' ? [a.word] : []));
    const next = els[i + 1];
    if (next?.kind === 'term' && (e.alternatives.length > 1 || next.alternatives.length > 1)) {
      const shared = words.find((w) => next.words.has(w));
      if (shared !== undefined) return `"${shared}" is in two adjacent terms: a two-word alternative inside "|"?`;
    }
  }
  return undefined;
}

function checkPatterns(
  ctx: Ctx,
  path: (string | number)[],
  sources: readonly string[],
  lexicon: Lexicon,
  lists: WordLists,
): void {
  sources.forEach((source, i) => {
    let pattern: Pattern;
    try {
      pattern = compilePattern(source, lists);
    } catch (e) {
      ctx.addIssue({ code: 'custom', path: [...path, i], message: e instanceof PatternError ? e.message : String(e) });
      return;
    }
    const mistake = splitPhraseMistake(pattern);
    if (mistake !== undefined) ctx.addIssue({ code: 'custom', path: [...path, i], message: `"${source}": ${mistake}` });
    const unreachable = [...literalWords(pattern), ...literalRuns(pattern).map((r) => r.join(' '))].filter(
      (w) => !isNormalForm(w, lexicon),
    );
    for (const w of unreachable) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, i],
        message: `"${w}" is rewritten by the normaliser, so it can never match`,
      });
    }
  });
}

function conditionIds(c: Condition): string[] {
  return 'anyOf' in c ? c.anyOf : 'allOf' in c ? c.allOf : c.countOf.of;
}

export function checkRulesFile(file: RulesFile, ctx: Ctx): void {
  const lexicon: Lexicon = file.lexicon;
  checkLexicon(ctx, file.lexicon);
  const { cues, fillers, listWords, postCues, voidedBy } = file.context.negation;
  for (const [name, words] of Object.entries({
    cues,
    fillers,
    listWords,
    postCues,
    voidedBy,
    terminators: file.context.terminators,
  })) {
    words
      .filter((w) => !isNormalForm(w, lexicon))
      .forEach((w) =>
        ctx.addIssue({ code: 'custom', path: ['context', name], message: `"${w}" is not in normal form` }),
      );
  }
  file.context.triggers.forEach((t, i) =>
    checkPatterns(ctx, ['context', 'triggers', i, 'patterns'], t.patterns, lexicon, file.wordLists),
  );
  checkPatterns(ctx, ['context', 'pseudoTriggers'], file.context.pseudoTriggers, lexicon, file.wordLists);
  const concepts = new Map<string, Concept>();
  file.concepts.forEach((c, i) => {
    if (concepts.has(c.id))
      ctx.addIssue({ code: 'custom', path: ['concepts', i, 'id'], message: `duplicate concept id ${c.id}` });
    concepts.set(c.id, c);
    checkPatterns(ctx, ['concepts', i, 'patterns'], c.patterns, lexicon, file.wordLists);
    checkPatterns(ctx, ['concepts', i, 'masks'], c.masks, lexicon, file.wordLists);
  });
  checkWording(
    ctx,
    ['structuredFallback', 'reasonText'],
    file.structuredFallback.destination,
    file.structuredFallback.reasonText,
  );
  const ids = new Set<string>([file.structuredFallback.id]);
  const codes = new Map<string, string>();
  const used = new Set<string>();
  file.rules.forEach((rule, i) => {
    if (ids.has(rule.id))
      ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id ${rule.id}` });
    ids.add(rule.id);
    if (rule.code !== undefined) {
      const other = codes.get(rule.code);
      if (other)
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'code'],
          message: `${rule.code} is already answered by ${other}`,
        });
      codes.set(rule.code, rule.id);
    }
    checkWording(ctx, ['rules', i, 'reasonText'], rule.destination, rule.reasonText);
    rule.when.forEach((c, w) => {
      for (const id of conditionIds(c)) {
        used.add(id);
        if (!concepts.has(id))
          ctx.addIssue({ code: 'custom', path: ['rules', i, 'when', w], message: `unknown concept ${id}` });
      }
    });
    for (const id of rule.knownCondition ?? []) {
      used.add(id);
      if (concepts.get(id)?.kind !== 'condition')
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'knownCondition'],
          message: `${id} is not a condition concept`,
        });
    }
  });
  file.concepts.forEach((c, i) => {
    if (!used.has(c.id))
      ctx.addIssue({ code: 'custom', path: ['concepts', i, 'id'], message: `concept ${c.id} is used by no rule` });
  });
  // Every structured answer an online consultation tool can send must lead somewhere.
  for (const code of RED_FLAG_CODES) {
    if (!codes.has(code))
      ctx.addIssue({ code: 'custom', path: ['rules'], message: `no rule answers red-flag code ${code}` });
  }
}
