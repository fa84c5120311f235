/**
 * The red-flag screen: pure, synchronous, no I/O and no clock. Given the same input and rules it
 * always gives the same answer, so any decision can be replayed exactly from the audit trail.
 *
 * Findings first (findings.ts: concepts with their ConText properties, values, age, pregnancy,
 * known conditions), then rules over the findings (rules file: any-of, all-of, count-of, with age,
 * pregnancy, temperature, tablet and known-condition conditions). The most urgent rule wins.
 */
import type { RedFlagCode } from '@sluice/contracts';
import type { Span } from './pattern';
import rulesJson from '../rules/red-flag-rules.v2.json';
import { extractFindings, overlaps, type Findings, type Status } from './findings';
import {
  loadRules,
  SCREEN_DESTINATIONS,
  type CompiledCondition,
  type CompiledRule,
  type RuleSet,
  type ScreenDestination,
} from './rules';

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

function validAge(age: unknown): number | undefined {
  return typeof age === 'number' && Number.isFinite(age) && age >= 0 ? Math.floor(age) : undefined;
}

export interface Candidate {
  rule: CompiledRule;
  structured: boolean;
}

/** Emergencies before concerns; then most urgent; at equal urgency a structured answer, then file order. */
function better(a: Candidate, b: Candidate): boolean {
  if (a.rule.outcome !== b.rule.outcome) return a.rule.outcome === 'emergency';
  if (a.rule.destination !== undefined && b.rule.destination !== undefined) {
    const byUrgency = urgencyRank(a.rule.destination) - urgencyRank(b.rule.destination);
    if (byUrgency !== 0) return byUrgency < 0;
  }
  if (a.structured !== b.structured) return a.structured;
  return a.rule.order < b.rule.order;
}

function holds(c: CompiledCondition, f: Findings, want: Status): boolean {
  const { status } = f;
  switch (c.kind) {
    case 'any':
      return c.of.some((i) => status[i] === want);
    case 'all':
      return c.of.every((i) => status[i] === want);
    case 'count': {
      // One phrase is one finding: "isn't feeding" read as two concepts still counts once.
      const counted: Span[] = [];
      for (const i of c.of) {
        if (status[i] !== want) continue;
        // A concept has a span whenever its status is not absent.
        const span = f.spanOf[i]!;
        if (counted.some((s) => overlaps(s, span))) continue;
        counted.push(span);
        if (counted.length >= c.atLeast) return true;
      }
      return false;
    }
  }
}

/** An age condition holds only when the known age band lies wholly inside the rule's. */
function ageFits(rule: CompiledRule, months: { min: number; max: number } | undefined): boolean {
  if (rule.age === undefined) return true;
  return months !== undefined && months.min >= rule.age.minMonths && months.max <= rule.age.maxMonths;
}

function applies(rule: CompiledRule, f: Findings, ageMonths: { min: number; max: number } | undefined): boolean {
  const want: Status = rule.timing === 'past' ? 'past' : 'present';
  if (!rule.when.some((c) => holds(c, f, want))) return false;
  if (!ageFits(rule, ageMonths)) return false;
  const { pregnancyWeeks, temperaturesC, tablets, glucoseMmol } = f.values;
  if (rule.glucoseAtMost !== undefined && !glucoseMmol.some((g) => g <= rule.glucoseAtMost!)) return false;
  if (
    rule.pregnancy &&
    (pregnancyWeeks === undefined ||
      pregnancyWeeks < rule.pregnancy.minWeeks ||
      pregnancyWeeks > rule.pregnancy.maxWeeks)
  )
    return false;
  if (rule.temperatureC && !temperaturesC.some((t) => t >= rule.temperatureC!.min && t <= rule.temperatureC!.max))
    return false;
  if (rule.tabletsAtLeast !== undefined && (tablets === undefined || tablets < rule.tabletsAtLeast)) return false;
  if (rule.knownCondition && !rule.knownCondition.some((i) => f.status[i] === 'present')) return false;
  return true;
}

const pillWordsOf = new WeakMap<RuleSet, Set<string>>();

/** What the screen found in a description: for tests and audit tooling, never for patients. */
export function findingsOf(rules: RuleSet, description: string): Findings {
  let pills = pillWordsOf.get(rules);
  if (pills === undefined) {
    pills = new Set(['pills', ...(rules.wordLists['drugs'] ?? [])]);
    pillWordsOf.set(rules, pills);
  }
  return extractFindings(rules, description, pills);
}

/**
 * Every rule that fires for a request, structured codes first. Structured codes always fire (they
 * are the tool's own red-flag answers: no context, masks or age apply); the free text is a net on
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
  const f = findingsOf(rules, description);
  const given = validAge(input?.ageYears);
  // A structured age is the tool's own answer; failing that, what the text says ("my 3 week old").
  const ageMonths = given !== undefined ? { min: given * 12, max: given * 12 + 11 } : f.values.ageMonths;
  for (const rule of rules.rules) if (applies(rule, f, ageMonths)) candidates.push({ rule, structured: false });
  return candidates;
}

/**
 * Screens one request against a given rule set. The most urgent rule wins, so free text can raise
 * a structured answer's urgency but never clear or lower it.
 */
export function screenWith(rules: RuleSet, input: ScreenInput): ScreenResult {
  const best = firedRules(rules, input).reduce<Candidate | undefined>(
    (acc, c) => (acc === undefined || better(c, acc) ? c : acc),
    undefined,
  );
  if (best === undefined) return { outcome: 'clear', rulesVersion: rules.version };
  const { id, category, destination, reasonText } = best.rule;
  if (best.rule.outcome === 'concern' || destination === undefined)
    return { outcome: 'concern', ruleId: id, category, reasonText, rulesVersion: rules.version };
  return { outcome: 'emergency', ruleId: id, category, destination, reasonText, rulesVersion: rules.version };
}

/** Screens one request with the packaged rules (rules/red-flag-rules.v2.json). */
export function screen(input: ScreenInput): ScreenResult {
  return screenWith(DEFAULT_RULES, input);
}
