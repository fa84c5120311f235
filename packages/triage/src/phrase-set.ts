/**
 * The labelled phrase set (phrases/*.jsonl): loading, scoring and the report table.
 * Used by the `report` command and by phrase-set.test.ts; never by the screen itself, which does
 * no I/O.
 *
 * The phrases are synthetic, written to sound like patients (no real patient text is stored).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ScreenDestination } from './rules';
import { screen, urgencyRank, type ScreenInput, type ScreenResult } from './screen';

/**
 * Highest false-positive rate on the routine set that the tests accept, in percent. The set
 * deliberately includes hard cases that fire by design (history of self-harm, resolved chest pain,
 * idioms); see docs/safety/red-flag-screen.md. Raising this needs the clinical safety officer.
 */
export const FALSE_POSITIVE_BOUND_PERCENT = 5;

export const Phrase = z
  .object({
    text: z.string().min(1),
    category: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    expect: z.enum(['emergency', 'clear']),
    /** For emergencies: the least urgent destination that is still safe. A more urgent one passes. */
    destination: ScreenDestination.optional(),
    ageYears: z.number().int().min(0).max(130).optional(),
    /** Why a phrase is labelled as it is, where that is a judgement. */
    note: z.string().optional(),
  })
  .strict()
  .refine(
    (p) => (p.expect === 'emergency') === (p.destination !== undefined),
    'emergencies need a destination; clear phrases must not have one',
  );
export type Phrase = z.output<typeof Phrase>;

export const PHRASES_DIR = join(__dirname, '..', 'phrases');

export function loadPhrases(file: string): Phrase[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, n }) => {
      const parsed = Phrase.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${n}: ${parsed.error.issues.map((x) => x.message).join('; ')}`);
      return parsed.data;
    });
}

export function loadAllPhrases(): { emergency: Phrase[]; routine: Phrase[] } {
  return {
    emergency: loadPhrases(join(PHRASES_DIR, 'emergency.jsonl')),
    routine: loadPhrases(join(PHRASES_DIR, 'routine.jsonl')),
  };
}

export interface Row {
  category: string;
  expect: 'emergency' | 'clear';
  phrases: number;
  fired: number;
  /** Fired, but to a less urgent destination than labelled. */
  underTriaged: number;
}

export interface Evaluation {
  rows: Row[];
  misses: Phrase[];
  underTriaged: { phrase: Phrase; got: string }[];
  falsePositives: { phrase: Phrase; ruleId: string }[];
  emergency: { phrases: number; fired: number; sensitivityPercent: number };
  routine: { phrases: number; fired: number; falsePositivePercent: number };
}

const percent = (part: number, whole: number): number => (whole === 0 ? 0 : Math.round((1000 * part) / whole) / 10);

export function evaluate(phrases: readonly Phrase[], run: (input: ScreenInput) => ScreenResult = screen): Evaluation {
  const rows = new Map<string, Row>();
  const ev: Evaluation = {
    rows: [],
    misses: [],
    underTriaged: [],
    falsePositives: [],
    emergency: { phrases: 0, fired: 0, sensitivityPercent: 0 },
    routine: { phrases: 0, fired: 0, falsePositivePercent: 0 },
  };
  for (const phrase of phrases) {
    const key = `${phrase.expect}:${phrase.category}`;
    const row = rows.get(key) ?? {
      category: phrase.category,
      expect: phrase.expect,
      phrases: 0,
      fired: 0,
      underTriaged: 0,
    };
    rows.set(key, row);
    const result = run({
      description: phrase.text,
      ...(phrase.ageYears !== undefined ? { ageYears: phrase.ageYears } : {}),
    });
    const fired = result.outcome === 'emergency';
    row.phrases++;
    if (fired) row.fired++;
    const totals = phrase.expect === 'emergency' ? ev.emergency : ev.routine;
    totals.phrases++;
    if (fired) totals.fired++;
    if (phrase.expect === 'emergency' && !fired) ev.misses.push(phrase);
    if (phrase.expect === 'clear' && fired) ev.falsePositives.push({ phrase, ruleId: result.ruleId });
    if (
      phrase.expect === 'emergency' &&
      fired &&
      phrase.destination &&
      urgencyRank(result.destination) > urgencyRank(phrase.destination)
    ) {
      row.underTriaged++;
      ev.underTriaged.push({ phrase, got: result.destination });
    }
  }
  ev.rows = [...rows.values()].sort((a, b) =>
    a.expect === b.expect ? a.category.localeCompare(b.category) : a.expect === 'emergency' ? -1 : 1,
  );
  ev.emergency.sensitivityPercent = percent(ev.emergency.fired, ev.emergency.phrases);
  ev.routine.falsePositivePercent = percent(ev.routine.fired, ev.routine.phrases);
  return ev;
}

function table(header: string[], body: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

export function formatReport(ev: Evaluation, rulesVersion: string): string {
  const emergencyRows = ev.rows.filter((r) => r.expect === 'emergency');
  const routineRows = ev.rows.filter((r) => r.expect === 'clear');
  const out = [
    `Red-flag screen phrase-set report (rules ${rulesVersion})`,
    '',
    'Emergency phrases (every one must fire)',
    table(
      ['category', 'phrases', 'fired', 'sensitivity %', 'under-triaged'],
      [
        ...emergencyRows.map((r) => [
          r.category,
          String(r.phrases),
          String(r.fired),
          percent(r.fired, r.phrases).toFixed(1),
          String(r.underTriaged),
        ]),
        [
          'TOTAL',
          String(ev.emergency.phrases),
          String(ev.emergency.fired),
          ev.emergency.sensitivityPercent.toFixed(1),
          String(ev.underTriaged.length),
        ],
      ],
    ),
    '',
    'Routine phrases (should stay clear)',
    table(
      ['topic', 'phrases', 'fired', 'false-positive %'],
      [
        ...routineRows.map((r) => [
          r.category,
          String(r.phrases),
          String(r.fired),
          percent(r.fired, r.phrases).toFixed(1),
        ]),
        ['TOTAL', String(ev.routine.phrases), String(ev.routine.fired), ev.routine.falsePositivePercent.toFixed(1)],
      ],
    ),
    '',
    `Sensitivity: ${ev.emergency.sensitivityPercent.toFixed(1)}% (${ev.emergency.fired}/${ev.emergency.phrases}); ` +
      `false-positive rate: ${ev.routine.falsePositivePercent.toFixed(1)}% (${ev.routine.fired}/${ev.routine.phrases}, bound ${FALSE_POSITIVE_BOUND_PERCENT}%)`,
  ];
  if (ev.misses.length) out.push('', 'MISSED emergencies:', ...ev.misses.map((p) => `  [${p.category}] ${p.text}`));
  if (ev.underTriaged.length)
    out.push(
      '',
      'UNDER-TRIAGED:',
      ...ev.underTriaged.map(
        (u) => `  [${u.phrase.category}] ${u.phrase.text} -> ${u.got} (want ${u.phrase.destination})`,
      ),
    );
  if (ev.falsePositives.length) {
    out.push(
      '',
      'False positives (routine phrases that fired):',
      ...ev.falsePositives.map(
        (f) => `  [${f.phrase.category}] ${f.phrase.text} -> ${f.ruleId}${f.phrase.note ? `  (${f.phrase.note})` : ''}`,
      ),
    );
  }
  return out.join('\n');
}
