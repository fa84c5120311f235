import { SafeguardLevel, type IsoDay } from '@sluice/contracts';

/** An API key as stored: only its SHA-256 hash, never the key. */
/** A stored level as the level it names, or null for none or anything else. */
export const storedLevel = (value: unknown): SafeguardLevel | null => SafeguardLevel.safeParse(value).data ?? null;

export interface ApiKeyRecord {
  id: string;
  practice: string;
  hash: string;
  createdAt: string;
  label?: string;
}

/**
 * A client (an online consultation tool, server to server) as stored: its key's SHA-256 hash, never
 * the key; the practices it may post for; an optional requests-per-minute limit of its own.
 */
export interface ClientRecord {
  id: string;
  name: string;
  practices: string[];
  hash: string;
  createdAt: string;
  rateLimitPerMinute?: number;
}

/**
 * A practice's settings: configuration, weekly rota template, dated rotas, the exceptional-
 * circumstances pause and API key hashes. Values are JSON documents the capacity service validates
 * (with the contracts' zod schemas) on the way in and on the way out.
 */
export interface PracticeRepository {
  getConfig(practice: string): Promise<unknown | null>;
  putConfig(practice: string, config: unknown): Promise<void>;
  getWeeklyRota(practice: string): Promise<unknown | null>;
  putWeeklyRota(practice: string, rota: unknown): Promise<void>;
  getRota(practice: string, day: IsoDay): Promise<unknown | null>;
  putRota(practice: string, day: IsoDay, rota: unknown): Promise<void>;
  getPause(practice: string): Promise<unknown | null>;
  putPause(practice: string, pause: unknown | null): Promise<void>;
  /**
   * A token per practice that changes whenever its config, weekly rota, a dated rota or its pause is
   * written ('' for a practice never set up). A capacity replica keeps parsed settings while this stays
   * the same, so a batch reads one small value per practice instead of every document. A fresh random
   * token per write, not a counter: a store that lost its data and was written again must never hand
   * back a version a replica already holds for other settings.
   */
  settingsVersions(practices: readonly string[]): Promise<string[]>;
  /** Day the practice's level was last computed for, and the level (for hysteresis and change events). */
  getLevel(practice: string, day: IsoDay): Promise<SafeguardLevel | null>;
  /**
   * Sets the level; resolves to the previous one (atomic swap, so one change makes one event). A stored
   * value that is not a level reads as none, so the level is computed afresh.
   */
  swapLevel(practice: string, day: IsoDay, level: SafeguardLevel): Promise<SafeguardLevel | null>;
  /** Fair use: routine requests a patient (by salted contact hash, never the contact) made since `sinceMs`. */
  countRecentRoutine(practice: string, contactHash: string, sinceMs: number): Promise<number>;
  /** Idempotent on the request id: recording it again keeps its first time. */
  recordRoutine(
    practice: string,
    contactHash: string,
    requestId: string,
    atMs: number,
    ttlSeconds: number,
  ): Promise<void>;
  /** Staff lift the fair-use limit for one patient until `untilMs`. */
  putFairUseOverride(practice: string, contactHash: string, untilMs: number): Promise<void>;
  hasFairUseOverride(practice: string, contactHash: string, nowMs: number): Promise<boolean>;
  putApiKey(record: ApiKeyRecord): Promise<void>;
  findApiKey(hash: string): Promise<ApiKeyRecord | null>;
  /** A practice's keys, oldest first (records carry the hash: callers must not show it). */
  listApiKeys(practice: string): Promise<ApiKeyRecord[]>;
  /** Revokes one key at once: it is found no more. False when the practice has no key with that id. */
  revokeApiKey(practice: string, id: string): Promise<boolean>;
  listPractices(): Promise<string[]>;
  /**
   * A practice is known once the operator has set it up (any settings written, a practice key issued):
   * intake refuses requests for any other, creating nothing for it.
   */
  isKnownPractice(practice: string): Promise<boolean>;
  putClient(record: ClientRecord): Promise<void>;
  findClient(hash: string): Promise<ClientRecord | null>;
  /** Every client, oldest first (records carry the hash: callers must not show it). */
  listClients(): Promise<ClientRecord[]>;
  /** Revokes a client's key at once. False when no client has that id. */
  revokeClient(id: string): Promise<boolean>;
}
