/**
 * GSM 03.38, the 7-bit alphabet SMS is billed in. One character outside it turns the whole text into
 * UCS-2, which cuts a fragment from 153 characters to 67 (and doubles the cost), so personalisation is
 * made GSM-safe before it reaches a template, and the templates are tested to be GSM-only.
 */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Sent as an escape plus the character: two septets each. */
const EXTENSION = '^{}\\[~]|€';

const basic = new Set(BASIC);
const extension = new Set(EXTENSION);

/** Septets the text takes, or null when it holds a character GSM-7 cannot carry. */
export function gsmLength(text: string): number | null {
  let n = 0;
  for (const ch of text) {
    if (basic.has(ch)) n += 1;
    else if (extension.has(ch)) n += 2;
    else return null;
  }
  return n;
}

/** Concatenated SMS carry 153 septets a fragment (a lone one, 160). */
export function smsFragments(text: string): number {
  const n = gsmLength(text);
  if (n === null) throw new Error('not GSM-7 text');
  return n <= 160 ? 1 : Math.ceil(n / 153);
}

const LOOKALIKES: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u2032': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u2033': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2010': '-',
  '\u2011': '-',
  '\u2026': '...',
  '\u00a0': ' ',
  '\u2009': ' ',
  '\u202f': ' ',
  '\t': ' ',
};

/**
 * Makes free text (a practice or hub name) GSM-safe: typographic quotes and dashes become plain
 * ones, accents GSM lacks are dropped (Llŷn → Llyn), anything else is removed.
 */
export function toGsm(text: string): string {
  let out = '';
  for (const ch of text) {
    if (basic.has(ch) && ch !== '\n' && ch !== '\r') out += ch;
    else if (LOOKALIKES[ch] !== undefined) out += LOOKALIKES[ch];
    else {
      const bare = ch.normalize('NFD').replace(/\p{M}/gu, '');
      if ([...bare].every((c) => basic.has(c))) out += bare;
    }
  }
  return out.replace(/ {2,}/g, ' ').trim();
}

/** Cuts text to at most `max` characters at a word boundary, so a long name never breaks the budget. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : text.slice(0, max)).trim();
}
