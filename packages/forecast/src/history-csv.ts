import { createHash } from 'node:crypto';
import { IsoInstant, RequestKind, Urgency } from '@sluice/contracts';
import { parse } from 'csv-parse/sync';
import type { DemandRecord } from './history';

/** The columns an online consultation tool's export must have (any order; others are ignored). */
export const HISTORY_COLUMNS = ['received_at', 'kind', 'urgency'] as const;
/** A year of a large practice's requests, with room to spare; a bigger file is split by the caller. */
export const MAX_HISTORY_ROWS = 200_000;
/** Rows named in a problem: enough to fix a file, not a copy of it. */
const MAX_ROW_PROBLEMS = 50;

/** One imported row: the counts the forecast needs and a key that makes importing it again a no-op. */
export interface ImportedRow extends DemandRecord {
  /** Same row, same file → same key: (practice, instant, kind, urgency, its occurrence among identical rows). */
  key: string;
}

export interface RowProblem {
  /** Line in the file (the header is line 1). */
  line: number;
  problems: string[];
}

export type HistoryImport = { ok: true; rows: ImportedRow[] } | { ok: false; detail: string; rows: RowProblem[] };

function problemsOf(record: Record<string, string>): string[] {
  const problems: string[] = [];
  if (!IsoInstant.safeParse(record.received_at).success)
    problems.push('received_at: an ISO 8601 date and time with its offset, e.g. 2026-03-02T08:15:00+00:00');
  if (!RequestKind.safeParse(record.kind).success) problems.push('kind: clinical or admin');
  if (!Urgency.safeParse(record.urgency).success) problems.push('urgency: routine or urgent');
  return problems;
}

/**
 * Reads a practice's request history from CSV, all or nothing: every row valid, or a list of the
 * rows that are not (never their content beyond the column named). Only the three columns are kept,
 * so whatever else the export holds (names, text) never goes further than this function.
 */
export function parseHistoryCsv(practice: string, text: string): HistoryImport {
  let records: Record<string, string>[];
  try {
    records = parse(text, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
    });
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    return {
      ok: false,
      detail: 'The file is not valid CSV.',
      rows: line
        ? [{ line, problems: ['not valid CSV here (a stray quote, or a row with the wrong number of fields)'] }]
        : [],
    };
  }
  const first = records[0];
  const missing = first ? HISTORY_COLUMNS.filter((c) => !(c in first)) : [...HISTORY_COLUMNS];
  if (missing.length > 0)
    return {
      ok: false,
      detail: `The header must name the columns ${HISTORY_COLUMNS.join(', ')}; missing: ${missing.join(', ')}.`,
      rows: [],
    };
  if (records.length > MAX_HISTORY_ROWS)
    return {
      ok: false,
      detail: `At most ${MAX_HISTORY_ROWS} rows in one file; this one has ${records.length}.`,
      rows: [],
    };

  const bad: RowProblem[] = [];
  let badCount = 0;
  const rows: ImportedRow[] = [];
  const seen = new Map<string, number>();
  records.forEach((record, i) => {
    const problems = problemsOf(record);
    if (problems.length > 0) {
      badCount += 1;
      if (bad.length < MAX_ROW_PROBLEMS) bad.push({ line: i + 2, problems });
      return;
    }
    const receivedAt = new Date(record.received_at!);
    const identity = `${practice}|${receivedAt.toISOString()}|${record.kind}|${record.urgency}`;
    const occurrence = (seen.get(identity) ?? 0) + 1;
    seen.set(identity, occurrence);
    rows.push({
      receivedAt,
      kind: record.kind as DemandRecord['kind'],
      urgency: record.urgency as DemandRecord['urgency'],
      key: createHash('sha256').update(`${identity}|${occurrence}`).digest('hex').slice(0, 32),
    });
  });
  if (badCount > 0) {
    const more = badCount > bad.length ? ` (the first ${bad.length} are listed)` : '';
    return {
      ok: false,
      detail: `${badCount} row${badCount === 1 ? '' : 's'} could not be read${more}; nothing was imported.`,
      rows: bad,
    };
  }
  return { ok: true, rows };
}
