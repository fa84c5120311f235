import type { ApiKeyRecord } from '@sluice/capacity-store';
import type {
  DecisionRow,
  DemandRow,
  DocumentKind,
  DocumentWrite,
  PauseAuditEntry,
  Pruned,
  ScreeningRow,
  SluiceRecord,
  StoredDocument,
} from './record';

const copy = <T>(v: T): T => (v === undefined ? v : structuredClone(v));
const ms = (iso: string): number => new Date(iso).getTime();

/**
 * The record in memory: what is left when a process has neither DATABASE_URL nor a data directory
 * (tests, a throwaway demo). Passes the same contract as PostgreSQL and PGlite; keeps nothing across
 * a restart, so it is never the embedded default.
 */
export class MemoryRecord implements SluiceRecord {
  readonly kind = 'memory' as const;
  readonly where = 'memory';
  private readonly docs = new Map<string, StoredDocument>();
  private readonly history: DocumentWrite[] = [];
  private readonly audit: PauseAuditEntry[] = [];
  private readonly keys = new Map<string, ApiKeyRecord & { revokedAt?: string }>();
  private readonly known = new Set<string>();
  private readonly screenings = new Map<string, ScreeningRow>();
  private readonly decided = new Map<string, DecisionRow>();
  private readonly imported = new Map<string, DemandRow & { practice: string }>();

  async putDocument(w: DocumentWrite): Promise<void> {
    this.known.add(w.practice);
    const stored: StoredDocument = {
      practice: w.practice,
      kind: w.kind,
      slot: w.slot,
      document: copy(w.document ?? null),
      version: w.version,
      writtenAt: iso(w.writtenAt),
    };
    this.docs.set(docKey(w.practice, w.kind, w.slot), stored);
    this.history.push({ ...copy(stored), ...(w.writtenBy ? { writtenBy: w.writtenBy } : {}) });
  }

  async getDocument(practice: string, kind: DocumentKind, slot = ''): Promise<StoredDocument | null> {
    return copy(this.docs.get(docKey(practice, kind, slot)) ?? null);
  }

  async documents(practice: string): Promise<StoredDocument[]> {
    return [...this.docs.values()]
      .filter((d) => d.practice === practice)
      .sort((a, b) => cmp(a.kind, b.kind) || cmp(a.slot, b.slot))
      .map(copy);
  }

  async documentHistory(practice: string, kind: DocumentKind, slot = ''): Promise<DocumentWrite[]> {
    return this.history.filter((d) => d.practice === practice && d.kind === kind && d.slot === slot).map(copy);
  }

  async appendPauseAudit(entry: PauseAuditEntry): Promise<void> {
    this.known.add(entry.practice);
    this.audit.push({ ...copy(entry), at: iso(entry.at), ...(entry.until ? { until: iso(entry.until) } : {}) });
  }

  async pauseAudit(practice: string): Promise<PauseAuditEntry[]> {
    return this.audit.filter((e) => e.practice === practice).map(copy);
  }

  async putApiKey(record: ApiKeyRecord): Promise<void> {
    this.known.add(record.practice);
    if (!this.keys.has(record.id)) this.keys.set(record.id, { ...copy(record), createdAt: iso(record.createdAt) });
  }

  async revokeApiKey(practice: string, id: string, at: string): Promise<boolean> {
    const k = this.keys.get(id);
    if (!k || k.practice !== practice || k.revokedAt) return false;
    k.revokedAt = at;
    return true;
  }

  async apiKeys(practice?: string): Promise<ApiKeyRecord[]> {
    return [...this.keys.values()]
      .filter((k) => !k.revokedAt && (practice === undefined || k.practice === practice))
      .sort((a, b) => ms(a.createdAt) - ms(b.createdAt) || cmp(a.id, b.id))
      .map(({ revokedAt: _r, ...k }) => copy(k));
  }

  async practices(): Promise<string[]> {
    return [...this.known].sort(cmp);
  }

  async writeScreenings(rows: ScreeningRow[]): Promise<number> {
    let added = 0;
    for (const r of rows) {
      if (this.screenings.has(r.requestId)) continue;
      this.screenings.set(r.requestId, { ...copy(r), receivedAt: iso(r.receivedAt) });
      added += 1;
    }
    return added;
  }

  async writeDecisions(rows: DecisionRow[]): Promise<number> {
    let added = 0;
    for (const r of rows) {
      const key = `${r.requestId}/${r.sequence}`;
      if (this.decided.has(key)) continue;
      this.decided.set(key, { ...copy(r), receivedAt: iso(r.receivedAt), decidedAt: iso(r.decidedAt) });
      added += 1;
    }
    return added;
  }

  async screening(requestId: string): Promise<ScreeningRow | null> {
    return copy(this.screenings.get(requestId) ?? null);
  }

  async decisions(requestId: string): Promise<DecisionRow[]> {
    return [...this.decided.values()]
      .filter((d) => d.requestId === requestId)
      .sort((a, b) => a.sequence - b.sequence)
      .map(copy);
  }

  async decisionsOn(practice: string, day: string): Promise<DecisionRow[]> {
    return [...this.decided.values()]
      .filter((d) => d.practice === practice && d.day === day)
      .sort((a, b) => ms(a.decidedAt) - ms(b.decidedAt) || a.sequence - b.sequence || cmp(a.requestId, b.requestId))
      .map(copy);
  }

  async importRows(
    practice: string,
    rows: readonly (DemandRow & { key: string })[],
  ): Promise<{ added: number; duplicates: number }> {
    let added = 0;
    for (const r of rows) {
      const k = `${practice}\u0000${r.key}`;
      if (this.imported.has(k)) continue;
      this.imported.set(k, { practice, receivedAt: new Date(r.receivedAt), kind: r.kind, urgency: r.urgency });
      added += 1;
    }
    return { added, duplicates: rows.length - added };
  }

  async demand(practice: string, from: Date, to: Date): Promise<DemandRow[]> {
    const within = (at: Date) => at >= from && at < to;
    const rows: DemandRow[] = [...this.imported.values()]
      .filter((r) => r.practice === practice && within(r.receivedAt))
      .map(({ practice: _p, ...r }) => ({ ...r, receivedAt: new Date(r.receivedAt) }));
    for (const s of this.screenings.values()) {
      const at = new Date(s.receivedAt);
      if (s.practice === practice && within(at))
        rows.push({ receivedAt: at, kind: s.kind as DemandRow['kind'], urgency: s.urgency as DemandRow['urgency'] });
    }
    return rows.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
  }

  async prune(before: string): Promise<Pruned> {
    const cut = ms(before);
    let screenings = 0;
    let decisions = 0;
    for (const [k, s] of this.screenings) {
      if (ms(s.receivedAt) < cut && this.screenings.delete(k)) screenings += 1;
    }
    for (const [k, d] of this.decided) {
      if (ms(d.decidedAt) < cut && this.decided.delete(k)) decisions += 1;
    }
    return { screenings, decisions };
  }

  async healthy(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {}
}

const docKey = (practice: string, kind: string, slot: string): string => `${practice}\u0000${kind}\u0000${slot}`;
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const iso = (s: string): string => new Date(s).toISOString();
