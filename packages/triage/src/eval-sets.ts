/**
 * Evaluation sets named by eval/sets.json: development sets (the rules were written against them)
 * and blind sets (written from the clinical sources by someone who has not read the rules). Scores
 * each set per category: sensitivity (redirected at the right level; redirected or concern; sent
 * somewhere less urgent) and specificity (routine left clear; to 999/A&E; concern), each with a
 * Wilson 95 % interval. Only development misses fail the report: blind figures are reported.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { ScreenDestination } from './rules';
import { screen, urgencyRank, type ScreenInput, type ScreenResult } from './screen';
import { wilson } from './wilson';

export const EVAL_DIR = join(__dirname, '..', 'eval');

const SetEntry = z
  .object({
    file: z.string().min(1),
    role: z.enum(['development', 'blind', 'retired-blind']),
    written: z.string(),
    by: z.string(),
    note: z.string().optional(),
  })
  .strict();
const Manifest = z.object({ sets: z.array(SetEntry).min(1) }).strict();

export const EvalItem = z
  .object({
    text: z.string().min(1),
    expect: z.enum(['emergency', 'clear']),
    destination: ScreenDestination.optional(),
    alsoAcceptable: z.array(ScreenDestination).optional(),
    category: z.string().default('uncategorised'),
    ageYears: z.number().int().min(0).max(130).optional(),
    note: z.string().optional(),
  })
  .passthrough();
export type EvalItem = z.output<typeof EvalItem>;

export interface EvalSet {
  file: string;
  role: 'development' | 'blind' | 'retired-blind';
  items: EvalItem[];
}

export function loadSets(manifestPath = join(EVAL_DIR, 'sets.json')): EvalSet[] {
  const manifest = Manifest.parse(JSON.parse(readFileSync(manifestPath, 'utf8')));
  return manifest.sets.map((s) => {
    const path = resolve(dirname(manifestPath), s.file);
    const items = readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l, i) => {
        const parsed = EvalItem.safeParse(JSON.parse(l));
        if (!parsed.success)
          throw new Error(`${s.file}:${i + 1}: ${parsed.error.issues.map((x) => x.message).join('; ')}`);
        return parsed.data;
      });
    return { file: s.file, role: s.role, items };
  });
}

export interface Tally {
  n: number;
  /** Emergencies: redirected at the labelled level (or more urgent, or an alsoAcceptable one). Routine: left clear. */
  right: number;
  /** Emergencies: redirected anywhere or concern. Routine: sent to 999 or A&E. */
  second: number;
  /** Emergencies: redirected somewhere less urgent. Routine: flagged concern. */
  third: number;
  /** Emergencies only: left clear. */
  missed: number;
}

export interface Scored {
  emergency: Map<string, Tally>;
  routine: Map<string, Tally>;
  misses: EvalItem[];
  /** Emergencies sent somewhere less urgent than labelled, with the rule that won. */
  lessUrgent: { item: EvalItem; ruleId: string; destination: ScreenDestination }[];
  /** Routine texts sent to 999 or A&E, with the rule that fired. */
  falseAlarms: { item: EvalItem; ruleId: string; destination: ScreenDestination }[];
}

function rightLevel(item: EvalItem, r: ScreenResult): boolean {
  if (r.outcome !== 'emergency') return false;
  if (item.destination === undefined || urgencyRank(r.destination) <= urgencyRank(item.destination)) return true;
  return item.alsoAcceptable?.includes(r.destination) ?? false;
}

const empty = (): Tally => ({ n: 0, right: 0, second: 0, third: 0, missed: 0 });

export function score(items: readonly EvalItem[], run: (i: ScreenInput) => ScreenResult = screen): Scored {
  const out: Scored = { emergency: new Map(), routine: new Map(), misses: [], lessUrgent: [], falseAlarms: [] };
  for (const item of items) {
    const r = run({ description: item.text, ...(item.ageYears !== undefined ? { ageYears: item.ageYears } : {}) });
    const table = item.expect === 'emergency' ? out.emergency : out.routine;
    for (const key of [item.category, 'TOTAL']) {
      const t = table.get(key) ?? empty();
      table.set(key, t);
      t.n++;
      if (item.expect === 'emergency') {
        if (rightLevel(item, r)) t.right++;
        if (r.outcome !== 'clear') t.second++;
        if (r.outcome === 'emergency' && !rightLevel(item, r)) t.third++;
        if (r.outcome === 'clear') t.missed++;
      } else {
        if (r.outcome === 'clear') t.right++;
        if (r.outcome === 'emergency' && (r.destination === '999' || r.destination === 'a-and-e')) t.second++;
        if (r.outcome === 'concern') t.third++;
      }
    }
    if (item.expect === 'emergency' && r.outcome === 'clear') out.misses.push(item);
    if (item.expect === 'emergency' && r.outcome === 'emergency' && !rightLevel(item, r))
      out.lessUrgent.push({ item, ruleId: r.ruleId, destination: r.destination });
    if (
      item.expect === 'clear' &&
      r.outcome === 'emergency' &&
      (r.destination === '999' || r.destination === 'a-and-e')
    )
      out.falseAlarms.push({ item, ruleId: r.ruleId, destination: r.destination });
  }
  return out;
}

const pct = (k: number, n: number): string => {
  const ci = wilson(k, n);
  return `${n === 0 ? '-' : ((100 * k) / n).toFixed(1)}% [${(100 * ci.low).toFixed(1)}-${(100 * ci.high).toFixed(1)}]`;
};

function rows(table: Map<string, Tally>, cells: (t: Tally) => string[]): string[][] {
  const keys = [...table.keys()].filter((k) => k !== 'TOTAL').sort();
  return [...keys, 'TOTAL'].filter((k) => table.has(k)).map((k) => [k, ...cells(table.get(k)!)]);
}

function grid(header: string[], body: string[][]): string {
  const w = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (c: string[]): string => c.map((x, i) => (i === 0 ? x.padEnd(w[i]!) : x.padStart(w[i]!))).join('  ');
  return [line(header), w.map((n) => '-'.repeat(n)).join('  '), ...body.map(line)].join('\n');
}

export function formatScored(title: string, s: Scored): string {
  const out = [title];
  if (s.emergency.size > 0) {
    out.push(
      '',
      'Emergencies: sensitivity (Wilson 95 %)',
      grid(
        ['category', 'n', 'right level', 'redirected or concern', 'less urgent', 'left clear'],
        rows(s.emergency, (t) => [
          String(t.n),
          pct(t.right, t.n),
          pct(t.second, t.n),
          String(t.third),
          String(t.missed),
        ]),
      ),
    );
  }
  if (s.routine.size > 0) {
    out.push(
      '',
      'Routine: specificity (Wilson 95 %)',
      grid(
        ['category', 'n', 'left clear', 'to 999/A&E', 'concern'],
        rows(s.routine, (t) => [String(t.n), pct(t.right, t.n), pct(t.second, t.n), pct(t.third, t.n)]),
      ),
    );
  }
  if (s.misses.length) out.push('', 'LEFT CLEAR:', ...s.misses.map((m) => `  [${m.category}] ${m.text}`));
  if (s.lessUrgent.length)
    out.push(
      '',
      'LESS URGENT:',
      ...s.lessUrgent.map(
        (m) =>
          `  [${m.item.category}] want ${m.item.destination ?? '?'} got ${m.destination} (${m.ruleId}) ${m.item.text}`,
      ),
    );
  if (s.falseAlarms.length)
    out.push(
      '',
      'ROUTINE TO 999/A&E:',
      ...s.falseAlarms.map((m) => `  [${m.item.category}] ${m.destination} (${m.ruleId}) ${m.item.text}`),
    );
  return out.join('\n');
}
