import { randomUUID } from 'node:crypto';
import type { IsoDay, SafeguardLevel } from '@sluice/contracts';
import { storedLevel, type ApiKeyRecord, type ClientRecord, type PracticeRepository } from './practice-repository';

/** JSON round-trips keep callers from sharing mutable objects with the store, as Redis would. */
const copy = <T>(v: T): T => (v === null || v === undefined ? v : JSON.parse(JSON.stringify(v)));

export class MemoryPracticeRepository implements PracticeRepository {
  private readonly docs = new Map<string, unknown>();
  private readonly keys = new Map<string, ApiKeyRecord>();
  private readonly practices = new Set<string>();
  private readonly versions = new Map<string, string>();

  private get(k: string) {
    return this.docs.has(k) ? copy(this.docs.get(k)) : null;
  }
  private put(practice: string, k: string, v: unknown) {
    this.practices.add(practice);
    if (v === null) this.docs.delete(k);
    else this.docs.set(k, copy(v));
  }
  /** A settings document: written like any other, and the practice's settings version moves on. */
  private putSetting(practice: string, k: string, v: unknown) {
    this.put(practice, k, v);
    this.versions.set(practice, randomUUID());
  }

  async getConfig(p: string) {
    return this.get(`${p}:config`);
  }
  async putConfig(p: string, v: unknown) {
    this.putSetting(p, `${p}:config`, v);
  }
  async getWeeklyRota(p: string) {
    return this.get(`${p}:weekly`);
  }
  async putWeeklyRota(p: string, v: unknown) {
    this.putSetting(p, `${p}:weekly`, v);
  }
  async getRota(p: string, d: IsoDay) {
    return this.get(`${p}:rota:${d}`);
  }
  async putRota(p: string, d: IsoDay, v: unknown) {
    this.putSetting(p, `${p}:rota:${d}`, v);
  }
  async getPause(p: string) {
    return this.get(`${p}:pause`);
  }
  async putPause(p: string, v: unknown | null) {
    this.putSetting(p, `${p}:pause`, v);
  }
  async settingsVersions(practices: readonly string[]) {
    return practices.map((p) => this.versions.get(p) ?? '');
  }
  async getLevel(p: string, d: IsoDay) {
    return storedLevel(this.get(`${p}:level:${d}`));
  }
  async swapLevel(p: string, d: IsoDay, level: SafeguardLevel) {
    const prev = storedLevel(this.get(`${p}:level:${d}`));
    // A level is not a registration (as in Redis): it does not make the practice known.
    this.docs.set(`${p}:level:${d}`, level);
    return prev;
  }
  private readonly fair = new Map<string, Map<string, number>>();
  private readonly overrides = new Map<string, number>();
  async countRecentRoutine(p: string, h: string, sinceMs: number) {
    const m = this.fair.get(`${p}:${h}`);
    if (!m) return 0;
    for (const [id, at] of m) if (at < sinceMs) m.delete(id);
    return m.size;
  }
  private fairWrites = 0;
  async recordRoutine(p: string, h: string, id: string, atMs: number, ttlSeconds: number) {
    const k = `${p}:${h}`;
    if (!this.fair.has(k)) this.fair.set(k, new Map());
    const entries = this.fair.get(k)!;
    if (!entries.has(id)) entries.set(id, atMs); // a redelivery keeps its first time, as Redis's ZADD NX
    // As the Redis key's TTL would: every so often drop entries past the window, and patients with none.
    if (++this.fairWrites % 1000 === 0) {
      for (const [key, m] of this.fair) {
        for (const [rid, at] of m) if (at + ttlSeconds * 1000 < atMs) m.delete(rid);
        if (m.size === 0) this.fair.delete(key);
      }
    }
  }
  async putFairUseOverride(p: string, h: string, untilMs: number) {
    this.overrides.set(`${p}:${h}`, untilMs);
  }
  async hasFairUseOverride(p: string, h: string, nowMs: number) {
    return (this.overrides.get(`${p}:${h}`) ?? 0) > nowMs;
  }
  async putApiKey(r: ApiKeyRecord) {
    this.practices.add(r.practice);
    this.keys.set(r.hash, { ...r });
  }
  async findApiKey(hash: string) {
    const r = this.keys.get(hash);
    return r ? { ...r } : null;
  }
  async listApiKeys(practice: string) {
    return [...this.keys.values()]
      .filter((r) => r.practice === practice)
      .map((r) => ({ ...r }))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
  async revokeApiKey(practice: string, id: string) {
    const r = [...this.keys.values()].find((k) => k.practice === practice && k.id === id);
    if (r) this.keys.delete(r.hash);
    return r !== undefined;
  }
  async listPractices() {
    return [...this.practices].sort();
  }
  async isKnownPractice(p: string) {
    return this.practices.has(p);
  }
  private readonly clients = new Map<string, ClientRecord>();
  async putClient(r: ClientRecord) {
    this.clients.set(r.hash, copy(r));
  }
  async findClient(hash: string) {
    const r = this.clients.get(hash);
    return r ? copy(r) : null;
  }
  async listClients() {
    return [...this.clients.values()].map(copy).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
  async revokeClient(id: string) {
    const r = [...this.clients.values()].find((c) => c.id === id);
    if (r) this.clients.delete(r.hash);
    return r !== undefined;
  }
}
