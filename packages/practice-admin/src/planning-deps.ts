import type { DemandRecord, ImportedRow } from '@sluice/forecast';

/**
 * Where a practice's demand history is kept: counts only (when, kind, urgency), imported from its
 * online consultation tool's export or recorded from Sluice's own decisions. Never text or identity.
 */
export interface DemandHistory {
  /** Adds the rows not seen before (by their key); importing the same rows again adds nothing. */
  importRows(practice: string, rows: readonly ImportedRow[]): Promise<{ added: number; duplicates: number }>;
  /** Requests received in [from, to), oldest first. */
  demand(practice: string, from: Date, to: Date): Promise<DemandRecord[]>;
}

/** The in-memory history of the embedded default and of tests: one map per practice, keyed by row key. */
export class MemoryDemandHistory implements DemandHistory {
  private readonly byPractice = new Map<string, Map<string, DemandRecord>>();

  async importRows(practice: string, rows: readonly ImportedRow[]): Promise<{ added: number; duplicates: number }> {
    let rowsOf = this.byPractice.get(practice);
    if (!rowsOf) {
      rowsOf = new Map();
      this.byPractice.set(practice, rowsOf);
    }
    let added = 0;
    for (const { key, receivedAt, kind, urgency } of rows) {
      if (rowsOf.has(key)) continue;
      rowsOf.set(key, { receivedAt, kind, urgency });
      added += 1;
    }
    return { added, duplicates: rows.length - added };
  }

  async demand(practice: string, from: Date, to: Date): Promise<DemandRecord[]> {
    const out: DemandRecord[] = [];
    for (const r of this.byPractice.get(practice)?.values() ?? []) {
      if (r.receivedAt >= from && r.receivedAt < to) out.push(r);
    }
    return out.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
  }
}
