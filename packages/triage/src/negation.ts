/**
 * Narrow negation: decides whether one match ("chest pain") is denied by the patient's own words
 * ("no chest pain", "I have not had any chest pain", "chest pain: no").
 *
 * Safety comes first. Missing a real emergency is far worse than a false alarm, so negation is
 * deliberately hard to trigger:
 * - it never reaches past punctuation or a clause-break word ("no chest pain but I can't breathe",
 *   "no chest pain and can't breathe": breathing still fires);
 * - between the negating word and the finding only small filler words may stand ("no chest pain"
 *   and "not had any chest pain" are denials; "not well, chest hurts" and "not sure if it's chest
 *   pain" are not), or a short "or" list ("no fever or stiff neck");
 * - "cant", "dont want", "dont feel" and the like are not negations: "I can't breathe" and
 *   "I don't feel safe" are findings, and rules may contain them;
 * - a denial followed closely by "before", "until", "like this" and similar is not a denial at all:
 *   "I haven't had chest pain like this before" means there is chest pain now;
 * - some rules (suicide, self-harm, overdose) are never negated at all; see `negatable` in the
 *   rules file. Their explicit denials ("not suicidal") are listed as masks instead, one by one.
 */
import type { Span } from './pattern';
import type { Tokens } from './normalise';

/** The `negation` section of the rules file. Every word is in normalised form. */
export interface NegationConfig {
  /** Negating words or phrases: "no", "not", "denies", "dont have". */
  cues: readonly string[];
  /** Words that may stand between a cue and the finding: "have", "had", "any". */
  fillers: readonly string[];
  /** List joiners that carry a negation on to the next item: "or", "nor". */
  listWords: readonly string[];
  /** Answers that deny a finding written just before them, after punctuation: "chest pain: no". */
  postCues: readonly string[];
  /** How many words back from the finding we look for a cue. */
  maxLookback: number;
  /** Longest earlier list item a negation may carry across ("no [sore throat] or stiff neck"). */
  maxListItemWords: number;
  /** Words that, soon after the finding, cancel a negation before it: "not had chest pain like this before". */
  voidedBy: readonly string[];
  /** How many words after the finding we look for them (same clause only). */
  voidWindow: number;
}

export interface CompiledNegation {
  config: NegationConfig;
  /** Cues split into words, longest first, so "dont have" is tried before "have" is seen as filler. */
  cues: string[][];
  fillers: Set<string>;
  listWords: Set<string>;
  postCues: Set<string>;
  voidedBy: Set<string>;
}

export function compileNegation(config: NegationConfig): CompiledNegation {
  return {
    config,
    cues: config.cues.map((c) => c.split(' ')).sort((a, b) => b.length - a.length),
    fillers: new Set(config.fillers),
    listWords: new Set(config.listWords),
    postCues: new Set(config.postCues),
    voidedBy: new Set(config.voidedBy),
  };
}

/** Does a cue end exactly at word i, wholly inside the clause? */
function cueEndsAt(t: Tokens, i: number, clause: number, cues: readonly string[][]): boolean {
  return cues.some((cue) => {
    const from = i - cue.length + 1;
    if (from < 0) return false;
    return cue.every((word, k) => t.words[from + k] === word && t.clause[from + k] === clause);
  });
}

/** "no chest pain", "not had any chest pain", "no sore throat or stiff neck". */
function negatedBefore(t: Tokens, span: Span, n: CompiledNegation): boolean {
  const clause = t.clause[span.start] ?? -1;
  let listOpen = false;
  let itemWords = 0;
  for (let i = span.start - 1, steps = 0; i >= 0 && steps < n.config.maxLookback; i--, steps++) {
    if (t.clause[i] !== clause) return false;
    if (cueEndsAt(t, i, clause, n.cues)) return true;
    const word = t.words[i]!;
    if (n.listWords.has(word)) {
      listOpen = true;
      itemWords = 0;
    } else if (!n.fillers.has(word)) {
      // A content word: allowed only as part of an earlier item of an "or" list.
      if (!listOpen) return false;
      itemWords++;
      if (itemWords > n.config.maxListItemWords) return false;
    }
  }
  return false;
}

/** "chest pain: no" / "Chest pain - none". The answer must stand alone between punctuation. */
function negatedAfter(t: Tokens, span: Span, n: CompiledNegation): boolean {
  const at = span.end;
  if (at >= t.words.length || !n.postCues.has(t.words[at]!)) return false;
  const separated = t.segment[at] !== t.segment[at - 1];
  const alone = at + 1 === t.words.length || t.segment[at + 1] !== t.segment[at];
  return separated && alone;
}

/** "haven't had chest pain like this before", "no chest pain until this morning": the denial is void. */
function voided(t: Tokens, span: Span, n: CompiledNegation): boolean {
  const clause = t.clause[span.end - 1];
  for (let i = span.end; i < t.words.length && i < span.end + n.config.voidWindow && t.clause[i] === clause; i++) {
    if (n.voidedBy.has(t.words[i]!)) return true;
  }
  return false;
}

export function isNegated(t: Tokens, span: Span, n: CompiledNegation): boolean {
  return (negatedBefore(t, span, n) && !voided(t, span, n)) || negatedAfter(t, span, n);
}
