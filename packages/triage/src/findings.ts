/**
 * Findings: what the text says, before any rule is applied. Each concept the rules file defines is
 * looked for; each match (not masked) is one finding with its ConText properties (context.ts). The
 * values (temperature, age, pregnancy weeks, tablets) are read alongside (values.ts).
 */
import { contextOf, findTriggers, type ContextProperty } from './context';
import { fold, normaliseFolded, type Tokens } from './normalise';
import { findMatches, type Pattern, type Span } from './pattern';
import { livePatterns, type CompiledConcept, type RuleSet } from './rules';
import { readValues, type Values } from './values';

export interface Finding {
  concept: string;
  span: Span;
  context: ReadonlySet<ContextProperty>;
}

/** How a concept stands in this text once context is applied. */
export type Status = 'present' | 'past' | 'absent';

export interface Findings {
  tokens: Tokens;
  /** The findings read, up to the first present one of each concept (more would change no rule). */
  findings: Finding[];
  /** Per concept index: present (now, the patient's), past (only historical mentions) or absent. */
  status: Status[];
  /** Per concept index: the span that gave it its status, so one phrase counts as one finding. */
  spanOf: (Span | undefined)[];
  values: Values;
}

/** Masks cover as much as they can, but never beyond a clause: "no thoughts of X but suicidal" stays live. */
const MASK_MATCH = { longest: true, sameClause: true } as const;

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * The status one finding gives its concept. A symptom counts when affirmed, current, the
 * patient's and not hypothetical; a known condition counts in the past too ("had cancer in 2019").
 * `affirm-only` concepts (suicide, self-harm, overdose) ignore denials and hypotheticals.
 */
function statusOf(concept: CompiledConcept, ctx: ReadonlySet<ContextProperty>): Status {
  if (ctx.has('other')) return 'absent';
  if (!concept.affirmOnly && (ctx.has('negated') || ctx.has('hypothetical') || ctx.has('reassured'))) return 'absent';
  if (ctx.has('historical') && !concept.condition) return 'past';
  return 'present';
}

const RANK: Record<Status, number> = { absent: 0, past: 1, present: 2 };

export function extractFindings(rules: RuleSet, description: string, pillWords: ReadonlySet<string>): Findings {
  const folded = fold(description);
  const tokens = normaliseFolded(folded, rules.lexicon);
  const live = livePatterns(rules.starts, [...tokens.positions.keys(), ...tokens.stemPositions.keys()]);
  const hits = findTriggers(tokens, rules.context, live);
  const foldedWords = folded.split(/[\s\uE000\uE001]+/).filter((w) => w !== '');
  const values = readValues(foldedWords, tokens.words, pillWords);
  // "temp normal 36.8": a bare fever word is reassured when every temperature written is normal.
  const feverMeasuredNormal =
    values.temperaturesC.length > 0 && values.temperaturesC.every((c) => c < rules.context.normalBelowC);
  const findings: Finding[] = [];
  const status: Status[] = rules.concepts.map(() => 'absent');
  const spanOf: (Span | undefined)[] = rules.concepts.map(() => undefined);
  for (const concept of rules.concepts) {
    if (!anyLive(concept.patterns, live)) continue;
    let masks: Span[] | undefined;
    for (const pattern of concept.patterns) {
      // Once a concept is present, more findings of it change no rule: stop (keeps the screen linear).
      if (status[concept.index] === 'present') break;
      if (!live.has(pattern)) continue;
      for (const span of findMatches(pattern, tokens)) {
        if (status[concept.index] === 'present') break;
        masks ??= concept.masks.flatMap((m) => (live.has(m) ? findMatches(m, tokens, MASK_MATCH) : []));
        if (masks.some((m) => overlaps(span, m))) continue;
        const context = contextOf(tokens, span, rules.context, hits);
        if (
          feverMeasuredNormal &&
          span.end - span.start === 1 &&
          rules.context.feverWords.has(tokens.words[span.start]!)
        )
          context.add('reassured');
        findings.push({ concept: concept.id, span, context });
        const s = statusOf(concept, context);
        if (RANK[s] > RANK[status[concept.index]!]) {
          status[concept.index] = s;
          spanOf[concept.index] = span;
        }
      }
    }
  }
  return { tokens, findings, status, spanOf, values };
}

function anyLive(patterns: readonly Pattern[], live: ReadonlySet<Pattern>): boolean {
  for (const p of patterns) if (live.has(p)) return true;
  return false;
}
