/**
 * Values written in the text: temperatures (°C or °F), ages, weeks of pregnancy and numbers of
 * tablets. Read from the folded words, before the vocabulary rewrites them ("temp" -> "fever",
 * "newborn" -> "baby"), so "38.5", "39.2C", "temp 40", "101F", "3 week old", "aged 80" and
 * "newborn" keep what they say. Linear: one pass over the words, a fixed look-around each.
 */

export interface Values {
  /** Every temperature written, in °C. */
  temperaturesC: number[];
  /** Age range in months, if the text says one ("3 week old" -> [0, 0]; "toddler" -> [12, 47]). */
  ageMonths: { min: number; max: number } | undefined;
  /** Weeks of pregnancy, if written ("32 weeks pregnant"). */
  pregnancyWeeks: number | undefined;
  /** Blood glucose readings in mmol/L ("sugar 2.4", "bm 1.9"). */
  glucoseMmol: number[];
  /** Most tablets said to have been taken in one mention ("took 20 paracetamol"). */
  tablets: number | undefined;
}

const NUMBER_WORDS = new Map<string, number>(
  [
    'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty',
  ]
    .flatMap((s) => s.split(' '))
    .map((w, i) => [w, i] as [string, number])
    .concat([
      ['thirty', 30],
      ['forty', 40],
      ['fifty', 50],
      ['sixty', 60],
      ['seventy', 70],
      ['eighty', 80],
      ['ninety', 90],
      ['hundred', 100],
      ['a', 1],
      ['an', 1],
    ]),
);

function numberAt(words: readonly string[], i: number): number | undefined {
  const w = words[i];
  if (w === undefined) return undefined;
  if (/^\d{1,3}$/.test(w)) return Number(w);
  return NUMBER_WORDS.get(w);
}

const TEMP_WORDS = new Set([
  'temp',
  'temps',
  'temperature',
  'temprature',
  'temperture',
  'tempreture',
  'fever',
  'feverish',
  'pyrexia',
  'thermometer',
  'degrees',
  'degree',
  'febrile',
  'temperatures',
]);
const TEMP_UNIT = /^(c|f|oc|of|degc|degf|celsius|centigrade|fahrenheit|degrees|deg)$/;

/** "38 5", "39 2c", "39c", "102f", "temp 40", "101 5 f": the decimal point was split by fold(). */
function temperatures(words: readonly string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < words.length; i++) {
    const m = /^(\d{2,3})(c|f)?$/.exec(words[i]!);
    if (!m) continue;
    let value = Number(m[1]);
    let unit = m[2];
    let decimal = false;
    let next = i + 1;
    const d = m[2] === undefined ? /^(\d{1,2})(c|f)?$/.exec(words[next] ?? '') : null;
    if (d) {
      value += Number(d[1]) / 10 ** d[1]!.length;
      unit = d[2];
      decimal = true;
      next++;
    }
    const after = words[next] ?? '';
    if (unit === undefined && TEMP_UNIT.test(after))
      unit = after.startsWith('f') || after === 'of' || after === 'degf' ? 'f' : 'c';
    const said = [1, 2, 3].some((k) => TEMP_WORDS.has(words[i - k] ?? ''));
    if (unit === undefined && !said && !(decimal && value >= 35 && value <= 42.5)) continue;
    const celsius =
      unit === 'f' || (unit === undefined && value >= 93 && value <= 113) ? ((value - 32) * 5) / 9 : value;
    if (celsius >= 30 && celsius <= 45) out.push(Math.round(celsius * 10) / 10);
  }
  return out;
}

const UNIT_MONTHS: Record<string, number> = {
  day: 0,
  days: 0,
  d: 0,
  week: 0.25,
  weeks: 0.25,
  wk: 0.25,
  wks: 0.25,
  w: 0.25,
  month: 1,
  months: 1,
  mo: 1,
  mth: 1,
  mths: 1,
  m: 1,
  year: 12,
  years: 12,
  yr: 12,
  yrs: 12,
  y: 12,
  yo: 12,
};

/** Words that give an age band on their own. Checked only when no number gives one. */
const AGE_WORDS: Record<string, { min: number; max: number }> = {
  newborn: { min: 0, max: 1 },
  neonate: { min: 0, max: 1 },
  newborns: { min: 0, max: 1 },
  baby: { min: 0, max: 11 },
  babies: { min: 0, max: 11 },
  infant: { min: 0, max: 11 },
  toddler: { min: 12, max: 47 },
  toddlers: { min: 12, max: 47 },
  teenager: { min: 156, max: 227 },
  teen: { min: 156, max: 227 },
  teenage: { min: 156, max: 227 },
  adolescent: { min: 144, max: 227 },
  elderly: { min: 780, max: Infinity },
  pensioner: { min: 780, max: Infinity },
  oap: { min: 780, max: Infinity },
};

const CHILD_WORDS = new Set([
  'baby',
  'babys',
  'newborn',
  'infant',
  'son',
  'daughter',
  'boy',
  'girl',
  'toddler',
  'child',
  'kid',
  'grandson',
  'granddaughter',
  'twins',
  'bubba',
]);

function monthsOf(n: number, unit: string): { min: number; max: number } {
  const per = UNIT_MONTHS[unit]!;
  const months = Math.floor(n * per);
  // "2 years" is 24 to 35 months; "6 weeks" is 1 month; "10 days" is 0 months.
  return per === 12 ? { min: months, max: months + 11 } : { min: months, max: months };
}

/** Words after which a number with a unit is the person's age: "she's 6 weeks", "he is 5 months". */
const SUBJECT_WORDS = new Set(['shes', 'hes', 'is', 'turned', 'now']);
/** The word before position i, past one softener ("she's actually 6 weeks", "he is only 5 months"). */
const SOFTENERS = new Set(['actually', 'only', 'just', 'nearly', 'almost']);
function subjectBefore(words: readonly string[], i: number): string {
  const before = words[i - 1] ?? '';
  return SOFTENERS.has(before) ? (words[i - 2] ?? '') : before;
}

function age(words: readonly string[]): Values['ageMonths'] {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    // "80yo", "6mo", "3wk", "2yr"
    const glued = /^(\d{1,3})(yo|yrs|yr|mo|mths|mth|wks|wk|days)$/.exec(w);
    if (glued && (glued[2] !== 'days' || words[i + 1] === 'old')) return monthsOf(Number(glued[1]), glued[2]!);
    const n = numberAt(words, i);
    if (n === undefined) continue;
    const unit = words[i + 1] ?? '';
    if (unit in UNIT_MONTHS) {
      // "3 weeks old", "80 year old", "80 yo": a duration ("pain for 3 weeks") never has "old".
      if (unit === 'yo' || words[i + 2] === 'old') return monthsOf(n, unit);
      // "my baby (5 weeks)", "son, 3 years": a child word just before the number gives an age too.
      if (/^\d/.test(w) && [1, 2].some((k) => CHILD_WORDS.has(words[i - k] ?? ''))) return monthsOf(n, unit);
    }
    // "she's actually 6 weeks and 5 days", "he is 5 months": a subject just before gives an age, unless
    // the weeks are a pregnancy's ("she's 30 weeks pregnant").
    if (/^\d/.test(w) && unit in UNIT_MONTHS && unit.length > 1 && SUBJECT_WORDS.has(subjectBefore(words, i))) {
      if (!PREGNANCY_WORDS.has(words[i + 2] ?? '')) return monthsOf(n, unit);
    }
    if ((words[i - 1] === 'aged' || words[i - 1] === 'age') && /^\d/.test(w)) {
      return unit in UNIT_MONTHS && unit !== 'm' ? monthsOf(n, unit) : monthsOf(n, 'years');
    }
  }
  // "born yesterday", "born 3 days ago": a newborn, in its first month.
  for (let i = 0; i < words.length; i++)
    if (words[i] === 'born' && (words[i + 1] === 'yesterday' || words[i + 1] === 'today' || words[i + 3] === 'ago'))
      return { min: 0, max: 0 };
  for (const w of words) if (Object.hasOwn(AGE_WORDS, w)) return AGE_WORDS[w];
  return undefined;
}

const PREGNANCY_WORDS = new Set([
  'pregnant',
  'pregnancy',
  'pregant',
  'pregnat',
  'preg',
  'gestation',
  'along',
  'waters',
  'bump',
  'midwife',
  'kicks',
  'movements',
]);

const DURATION_WORDS = new Set([
  'for',
  'last',
  'past',
  'over',
  'about',
  'around',
  'nearly',
  'almost',
  'ago',
  'old',
  'since',
  'every',
  'in',
  'after',
  'within',
  'than',
  'waiting',
  'wait',
  'of',
]);

function pregnancyWeeks(words: readonly string[]): number | undefined {
  for (let i = 0; i < words.length; i++) {
    const n = numberAt(words, i);
    const unit = words[i + 1];
    if (n === undefined || n > 45 || !(unit === 'weeks' || unit === 'wks' || unit === 'week' || unit === 'wk'))
      continue;
    const near = [i - 2, i - 1, i + 2, i + 3, i + 4].some((k) => PREGNANCY_WORDS.has(words[k] ?? ''));
    if (near || (words[i - 1] === 'at' && words.some((x) => PREGNANCY_WORDS.has(x)))) return n;
    // "28 weeks, waters gone": 20 to 42 weeks is rarely a duration (people say "5 months"), unless it says so.
    if (n >= 20 && n <= 42 && !DURATION_WORDS.has(words[i - 1] ?? '') && !DURATION_WORDS.has(words[i + 2] ?? ''))
      return n;
  }
  // "32/40", the notation maternity notes use, folded to "32 40".
  for (let i = 0; i + 1 < words.length; i++)
    if (
      words[i + 1] === '40' &&
      /^\d{1,2}$/.test(words[i]!) &&
      Number(words[i]) <= 42 &&
      words.some((x) => PREGNANCY_WORDS.has(x))
    )
      return Number(words[i]);
  return undefined;
}

/**
 * "took 20 paracetamol", "swallowed thirty pills", "16 of my tablets". `pillWords` are normalised
 * words (the rules' drug list plus "pills"), so this reads the normalised tokens.
 */
function tablets(words: readonly string[], pillWords: ReadonlySet<string>): number | undefined {
  let most: number | undefined;
  for (let i = 0; i < words.length; i++) {
    const n = numberAt(words, i);
    if (n === undefined || n < 2 || words[i] === 'a' || words[i] === 'an') continue;
    for (let k = 1; k <= 3; k++) {
      if (pillWords.has(words[i + k] ?? '')) {
        most = Math.max(most ?? 0, n);
        break;
      }
    }
  }
  return most;
}

const GLUCOSE_WORDS = new Set([
  'sugar',
  'sugars',
  'glucose',
  'bm',
  'bms',
  'reading',
  'level',
  'levels',
  'hypo',
  'libre',
  'cgm',
]);

/** "sugar 2.4", "bm is 1.9", "glucose level of 3.1": a decimal reading within three words of a glucose word. */
function glucose(words: readonly string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    if (!/^\d{1,2}$/.test(words[i]!) || !/^\d$/.test(words[i + 1]!)) continue;
    if (![1, 2, 3].some((k) => GLUCOSE_WORDS.has(words[i - k] ?? ''))) continue;
    const value = Number(words[i]) + Number(words[i + 1]) / 10;
    if (value <= 35) out.push(value);
  }
  return out;
}

export function readValues(
  folded: readonly string[],
  normalised: readonly string[],
  pillWords: ReadonlySet<string>,
): Values {
  return {
    temperaturesC: temperatures(folded),
    ageMonths: age(folded),
    pregnancyWeeks: pregnancyWeeks(folded),
    tablets: tablets(normalised, pillWords),
    glucoseMmol: glucose(folded),
  };
}
