/**
 * Porter2 (English) stemming via wink-porter2-stemmer, so a rule written with one form of a word
 * matches its inflections ("vomit" -> "vomited", "vomiting"; "scald" -> "scalded") without listing them.
 */
import './wink-porter2-stemmer.d';
import porter2 from 'wink-porter2-stemmer';

/** Shorter words are matched as written: stems of "no", "not", "fit" would collide with other words. */
export const MIN_STEMMED = 4;

const cache = new Map<string, string>();
/** Bounded: a hostile text can hold many distinct words. */
const CACHE_LIMIT = 20_000;

export function stem(word: string): string {
  let s = cache.get(word);
  if (s === undefined) {
    // Very long "words" (pasted hashes, runs of letters) are no medical word: skip the stemmer's work.
    s = word.length > 30 ? word : porter2(word);
    if (cache.size < CACHE_LIMIT) cache.set(word, s);
  }
  return s;
}
