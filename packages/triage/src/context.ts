/**
 * ConText (Harkema, Chapman et al., J Biomed Inform 2009) over the screen's findings: whether a
 * finding is denied, in the past, someone else's, hypothetical, or reassured by a test the patient
 * did. Trigger terms carry a property and a direction; a trigger's scope runs from it towards the
 * finding, up to `maxScope` words, and ends at a clause or segment boundary or a termination term.
 * A trigger inside a pseudo-trigger ("no change", "not only") is no trigger at all.
 *
 * Two departures from the paper, both towards safety:
 * - negation keeps the narrow, NegEx-style scope of negation.ts (only filler words and short "or"
 *   lists may stand between the cue and the finding), because a missed denial costs a false alarm
 *   but a wrongly read one can leave an emergency as routine;
 * - `reassured` (the glass test: "it fades") is a property ConText does not have.
 */
import { compileNegation, isNegated, type CompiledNegation, type NegationConfig } from './negation';
import type { Tokens } from './normalise';
import { findMatches, type Pattern, type Span } from './pattern';

export const CONTEXT_PROPERTIES = ['negated', 'historical', 'other', 'hypothetical', 'reassured'] as const;
export type ContextProperty = (typeof CONTEXT_PROPERTIES)[number];

export interface ContextConfig {
  negation: NegationConfig;
  triggers: readonly {
    property: ContextProperty;
    direction: 'forward' | 'backward' | 'both';
    scope: 'clause' | 'segment';
    patterns: readonly string[];
    deniedBy: readonly string[];
  }[];
  pseudoTriggers: readonly string[];
  terminators: readonly string[];
  maxScope: number;
  measuredFever: { words: readonly string[]; normalBelowC: number };
}

export interface CompiledTrigger {
  property: ContextProperty;
  direction: 'forward' | 'backward' | 'both';
  scope: 'clause' | 'segment';
  patterns: Pattern[];
  deniedBy: ReadonlySet<string>;
}

export interface CompiledContext {
  negation: CompiledNegation;
  triggers: CompiledTrigger[];
  pseudo: Pattern[];
  terminators: ReadonlySet<string>;
  maxScope: number;
  feverWords: ReadonlySet<string>;
  normalBelowC: number;
}

export function compileContext(config: ContextConfig, compile: (source: string) => Pattern): CompiledContext {
  return {
    negation: compileNegation(config.negation),
    triggers: config.triggers.map((t) => ({
      property: t.property,
      direction: t.direction,
      scope: t.scope,
      patterns: t.patterns.map(compile),
      deniedBy: new Set(t.deniedBy),
    })),
    pseudo: config.pseudoTriggers.map(compile),
    terminators: new Set(config.terminators),
    maxScope: config.maxScope,
    feverWords: new Set(config.measuredFever.words),
    normalBelowC: config.measuredFever.normalBelowC,
  };
}

/** One trigger found in the text. */
export interface TriggerHit extends Span {
  trigger: CompiledTrigger;
}

/** Every trigger in the text, once per request, leaving out those inside a pseudo-trigger. */
export function findTriggers(t: Tokens, ctx: CompiledContext, live: ReadonlySet<Pattern>): TriggerHit[] {
  const pseudo = ctx.pseudo.flatMap((p) => (live.has(p) ? findMatches(p, t) : []));
  const hits: TriggerHit[] = [];
  for (const trigger of ctx.triggers) {
    for (const p of trigger.patterns) {
      if (!live.has(p)) continue;
      for (const span of findMatches(p, t)) {
        if (pseudo.some((q) => q.start <= span.start && span.end <= q.end)) continue;
        // A denied trigger is none: "the rash doesn't fade" is no reassurance.
        if (isNegated(t, span, ctx.negation) || denied(t, span, trigger.deniedBy)) continue;
        hits.push({ ...span, trigger });
      }
    }
  }
  return hits;
}

/** A denial word just before the trigger or inside it: "doesn't fade", "glass test and it doesn't fade". */
function denied(t: Tokens, span: Span, by: ReadonlySet<string>): boolean {
  for (let i = span.start + 1; i < span.end; i++) if (by.has(t.words[i]!)) return true;
  for (let i = span.start - 1; i >= 0 && i >= span.start - 3 && t.clause[i] === t.clause[span.start]; i--)
    if (by.has(t.words[i]!)) return true;
  return false;
}

function sameScope(t: Tokens, a: number, b: number, scope: 'clause' | 'segment'): boolean {
  return scope === 'clause' ? t.clause[a] === t.clause[b] : t.segment[a] === t.segment[b];
}

/** No termination term strictly between `from` and `to` (exclusive). */
function unterminated(t: Tokens, from: number, to: number, terminators: ReadonlySet<string>): boolean {
  for (let i = from; i < to; i++) if (terminators.has(t.words[i]!)) return false;
  return true;
}

function inScope(t: Tokens, hit: TriggerHit, span: Span, ctx: CompiledContext): boolean {
  // A trigger overlapping the finding qualifies it: "history of seizures" written as one phrase.
  if (hit.start < span.end && span.start < hit.end) return true;
  const { direction, scope } = hit.trigger;
  if (direction !== 'backward' && hit.end <= span.start) {
    if (
      span.start - hit.end <= ctx.maxScope &&
      sameScope(t, hit.end - 1, span.start, scope) &&
      unterminated(t, hit.end, span.start, ctx.terminators)
    )
      return true;
  }
  if (direction !== 'forward' && span.end <= hit.start) {
    if (
      hit.start - span.end <= ctx.maxScope &&
      sameScope(t, span.end - 1, hit.start, scope) &&
      unterminated(t, span.end, hit.start, ctx.terminators)
    )
      return true;
  }
  return false;
}

/** The ConText properties of one finding. */
export function contextOf(
  t: Tokens,
  span: Span,
  ctx: CompiledContext,
  hits: readonly TriggerHit[],
): Set<ContextProperty> {
  const props = new Set<ContextProperty>();
  if (isNegated(t, span, ctx.negation)) props.add('negated');
  for (const hit of hits)
    if (!props.has(hit.trigger.property) && inScope(t, hit, span, ctx)) props.add(hit.trigger.property);
  return props;
}
