import type { ApiKeyRecord } from '@sluice/capacity-store';

/** The settings documents a practice has; a dated rota's slot is its ISO day, every other slot is ''. */
export type DocumentKind = 'config' | 'weekly-rota' | 'rota' | 'pause';

export interface StoredDocument {
  practice: string;
  kind: DocumentKind;
  slot: string;
  /** Null for a document cleared (a lifted pause). */
  document: unknown | null;
  /** The settings version token the hot store hands out after this write. */
  version: string;
  writtenAt: string;
}

export interface DocumentWrite extends StoredDocument {
  /** Who wrote it, when known (the console's signed-in principal, the operator). */
  writtenBy?: string;
}

/** One line of the ICB's audit of exceptional-circumstances pauses. */
export interface PauseAuditEntry {
  practice: string;
  action: 'declared' | 'lifted';
  reason?: string;
  by?: string;
  until?: string;
  at: string;
}

/** A request's screening at intake. Never the text that was screened. */
export interface ScreeningRow {
  requestId: string;
  practice: string;
  receivedAt: string;
  kind: string;
  urgency: string;
  outcome: string;
  ruleId?: string;
  rulesVersion?: string;
  destination?: string;
  source?: string;
}

/** One decision on a request; (requestId, sequence) is its identity. Never contact details. */
export interface DecisionRow {
  requestId: string;
  sequence: number;
  practice: string;
  day: string;
  outcome: string;
  reasonCode: string;
  share?: string;
  destination?: string;
  queuePosition?: number;
  expectedDay?: string;
  flags: string[];
  kind: string;
  urgency: string;
  receivedAt: string;
  decidedAt: string;
}

/** One request counted in a practice's demand: when, kind, urgency; nothing else. */
export interface DemandRow {
  receivedAt: Date;
  kind: 'clinical' | 'admin';
  urgency: 'routine' | 'urgent';
}

export interface Pruned {
  screenings: number;
  decisions: number;
}

/**
 * Practices' settings as written by people: PostgreSQL (or PGlite) first, the hot store after. Every
 * document write is kept (document history); the current value of each is what a rebuilt store gets.
 */
export interface SettingsRecord {
  putDocument(write: DocumentWrite): Promise<void>;
  getDocument(practice: string, kind: DocumentKind, slot?: string): Promise<StoredDocument | null>;
  /** Every current document of a practice (what a rebuilt hot store is given). */
  documents(practice: string): Promise<StoredDocument[]>;
  /** Every write of one document, oldest first. */
  documentHistory(practice: string, kind: DocumentKind, slot?: string): Promise<DocumentWrite[]>;
  appendPauseAudit(entry: PauseAuditEntry): Promise<void>;
  pauseAudit(practice: string): Promise<PauseAuditEntry[]>;
  putApiKey(record: ApiKeyRecord): Promise<void>;
  /** Marks a key revoked (kept for the audit). False when the practice has no live key with that id. */
  revokeApiKey(practice: string, id: string, at: string): Promise<boolean>;
  /** Live keys; every practice's when `practice` is omitted. Oldest first. */
  apiKeys(practice?: string): Promise<ApiKeyRecord[]>;
  practices(): Promise<string[]>;
}

/** Every screening and decision, written by the history consumer. Writes are idempotent. */
export interface HistoryRecord {
  /** Resolves to how many rows were new (a redelivered row is not). */
  writeScreenings(rows: ScreeningRow[]): Promise<number>;
  writeDecisions(rows: DecisionRow[]): Promise<number>;
  screening(requestId: string): Promise<ScreeningRow | null>;
  /** A request's decisions, by sequence. */
  decisions(requestId: string): Promise<DecisionRow[]>;
  /** A practice-day's decisions in the order they were made (decided at, then sequence). */
  decisionsOn(practice: string, day: string): Promise<DecisionRow[]>;
  /** Adds imported demand rows not seen before (by key); importing the same rows again adds nothing. */
  importRows(
    practice: string,
    rows: readonly (DemandRow & { key: string })[],
  ): Promise<{ added: number; duplicates: number }>;
  /** Requests received in [from, to), oldest first: the imported rows and Sluice's own screenings. */
  demand(practice: string, from: Date, to: Date): Promise<DemandRow[]>;
  /** Deletes screenings received and decisions made before `before` (retention). */
  prune(before: string): Promise<Pruned>;
}

export interface SluiceRecord extends SettingsRecord, HistoryRecord {
  readonly kind: 'postgres' | 'pglite' | 'memory';
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}
