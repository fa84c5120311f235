/**
 * The red-flag screen: pure, synchronous, no I/O and no clock. Given the same input and rules it
 * always gives the same answer, so any decision can be replayed exactly from the audit trail.
 */
import type { RedFlagCode } from '@sluice/contracts';
import rulesJson from '../rules/red-flag-rules.v1.json';
import { isNegated, type CompiledNegation } from './negation';
import { normalise, type Tokens } from './normalise';
import { findMatches, type Pattern, type Span } from './pattern';
import { livePatterns, loadRules, SCREEN_DESTINATIONS, type CompiledRule, type RuleSet, type ScreenDestination } from './rules';

export interface ScreenInput {
  /** The patient's own words. Read, never stored or echoed by the screen. */
  description: string;
  /** Structured red-flag answers the online consultation tool collected. */
  redFlags?: readonly RedFlagCode[];
  /** Whole years; rules for babies use it. */
  ageYears?: number;
}

export type ScreenResult =
  | { outcome: 'clear'; rulesVersion: string }
  | {
      outcome: 'emergency';
      ruleId: string;
      category: string;
      destination: ScreenDestination;
      /** Fixed text from the rules file, never built from the patient's words. */
      reasonText: string;
      rulesVersion: string;
    }
  | {
      /** Cannot be ruled out: the practice's duty clinician looks at it today, never the routine queue. */
      outcome: 'concern';
      ruleId: string;
      category: string;
      /** Fixed text: a clinician will look at it today, and exactly when to call 999 meanwhile. */
      reasonText: string;
      rulesVersion: string;
    };

/** Loaded once, when the module is first imported: an invalid rules file stops start-up. */
export const DEFAULT_RULES: RuleSet = loadRules(rulesJson);
export const RULES_VERSION = DEFAULT_RULES.version;

/** Lower is more urgent: 999 > A&E > 111 mental health > 111. */
const URGENCY = new Map<ScreenDestination, number>(SCREEN_DESTINATIONS.map((d, i) => [d, i]));

export function urgencyRank(destination: ScreenDestination): number {
  return URGENCY.get(destination) ?? SCREEN_DESTINATIONS.length;
}

/** Masks cover as much as they can, but never beyond a clause: "no thoughts of X but suicidal" stays live. */
const MASK_MATCH = { longest: true, sameClause: true } as const;

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Does this rule fire on the text? Masks and (where allowed) negation are applied per match. `live`
 * holds the patterns that could match at all (rules.ts, livePatterns): the others are skipped unread.
 */
function fires(rule: CompiledRule, t: Tokens, negation: CompiledNegation, live: ReadonlySet<Pattern>): boolean {
  // Most rules have no live pattern for a given text: leave before building anything for them.
  if (!anyLive(rule.patterns, live) && (rule.requiresAll === undefined || !rule.requiresAll.every((group) => anyLive(group, live)))) return false;
  let masks: Span[] | undefined;
  const counts = (pattern: Pattern): boolean =>
    live.has(pattern) &&
    findMatches(pattern, t).some((span) => {
      masks ??= rule.masks.flatMap((m) => (live.has(m) ? findMatches(m, t, MASK_MATCH) : []));
      if (masks.some((m) => overlaps(span, m))) return false;
      return !rule.negatable || !isNegated(t, span, negation);
    });
  if (rule.patterns.some(counts)) return true;
  return rule.requiresAll !== undefined && rule.requiresAll.every((group) => group.some(counts));
}

function anyLive(patterns: readonly Pattern[], live: ReadonlySet<Pattern>): boolean {
  for (const p of patterns) if (live.has(p)) return true;
  return false;
}

/** Age rules apply only when an age is given; without one, the text-based baby rules still run. */
function appliesToAge(rule: CompiledRule, ageYears: number | undefined): boolean {
  if (rule.age === undefined) return true;
  if (ageYears === undefined) return false;
  return ageYears >= (rule.age.minYears ?? 0) && ageYears <= (rule.age.maxYears ?? Infinity);
}

function validAge(age: unknown): number | undefined {
  return typeof age === 'number' && Number.isFinite(age) && age >= 0 ? Math.floor(age) : undefined;
}

export interface Candidate {
  rule: CompiledRule;
  structured: boolean;
}

/** Most urgent first; at equal urgency a structured answer beats free text, then file order. */
function better(a: Candidate, b: Candidate): boolean {
  const byUrgency = urgencyRank(a.rule.destination) - urgencyRank(b.rule.destination);
  if (byUrgency !== 0) return byUrgency < 0;
  if (a.structured !== b.structured) return a.structured;
  return a.rule.order < b.rule.order;
}

/**
 * Every rule that fires for a request, structured codes first. Structured codes always fire (they
 * are the tool's own red-flag answers: no negation, masks or age apply); the free text is a net on
 * top. For tests and audit tooling; patients only ever see the winner.
 */
export function firedRules(rules: RuleSet, input: ScreenInput): Candidate[] {
  // Defensive reads: callers in plain JavaScript may pass anything, and the screen must not throw.
  const description = typeof input?.description === 'string' ? input.description : '';
  const codes: unknown[] = Array.isArray(input?.redFlags) ? input.redFlags : [];
  const candidates: Candidate[] = codes.map((code) => ({
    // An unknown code still means the tool saw a red flag: fail towards help, not silence.
    rule: rules.byCode.get(code as RedFlagCode) ?? rules.fallback,
    structured: true,
  }));
  const tokens = normalise(description, rules.lexicon);
  const age = validAge(input?.ageYears);
  const live = livePatterns(rules.starts, tokens.positions.keys());
  for (const rule of rules.rules) {
    if (appliesToAge(rule, age) && fires(rule, tokens, rules.negation, live)) candidates.push({ rule, structured: false });
  }
  return candidates;
}

/**
 * Screens one request against a given rule set. The most urgent rule wins, so free text can raise
 * a structured answer's urgency but never clear or lower it.
 */
export function screenWith(rules: RuleSet, input: ScreenInput): ScreenResult {
  const best = firedRules(rules, input).reduce<Candidate | undefined>((acc, c) => (acc === undefined || better(c, acc) ? c : acc), undefined);
  if (best === undefined) return { outcome: 'clear', rulesVersion: rules.version };
  const { id, category, destination, reasonText } = best.rule;
  return { outcome: 'emergency', ruleId: id, category, destination, reasonText, rulesVersion: rules.version };
}

/** Screens one request with the packaged rules (rules/red-flag-rules.v1.json). */
export function screen(input: ScreenInput): ScreenResult {
  return screenWith(DEFAULT_RULES, input);
}
