import { randomUUID } from 'node:crypto';
import type { ApiKeyRecord, ClientRecord, PracticeRepository } from '@sluice/capacity-store';
import type { IsoDay, SafeguardLevel } from '@sluice/contracts';
import type { DocumentKind, SettingsRecord } from './record';

/**
 * The practice repository the admin functions use: every settings write goes to the record first
 * (PostgreSQL or PGlite) and only then to the hot store (Redis or memory), so a write the hot store
 * holds is always in the record too, and a hot store that loses its data can be given it back
 * (`restoreSettings`). A write the record refuses throws before the hot store is touched. Reads, levels
 * and fair use are the hot store's alone: they change per request and open days rebuild them.
 */
export class RecordedPracticeRepository implements PracticeRepository {
  constructor(
    private readonly hot: PracticeRepository,
    private readonly record: SettingsRecord,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private async write(practice: string, kind: DocumentKind, slot: string, document: unknown | null): Promise<void> {
    await this.record.putDocument({
      practice,
      kind,
      slot,
      document,
      version: randomUUID(),
      writtenAt: this.now().toISOString(),
    });
  }

  async putConfig(p: string, config: unknown): Promise<void> {
    await this.write(p, 'config', '', config);
    await this.hot.putConfig(p, config);
  }

  async putWeeklyRota(p: string, rota: unknown): Promise<void> {
    await this.write(p, 'weekly-rota', '', rota);
    await this.hot.putWeeklyRota(p, rota);
  }

  async putRota(p: string, day: IsoDay, rota: unknown): Promise<void> {
    await this.write(p, 'rota', day, rota);
    await this.hot.putRota(p, day, rota);
  }

  async putPause(p: string, pause: unknown | null): Promise<void> {
    await this.write(p, 'pause', '', pause);
    const at = this.now().toISOString();
    if (pause === null) await this.record.appendPauseAudit({ practice: p, action: 'lifted', at });
    else {
      const b = pause as { reason?: unknown; by?: unknown; until?: unknown };
      await this.record.appendPauseAudit({
        practice: p,
        action: 'declared',
        at,
        ...(typeof b.reason === 'string' ? { reason: b.reason } : {}),
        ...(typeof b.by === 'string' ? { by: b.by } : {}),
        ...(typeof b.until === 'string' ? { until: b.until } : {}),
      });
    }
    await this.hot.putPause(p, pause);
  }

  async putApiKey(record: ApiKeyRecord): Promise<void> {
    await this.record.putApiKey(record);
    await this.hot.putApiKey(record);
  }

  async revokeApiKey(practice: string, id: string): Promise<boolean> {
    const inRecord = await this.record.revokeApiKey(practice, id, this.now().toISOString());
    const inHot = await this.hot.revokeApiKey(practice, id);
    return inRecord || inHot;
  }

  getConfig(p: string) {
    return this.hot.getConfig(p);
  }
  getWeeklyRota(p: string) {
    return this.hot.getWeeklyRota(p);
  }
  getRota(p: string, day: IsoDay) {
    return this.hot.getRota(p, day);
  }
  getPause(p: string) {
    return this.hot.getPause(p);
  }
  settingsVersions(practices: readonly string[]) {
    return this.hot.settingsVersions(practices);
  }
  getLevel(p: string, day: IsoDay) {
    return this.hot.getLevel(p, day);
  }
  swapLevel(p: string, day: IsoDay, level: SafeguardLevel) {
    return this.hot.swapLevel(p, day, level);
  }
  countRecentRoutine(p: string, h: string, sinceMs: number) {
    return this.hot.countRecentRoutine(p, h, sinceMs);
  }
  recordRoutine(p: string, h: string, id: string, atMs: number, ttl: number) {
    return this.hot.recordRoutine(p, h, id, atMs, ttl);
  }
  putFairUseOverride(p: string, h: string, untilMs: number) {
    return this.hot.putFairUseOverride(p, h, untilMs);
  }
  hasFairUseOverride(p: string, h: string, nowMs: number) {
    return this.hot.hasFairUseOverride(p, h, nowMs);
  }
  findApiKey(hash: string) {
    return this.hot.findApiKey(hash);
  }
  listApiKeys(practice: string) {
    return this.hot.listApiKeys(practice);
  }
  listPractices() {
    return this.hot.listPractices();
  }
  isKnownPractice(p: string) {
    return this.hot.isKnownPractice(p);
  }
  // Client keys (issue #18) live in the hot store only for now: a store that loses its data loses them,
  // and the operator issues them again. Putting them in the record is the next migration.
  putClient(record: ClientRecord) {
    return this.hot.putClient(record);
  }
  findClient(hash: string) {
    return this.hot.findClient(hash);
  }
  listClients() {
    return this.hot.listClients();
  }
  revokeClient(id: string) {
    return this.hot.revokeClient(id);
  }
}

export interface RestoredSettings {
  practices: number;
  documents: number;
  keys: number;
}

/**
 * Gives a hot store that lost its data (a Redis restarted empty, a restarted embedded process)
 * every practice's current settings and live keys back from the record. Only what the hot store
 * lacks is written, so settings written since are never overwritten by older ones; and a
 * settings write moves the practice's version on, so no replica keeps settings it parsed before.
 * Dated rotas before `fromDay` are history, not hot state, and stay in the record only.
 */
export async function restoreSettings(
  record: SettingsRecord,
  hot: PracticeRepository,
  options: { fromDay?: IsoDay } = {},
): Promise<RestoredSettings> {
  const out: RestoredSettings = { practices: 0, documents: 0, keys: 0 };
  for (const practice of await record.practices()) {
    let touched = false;
    for (const d of await record.documents(practice)) {
      if (d.kind === 'config' && d.document !== null && (await hot.getConfig(practice)) === null)
        await hot.putConfig(practice, d.document);
      else if (d.kind === 'weekly-rota' && d.document !== null && (await hot.getWeeklyRota(practice)) === null)
        await hot.putWeeklyRota(practice, d.document);
      else if (
        d.kind === 'rota' &&
        d.document !== null &&
        (!options.fromDay || d.slot >= options.fromDay) &&
        (await hot.getRota(practice, d.slot)) === null
      )
        await hot.putRota(practice, d.slot, d.document);
      else if (d.kind === 'pause' && d.document !== null && (await hot.getPause(practice)) === null)
        await hot.putPause(practice, d.document);
      else continue;
      out.documents += 1;
      touched = true;
    }
    if (touched) out.practices += 1;
  }
  for (const key of await record.apiKeys()) {
    if (await hot.findApiKey(key.hash)) continue;
    await hot.putApiKey(key);
    out.keys += 1;
  }
  return out;
}
