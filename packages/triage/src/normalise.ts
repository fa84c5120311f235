/**
 * Text normalisation for the red-flag screen.
 *
 * Patients write fast, on phones, often frightened: "cant breath", "CHEST PIAN!!!", "she’s not
 * responding". Rules are written once, in one canonical spelling; this module folds every way of
 * writing a word onto that spelling, so a rule never has to list twenty variants of itself.
 *
 * Two layers:
 * - structure (here, in code): case, accents, apostrophes, punctuation, repeated letters, and where
 *   sentences and clauses start. Negation scope and pattern gaps depend on those boundaries.
 * - vocabulary (the rules file's `lexicon`, versioned with the rules): misspellings, slang,
 *   contractions and synonyms. It changes what fires, so it is reviewed with the rules.
 */

import unhomoglyph from 'unhomoglyph';
import { MIN_STEMMED, stem } from './stem';

/** Vocabulary maps from the rules file. Keys and values are already in normalised form. */
export interface Lexicon {
  /** One word to one or more words: "pian" -> "pain", "chestpain" -> "chest pain". */
  words: Readonly<Record<string, string>>;
  /** Several words to one or more words: "can not" -> "cant", "throwing up" -> "vomit". */
  phrases: Readonly<Record<string, string>>;
  /** Words that start a new clause for negation ("but", "and"). They stay in the text. */
  clauseBreaks: readonly string[];
}

/** Normalised text: parallel arrays, one entry per word. */
export interface Tokens {
  words: string[];
  /** Clause number of each word (punctuation or a clause-break word). Negation never crosses one. */
  clause: number[];
  /** Punctuation-delimited segment of each word. A pattern never spans two ("back pain, chest infection"). */
  segment: number[];
  /** Where each distinct word occurs, ascending: lets a pattern visit only the places it could start. */
  positions: Map<string, number[]>;
  /** Porter2 stem of each word ("vomiting" -> "vomit"); words shorter than MIN_STEMMED are their own stem. */
  stems: string[];
  /** Where each distinct stem occurs, ascending. */
  stemPositions: Map<string, number[]>;
}

// Sentinels stand in for punctuation while we split. They are private-use characters, not letters,
// so no word contains them. Sentence ends and clause punctuation both end a segment; they are kept
// apart only so the folded text stays readable when debugging.
const SENTENCE = '\uE000';
const CLAUSE = '\uE001';

/**
 * Characters that draw nothing: soft hyphen, zero-width space and joiners, word joiner, BOM, bidi
 * marks and embeddings (all Unicode "format", Cf), plus the few blank letters (Hangul fillers,
 * braille blank) that Cf does not cover. Inside a word they split it for a matcher but not for a
 * reader ("brea\u00ADthe"), so they are removed and the word joins.
 */
const INVISIBLE = /[\p{Cf}\u115F\u1160\u3164\uFFA0\u2800]/gu;

/** A hyphen (or soft hyphen) at a line end inside a word, as dictation and copy-paste leave it: "brea-\nthe". */
const HYPHENATED_BREAK = /(\p{L})[-\u00AD\u2010\u2011]\p{Cf}*[ \t]*\r?\n[ \t]*(\p{L})/gu;

const NON_ASCII = /\P{ASCII}/gu;
const skeletonOf = new Map<string, string>();

/**
 * The TR39 skeleton of one non-ASCII character (Unicode confusables data, via `unhomoglyph`):
 * Cyrillic "а" reads as Latin "a". Only non-ASCII characters are mapped: the data also maps plain
 * ASCII look-alikes onto each other ("l" -> "I", "0" -> "O"), which would damage ordinary words.
 */
function skeletonChar(ch: string): string {
  let mapped = skeletonOf.get(ch);
  if (mapped === undefined) {
    mapped = unhomoglyph(ch);
    // Keep the cache bounded: a hostile text can hold many distinct characters.
    if (skeletonOf.size < 4096) skeletonOf.set(ch, mapped);
  }
  return mapped;
}

/**
 * Undoes the ways a word can be hidden from a matcher while a person still reads it: format
 * characters, hyphenated line breaks, accents and compatibility forms (NFKD), and look-alike letters.
 */
export function unDisguise(raw: string): string {
  return (
    raw
      .replace(HYPHENATED_BREAK, '$1$2')
      .replace(INVISIBLE, '')
      // NFKD splits "é" into "e" + accent and turns full-width or ligature letters into plain ones.
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .replace(NON_ASCII, skeletonChar)
  );
}

/** Whether a description has anything a person could see: intake refuses one that has not (400). */
export { hasVisibleContent } from '@sluice/contracts';

/** Words whose "'s" is "is" or "has" and which rules spell joined ("its", "hes", "shes", "thats"). */
const CONTRACTED_S = new Set([
  'it',
  'he',
  'she',
  'that',
  'what',
  'there',
  'here',
  'who',
  'where',
  'how',
  'let',
  'when',
  'everyone',
  'nobody',
  'someone',
  'something',
  'nothing',
]);

/** Phrase rewrites chain ("have not been able to" -> "havent been able to" -> "cant"); cap the passes. */
const MAX_PHRASE_PASSES = 4;

/**
 * Structural clean-up of one string, before vocabulary: accents, case, apostrophes, punctuation.
 * Exported so that rule patterns can be checked against exactly what the text side produces.
 */
export function fold(raw: string): string {
  return (
    unDisguise(raw)
      // Our own sentinels below must not be smuggled in by the text itself.
      .replace(/[\uE000\uE001]/g, ' ')
      .toLowerCase()
      // A possessive "'s" goes with its apostrophe: "my 2 year old's leg" must keep "old" (and the age),
      // not become "olds". Pronoun contractions ("it's", "he's") stay one word, as rules spell them.
      .replace(/([\p{L}\p{N}]+)['’ʼ]s(?![\p{L}\p{N}])/gu, (_m, w: string) => (CONTRACTED_S.has(w) ? `${w}s` : w))
      // Apostrophes are dropped, not spaced: "can't" and "cant" must be the same word.
      .replace(/['’‘`´ʼ′]/g, '')
      // A decimal point or thousands comma is not a sentence end: "38.5" -> "38 5".
      .replace(/(\d)[.,](\d)/g, '$1 $2')
      .replace(/[.!?;\n\r\u2026]+/g, ` ${SENTENCE} `)
      // A dash with spaces round it separates clauses; inside a word ("self-harm") it is a space.
      .replace(/\s[-–—]+\s|[,:()[\]{}"“”«»|]/g, ` ${CLAUSE} `)
      .replace(/[^\p{L}\p{N}\uE000\uE001]+/gu, ' ')
      // "breatheeee" / "helllp": three or more of one letter is emphasis, never spelling.
      .replace(/(\p{L})\1{2,}/gu, '$1')
  );
}

interface Piece {
  word: string;
  /** Punctuation (of any kind) comes before this word: it starts a new segment and clause. */
  hardBreak: boolean;
}

function splitPieces(folded: string, words: ReadonlyMap<string, string>): Piece[] {
  const pieces: Piece[] = [];
  let pending = false;
  for (const raw of folded.split(/\s+/)) {
    if (raw === '') continue;
    if (raw === SENTENCE || raw === CLAUSE) {
      pending = true;
      continue;
    }
    const mapped = words.get(raw) ?? raw;
    mapped.split(' ').forEach((word, i) => {
      pieces.push({ word, hardBreak: i === 0 && pending });
    });
    pending = false;
  }
  return pieces;
}

/** Longest-first phrase rewriting, never across punctuation. */
function rewritePhrases(
  pieces: Piece[],
  phrases: ReadonlyMap<number, ReadonlyMap<string, string>>,
  maxLen: number,
  starters: ReadonlySet<string>,
): Piece[] {
  let current = pieces;
  for (let pass = 0; pass < MAX_PHRASE_PASSES; pass++) {
    const out: Piece[] = [];
    let changed = false;
    let i = 0;
    while (i < current.length) {
      let replaced = false;
      // Most words start no phrase: skip them without building any candidate keys.
      const maxHere = starters.has(current[i]!.word) ? maxLen : 0;
      for (let len = Math.min(maxHere, current.length - i); len >= 2; len--) {
        const table = phrases.get(len);
        if (!table) continue;
        // A phrase may not straddle punctuation: "can, not" is not "cant".
        if (current.slice(i + 1, i + len).some((p) => p.hardBreak)) continue;
        const key = current
          .slice(i, i + len)
          .map((p) => p.word)
          .join(' ');
        const to = table.get(key);
        if (to === undefined) continue;
        const first = current[i]!;
        to.split(' ').forEach((word, k) => out.push({ word, hardBreak: k === 0 && first.hardBreak }));
        i += len;
        replaced = true;
        changed = true;
        break;
      }
      if (!replaced) {
        out.push(current[i]!);
        i++;
      }
    }
    current = out;
    if (!changed) break;
  }
  return current;
}

interface LexiconIndex {
  words: Map<string, string>;
  starters: Set<string>;
  byLen: Map<number, Map<string, string>>;
  maxLen: number;
  breaks: Set<string>;
}

/**
 * Maps built once per lexicon. Maps, not object lookups: a patient who types "constructor" or
 * "__proto__" must get a word, not a property of Object.prototype.
 */
const lexiconIndex = new WeakMap<Lexicon, LexiconIndex>();

function indexLexicon(lexicon: Lexicon): LexiconIndex {
  const cached = lexiconIndex.get(lexicon);
  if (cached) return cached;
  const byLen = new Map<number, Map<string, string>>();
  let maxLen = 0;
  for (const [from, to] of Object.entries(lexicon.phrases)) {
    const len = from.split(' ').length;
    maxLen = Math.max(maxLen, len);
    const table = byLen.get(len) ?? new Map<string, string>();
    table.set(from, to);
    byLen.set(len, table);
  }
  const starters = new Set(Object.keys(lexicon.phrases).map((k) => k.split(' ')[0]!));
  const built = {
    words: new Map(Object.entries(lexicon.words)),
    starters,
    byLen,
    maxLen,
    breaks: new Set(lexicon.clauseBreaks),
  };
  lexiconIndex.set(lexicon, built);
  return built;
}

/** Turns free text into canonical words with their clause and segment numbers. */
export function normalise(raw: string, lexicon: Lexicon): Tokens {
  return normaliseFolded(fold(raw), lexicon);
}

/** As normalise, for text already through fold(). */
export function normaliseFolded(folded: string, lexicon: Lexicon): Tokens {
  const { words, starters, byLen, maxLen, breaks } = indexLexicon(lexicon);
  const pieces = rewritePhrases(splitPieces(folded, words), byLen, maxLen, starters);
  const tokens: Tokens = {
    words: [],
    clause: [],
    segment: [],
    positions: new Map(),
    stems: [],
    stemPositions: new Map(),
  };
  let clause = 0;
  let segment = 0;
  pieces.forEach((p, i) => {
    if (i > 0) {
      if (p.hardBreak) segment++;
      if (p.hardBreak || breaks.has(p.word)) clause++;
    }
    tokens.words.push(p.word);
    tokens.clause.push(clause);
    tokens.segment.push(segment);
    const at = tokens.positions.get(p.word);
    if (at) at.push(i);
    else tokens.positions.set(p.word, [i]);
    const s = p.word.length >= MIN_STEMMED ? stem(p.word) : p.word;
    tokens.stems.push(s);
    const sat = tokens.stemPositions.get(s);
    if (sat) sat.push(i);
    else tokens.stemPositions.set(s, [i]);
  });
  return tokens;
}
