/**
 * The small pattern language rules are written in, and the matcher.
 *
 * A pattern is words separated by single spaces, matched against normalised tokens:
 *   chest pain|hurts|tight     alternatives for one word
 *   breath*                    any word starting with "breath" (at least 3 letters before the *)
 *   #8+                        a whole number of at least 8 ("took 16 paracetamol")
 *   [my|his|her]               an optional word
 *   ..   ..5                   a gap of up to 3 (or up to 5) other words
 *   @drugs                     any word of the named list in the rules file's `wordLists`
 *   =fitting                   this word only as written, never by its stem ("fitting" a seizure
 *                              must not match "fit", "fitted": a fit note, a coil fitted)
 *
 * A match never spans punctuation (a "segment"): "back pain, chest infection" must not read as
 * "pain .. chest". It is deliberately not a regular expression: the clinical safety officer reviews
 * these, and every construct here can be read aloud.
 */
import type { Tokens } from './normalise';

export type Alternative =
  { kind: 'word'; word: string; exact?: true } | { kind: 'prefix'; prefix: string } | { kind: 'number'; min: number };

/**
 * One word position. `words` holds the literal alternatives as a set: rules use long lists
 * (@drugs) and every request is checked against every pattern, so lookups must be O(1).
 */
import { MIN_STEMMED, stem } from './stem';

export interface Term {
  kind: 'term';
  alternatives: Alternative[];
  optional: boolean;
  words: ReadonlySet<string>;
  /** Stems of the literal words: "vomit" also matches "vomited", "vomiting" (Porter2 stemmer). */
  stems: ReadonlySet<string>;
  prefixes: readonly string[];
  minimums: readonly number[];
  /** Identifies the term's alternatives, so equal first terms share their start positions. */
  key: string;
}

export type Element = Term | { kind: 'gap'; max: number };

export interface Pattern {
  source: string;
  elements: Element[];
}

/** Half-open range of token indices [start, end). */
export interface Span {
  start: number;
  end: number;
}

export class PatternError extends Error {}

const DEFAULT_GAP = 3;
const MAX_GAP = 8;
const WORD = /^[\p{L}\p{N}]+$/u;

/** Named word lists from the rules file, so a long list is written (and reviewed) once. */
export type WordLists = Readonly<Record<string, readonly string[]>>;

function compileAlternatives(text: string, source: string, lists: WordLists): Alternative[] {
  if (!text.startsWith('@')) return [compileAlternative(text, source)];
  const name = text.slice(1);
  const words = Object.hasOwn(lists, name) ? lists[name] : undefined;
  if (words === undefined) throw new PatternError(`"${source}": unknown word list ${text}`);
  return words.map((w) => compileAlternative(w, source));
}

function compileAlternative(text: string, source: string): Alternative {
  const number = /^#(\d{1,6})\+$/.exec(text);
  if (number) return { kind: 'number', min: Number(number[1]) };
  if (text.endsWith('*')) {
    const prefix = text.slice(0, -1);
    // Short prefixes match far too much ("fi*" would take "fine", "finger", "fit note").
    if (prefix.length < 3 || !WORD.test(prefix) || prefix !== prefix.toLowerCase())
      throw new PatternError(`"${source}": prefix "${text}" needs 3+ letters`);
    return { kind: 'prefix', prefix };
  }
  const exact = text.startsWith('=');
  const word = exact ? text.slice(1) : text;
  if (!WORD.test(word) || word !== word.toLowerCase())
    throw new PatternError(`"${source}": "${text}" is not a lower-case word`);
  return exact ? { kind: 'word', word, exact } : { kind: 'word', word };
}

/** `stemmed: false` for masks: an exception must stay as narrow as written, or it hides real findings. */
export function compilePattern(
  source: string,
  lists: WordLists = {},
  { stemmed = true }: { stemmed?: boolean } = {},
): Pattern {
  if (source !== source.trim() || /\s{2,}|[^\S ]/.test(source)) {
    throw new PatternError(`"${source}": separate words with single spaces`);
  }
  const elements: Element[] = source.split(' ').map((part): Element => {
    const gap = /^\.\.(\d)?$/.exec(part);
    if (gap) {
      const max = gap[1] === undefined ? DEFAULT_GAP : Number(gap[1]);
      if (max < 1 || max > MAX_GAP) throw new PatternError(`"${source}": gap must be ..1 to ..${MAX_GAP}`);
      return { kind: 'gap', max };
    }
    const optional = part.startsWith('[') && part.endsWith(']');
    const body = optional ? part.slice(1, -1) : part;
    const alternatives = body.split('|').flatMap((alt) => compileAlternatives(alt, source, lists));
    return {
      kind: 'term',
      alternatives,
      optional,
      words: new Set(alternatives.flatMap((a) => (a.kind === 'word' ? [a.word] : []))),
      stems: new Set(
        stemmed
          ? alternatives.flatMap((a) =>
              a.kind === 'word' && a.exact !== true && a.word.length >= MIN_STEMMED ? [stem(a.word)] : [],
            )
          : [],
      ),
      prefixes: alternatives.flatMap((a) => (a.kind === 'prefix' ? [a.prefix] : [])),
      minimums: alternatives.flatMap((a) => (a.kind === 'number' ? [a.min] : [])),
      key: `${stemmed ? 's' : 'x'}:${body}:${JSON.stringify(alternatives)}`,
    };
  });
  const first = elements[0]!;
  const last = elements[elements.length - 1]!;
  // A match must begin and end on a real word, so its span (used for negation and masks) is honest.
  if (first.kind !== 'term' || first.optional || last.kind !== 'term' || last.optional) {
    throw new PatternError(`"${source}": must start and end with a required word`);
  }
  elements.forEach((e, i) => {
    if (e.kind === 'gap' && elements[i + 1]?.kind === 'gap') throw new PatternError(`"${source}": two gaps in a row`);
  });
  return { source, elements };
}

function termMatches(term: Term, word: string, wordStem: string): boolean {
  if (term.words.has(word)) return true;
  if (term.stems.has(wordStem)) return true;
  if (term.prefixes.some((p) => word.startsWith(p))) return true;
  if (term.minimums.length === 0) return false;
  // Most words are not numbers: look at the first character before running a regex.
  const c = word.charCodeAt(0);
  if (c < 48 || c > 57 || !/^\d+$/.test(word)) return false;
  // Seven or more digits is certainly at least any minimum; avoids parsing huge strings.
  return word.length > 6 || term.minimums.some((min) => Number(word) >= min);
}

/** How to match: patterns that fire want any match; masks want the widest, but never past a clause. */
export interface MatchOptions {
  /** Take the longest match from each start instead of the shortest. */
  longest?: boolean;
  /** Keep the whole match inside one clause, so "no X but Y" can never cover Y. */
  sameClause?: boolean;
}

/** Where a match may run: one segment, and one clause too when `clause` is not -1. */
interface Bounds {
  segment: number;
  clause: number;
}

function inside(t: Tokens, i: number, b: Bounds): boolean {
  return t.segment[i] === b.segment && (b.clause === -1 || t.clause[i] === b.clause);
}

/**
 * End indices of every match of elements[ei..] starting at pos (stopping at the first if !all). No
 * closures: this recurses for every candidate start of every live pattern of every request.
 */
function matchFrom(
  elements: readonly Element[],
  ei: number,
  pos: number,
  t: Tokens,
  b: Bounds,
  all: boolean,
  ends: number[],
): void {
  if (ei === elements.length) {
    ends.push(pos);
    return;
  }
  const el = elements[ei]!;
  const n = t.words.length;
  if (el.kind === 'gap') {
    for (let g = 0; g <= el.max && (all || ends.length === 0); g++) {
      const next = pos + g;
      if (next > n) break;
      // Skipped words must stay inside the segment (and clause) too.
      if (g > 0 && !inside(t, next - 1, b)) break;
      matchFrom(elements, ei + 1, next, t, b, all, ends);
    }
    return;
  }
  if (pos < n && inside(t, pos, b) && termMatches(el, t.words[pos]!, t.stems[pos]!)) {
    matchFrom(elements, ei + 1, pos + 1, t, b, all, ends);
  }
  if (el.optional && (all || ends.length === 0)) matchFrom(elements, ei + 1, pos, t, b, all, ends);
}

/**
 * Where a match could begin: where the first word occurs (compilePattern guarantees it is a
 * required word). Literal words are looked up in the text's position index, so a pattern that
 * cannot match costs almost nothing; prefixes and numbers need a scan.
 */
function startPositions(first: Term, t: Tokens): number[] {
  // Many patterns share a first term ("pain|ache", "@child"): compute each one's starts once per text.
  let cache = startCache.get(t);
  if (cache === undefined) {
    cache = new Map();
    startCache.set(t, cache);
  }
  const cached = cache.get(first.key);
  if (cached !== undefined) return cached;
  let found: number[];
  if (first.prefixes.length > 0 || first.minimums.length > 0) {
    found = [];
    for (let i = 0; i < t.words.length; i++) if (termMatches(first, t.words[i]!, t.stems[i]!)) found.push(i);
  } else {
    const at = new Set<number>();
    for (const w of first.words) for (const i of t.positions.get(w) ?? []) at.add(i);
    for (const s of first.stems) for (const i of t.stemPositions.get(s) ?? []) at.add(i);
    found = [...at].sort((a, b) => a - b);
  }
  cache.set(first.key, found);
  return found;
}

const startCache = new WeakMap<Tokens, Map<string, number[]>>();

/** Every place the pattern matches: at most one span per starting word (shortest unless `longest`). */
export function findMatches(pattern: Pattern, t: Tokens, options: MatchOptions = {}): Span[] {
  const spans: Span[] = [];
  for (const start of startPositions(pattern.elements[0] as Term, t)) {
    const bounds: Bounds = { segment: t.segment[start]!, clause: options.sameClause ? t.clause[start]! : -1 };
    const ends: number[] = [];
    matchFrom(pattern.elements, 0, start, t, bounds, options.longest === true, ends);
    if (ends.length > 0) spans.push({ start, end: options.longest ? Math.max(...ends) : Math.min(...ends) });
  }
  return spans;
}

/** The literal words a pattern uses (not prefixes or numbers), for vocabulary checks. */
export function literalWords(pattern: Pattern): string[] {
  return pattern.elements.flatMap((e) =>
    e.kind === 'term' ? e.alternatives.flatMap((a) => (a.kind === 'word' ? [a.word] : [])) : [],
  );
}

/** Runs of adjacent required words, each spelled with its first alternative, e.g. "can not". */
export function literalRuns(pattern: Pattern): string[][] {
  const runs: string[][] = [];
  let run: string[] = [];
  for (const e of pattern.elements) {
    const first = e.kind === 'term' && !e.optional ? e.alternatives[0] : undefined;
    if (first?.kind === 'word') {
      run.push(first.word);
    } else {
      if (run.length > 1) runs.push(run);
      run = [];
    }
  }
  if (run.length > 1) runs.push(run);
  return runs;
}
