/**
 * Pharmacy First (NHS England, since January 2024): community pharmacists can assess and treat
 * seven conditions within set age bands, without a GP appointment.
 *
 * This is a keyword matcher over the patient's own words, used only to decide whether Pharmacy First
 * is worth signposting when a `bma-safe-working` practice has no routine capacity left. It never
 * diagnoses: the pharmacist assesses the patient and decides whether the pathway applies, and
 * sends them back to the practice when it does not. When in doubt it answers "no match", so the
 * request falls through to the practice's next signpost target instead.
 */

export type PharmacyFirstConditionId =
  | 'uncomplicated-uti'
  | 'shingles'
  | 'impetigo'
  | 'infected-insect-bite'
  | 'acute-otitis-media'
  | 'acute-sinusitis'
  | 'acute-sore-throat';

export interface PharmacyFirstPathway {
  id: PharmacyFirstConditionId;
  name: string;
  /** Age band in whole years, inclusive. */
  minAge: number;
  maxAge?: number;
  /** The UTI pathway is for women only. */
  womenOnly?: boolean;
  /** Every pattern must match somewhere in the description. */
  patterns: RegExp[];
}

const INSECT = /\b(insect|bug|mosquito|midge|gnat|flea|bed ?bug|wasp|bee|hornet|horse ?fly|ant)s?\b/;

/** Most specific first: the first pathway that matches and fits the age band is the answer. */
export const PHARMACY_FIRST_PATHWAYS: readonly PharmacyFirstPathway[] = [
  {
    id: 'uncomplicated-uti',
    name: 'Uncomplicated urinary tract infection',
    minAge: 16,
    maxAge: 64,
    womenOnly: true,
    patterns: [
      /\b(uti|urine infection|urinary (tract )?infection|water infection|bladder infection|cystitis)\b|\bburn(s|ing)? when (i )?(pee|wee|urinate)/,
    ],
  },
  { id: 'shingles', name: 'Shingles', minAge: 18, patterns: [/\bshingles\b/] },
  { id: 'impetigo', name: 'Impetigo', minAge: 1, patterns: [/\bimpetigo\b/] },
  {
    id: 'infected-insect-bite',
    name: 'Infected insect bite',
    minAge: 1,
    patterns: [
      INSECT,
      /\b(bite|bites|bitten|sting|stings|stung)\b/,
      /\b(infect\w*|pus|oozing|spreading|swollen|swelling|red|redness|hot)\b/,
    ],
  },
  {
    id: 'acute-otitis-media',
    name: 'Acute otitis media (ear infection)',
    minAge: 1,
    maxAge: 17,
    patterns: [
      /\b(ear ?ache|ear-ache|ear (pain|infection)|otitis media|(sore|painful) ears?|pain in (my|his|her|their|the) ears?)\b/,
    ],
  },
  {
    id: 'acute-sinusitis',
    name: 'Sinusitis',
    minAge: 12,
    patterns: [/\b(sinusitis|sinus (infection|pain|pressure)|sinuses|blocked sinus)\b/],
  },
  {
    id: 'acute-sore-throat',
    name: 'Sore throat',
    minAge: 5,
    patterns: [/\b(sore throat|throat (pain|infection)|tonsillitis|pharyngitis|strep throat)\b/],
  },
];

/** "no sore throat", "not a UTI", "without a rash": a negation just before the words. */
const NEGATED_BEFORE = /\b(no|not|never|without|isn't|isnt|wasn't|don't|dont|denies)\b[^.,;!?]{0,12}$/;

function matches(text: string, pattern: RegExp): boolean {
  const global = new RegExp(pattern.source, 'g');
  for (const m of text.matchAll(global)) {
    if (!NEGATED_BEFORE.test(text.slice(0, m.index))) return true;
  }
  return false;
}

/**
 * The Pharmacy First pathway a request's description points to, if the patient's age fits its band;
 * null when nothing matches, the age is unknown, or (for UTI) the patient is not known to be a woman.
 */
export function pharmacyFirstCondition(
  description: string,
  ageYears: number | undefined,
  sex?: 'female' | 'male',
): PharmacyFirstConditionId | null {
  if (ageYears === undefined || !Number.isFinite(ageYears)) return null;
  const text = description.toLowerCase().replace(/\s+/g, ' ');
  for (const p of PHARMACY_FIRST_PATHWAYS) {
    if (ageYears < p.minAge || (p.maxAge !== undefined && ageYears > p.maxAge)) continue;
    if (p.womenOnly && sex !== 'female') continue;
    if (p.patterns.every((re) => matches(text, re))) return p.id;
  }
  return null;
}
