/**
 * The rules file's zod schema: its shape, field by field. The checks that need the whole file
 * (rules-checks.ts) refine it in rules.ts.
 */
import { z } from 'zod';
import { Destination, RedFlagCode } from '@sluice/contracts';
import { CONTEXT_PROPERTIES, type ContextProperty } from './context';

/** The destinations a red flag can send a patient to, most urgent first. */
export const SCREEN_DESTINATIONS = ['999', 'a-and-e', 'nhs-111-mental-health', 'nhs-111'] as const;
export const ScreenDestination = Destination.extract(SCREEN_DESTINATIONS);
export type ScreenDestination = z.output<typeof ScreenDestination>;

const Slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by hyphens');
const PatternSource = z.string().min(1).max(400);
const Patterns = z.array(PatternSource);

/** Patient-facing text. Checked against its destination below so a rule cannot say "call 111" and send to 999. */
const ReasonText = z
  .string()
  .min(40)
  .max(600)
  .refine((s) => !/[{}<>]/.test(s), 'no placeholders or markup');

/** A concept the screen looks for in the text: a symptom, an event, or a known condition. */
export const Concept = z
  .object({
    id: Slug,
    /** Any one of these matching (and not masked) is a finding of this concept. */
    patterns: Patterns.min(1),
    /** Spans where these words mean something routine: "meningitis vaccine", "food poisoning". Never stemmed. */
    masks: Patterns.default([]),
    /**
     * `full`: every ConText property applies. `affirm-only`: a denial or a hypothetical never
     * silences it (suicide, self-harm, overdose: explicit denials are masks, listed one by one);
     * history and another person still apply.
     */
    context: z.enum(['full', 'affirm-only']).default('full'),
    /** A known condition (cancer, diabetes, anticoagulants): history counts, it is still the patient's. */
    kind: z.enum(['symptom', 'condition']).default('symptom'),
  })
  .strict();
export type Concept = z.output<typeof Concept>;

const ConceptIds = z.array(Slug).min(1);
/** One way for a rule to hold. A rule holds when any of its `when` entries does. */
const Condition = z.union([
  z.object({ anyOf: ConceptIds }).strict(),
  z.object({ allOf: ConceptIds.min(2) }).strict(),
  z.object({ countOf: z.object({ atLeast: z.number().int().min(2), of: ConceptIds }).strict() }).strict(),
]);
export type Condition = z.output<typeof Condition>;

const Range = (unit: string) =>
  z
    .object({ min: z.number().min(0).optional(), max: z.number().min(0).optional() })
    .strict()
    .refine((r) => r.min !== undefined || r.max !== undefined, `give min or max (${unit})`)
    .refine((r) => (r.min ?? 0) <= (r.max ?? Infinity), 'min must not exceed max');

export const Rule = z
  .object({
    id: Slug,
    category: Slug,
    /** `emergency`: redirect now. `concern`: cannot be ruled out, the duty clinician looks today. */
    outcome: z.enum(['emergency', 'concern']),
    destination: ScreenDestination.optional(),
    /** The structured red-flag code this rule answers, if any. Each code belongs to exactly one rule. */
    code: RedFlagCode.optional(),
    when: z.array(Condition).min(1),
    /** `past`: the rule reads only historical mentions ("tried to end my life 10 years ago") -> a concern. */
    timing: z.enum(['current', 'past']).default('current'),
    /** The rule applies only when an age (given or written: "3 week old", "toddler") is in this range. */
    age: z
      .object({
        minYears: z.number().int().min(0).optional(),
        maxYears: z.number().int().min(0).optional(),
        maxMonths: z.number().int().min(0).optional(),
        minMonths: z.number().int().min(0).optional(),
      })
      .strict()
      .refine((a) => Object.keys(a).length > 0, 'give an age bound')
      .refine((a) => (a.minYears ?? 0) <= (a.maxYears ?? Infinity), 'minYears must not exceed maxYears')
      .optional(),
    /** The rule applies only to a pregnancy (said or implied), in this range of weeks if given. */
    pregnancy: z
      .object({ minWeeks: z.number().int().min(0).optional(), maxWeeks: z.number().int().min(0).optional() })
      .strict()
      .optional(),
    /** The rule applies only with a temperature written in the text in this range (degrees C). */
    temperatureC: Range('°C').optional(),
    /** The rule applies only with a blood glucose written in the text at or below this (mmol/L). */
    glucoseAtMost: z.number().min(0).max(30).optional(),
    /** The rule applies only when this many tablets or more are said to have been taken. */
    tabletsAtLeast: z.number().int().min(1).optional(),
    /** The rule applies only with one of these known conditions (condition concepts). */
    knownCondition: ConceptIds.optional(),
    reasonText: ReasonText,
    /** Clinical rationale, for the reviewer. Never shown to patients. */
    why: z.string().min(10),
    /** The guidance the rule comes from, for the clinical safety officer. */
    source: z.string().min(5),
  })
  .strict()
  .refine(
    (r) => (r.outcome === 'emergency') === (r.destination !== undefined),
    'an emergency needs a destination; a concern has none',
  )
  .refine(
    (r) => r.outcome === 'emergency' || r.code === undefined,
    'a structured red-flag code always redirects: it cannot be a concern',
  );
export type Rule = z.output<typeof Rule>;

const Fallback = z
  .object({
    id: Slug,
    category: Slug,
    destination: ScreenDestination,
    reasonText: ReasonText,
    why: z.string().min(10),
    source: z.string().min(5),
  })
  .strict();

const Vocabulary = z.record(z.string().min(1), z.string().min(1));

const Negation = z
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
  .strict();

/** A ConText trigger: words (a pattern) that give findings in its scope a property. */
const Trigger = z
  .object({
    property: z.enum(CONTEXT_PROPERTIES.filter((p) => p !== 'negated') as [ContextProperty, ...ContextProperty[]]),
    direction: z.enum(['forward', 'backward', 'both']),
    /** `clause` ends at punctuation and clause words ("but", "and"); `segment` only at punctuation. */
    scope: z.enum(['clause', 'segment']).default('clause'),
    patterns: Patterns.min(1),
    /** Words that, up to three words before the trigger, void it: "doesn't fade" reassures nobody. */
    deniedBy: z.array(z.string().min(1)).default([]),
  })
  .strict();

/** The whole file's shape. Checks beyond it (wording, vocabulary, references) are in rules-checks.ts. */
export const RulesFileShape = z
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
    context: z
      .object({
        /** Negation: a ConText trigger with a deliberately narrow scope (negation.ts). */
        negation: Negation,
        triggers: z.array(Trigger).min(1),
        /** Look like triggers but are not ("no change", "not only"): a trigger inside one is ignored. */
        pseudoTriggers: Patterns.default([]),
        /** End a trigger's scope early ("now", "again", "since"): "stroke in 2019 and now his face has dropped". */
        terminators: z.array(z.string().min(1)).default([]),
        /** Most words a trigger reaches, so a long sentence is never wholly qualified by one word. */
        maxScope: z.number().int().min(1).max(15),
        /** "temp normal 36.8": a finding that is only a fever word is reassured when every temperature written is below this. */
        measuredFever: z
          .object({ words: z.array(z.string().min(1)).min(1), normalBelowC: z.number().min(36).max(39) })
          .strict(),
      })
      .strict(),
    /** Named word lists patterns refer to as @name ("@drugs"). */
    wordLists: z.record(z.string().regex(/^[a-z]+$/), z.array(z.string().min(1)).min(1)).default({}),
    concepts: z.array(Concept).min(1),
    /** Used for a structured code this version does not know. Fail towards help, not silence. */
    structuredFallback: Fallback,
    rules: z.array(Rule).min(1),
  })
  .strict();
export type RulesFileShape = z.output<typeof RulesFileShape>;
