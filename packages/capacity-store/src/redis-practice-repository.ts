import { randomUUID } from 'node:crypto';
import type { RedisClient } from '@sluice/redis-scripts';
import type { IsoDay, SafeguardLevel } from '@sluice/contracts';
import { storedLevel, type ApiKeyRecord, type ClientRecord, type PracticeRepository } from './practice-repository';
import { practicesKey } from './redis-keys';

/** Practice documents as JSON strings under the practice's hash tag; levels and dated rotas expire. */
export class RedisPracticeRepository implements PracticeRepository {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix = 'sluice:',
    private readonly retentionSeconds = 35 * 24 * 3600,
  ) {}

  private k(p: string, rest: string) {
    return `${this.prefix}{${p}}:${rest}`;
  }
  private async get(key: string): Promise<unknown | null> {
    const v = await this.redis.get(key);
    return v === null ? null : JSON.parse(v);
  }
  /**
   * Writes a settings document and moves the practice's settings version on, in one transaction of the
   * practice's slot; the practice is registered first (the registry is un-tagged: another slot).
   */
  private async put(p: string, key: string, v: unknown, ttl?: number) {
    await this.redis.sadd(practicesKey(this.prefix), p);
    const m = this.redis.multi();
    if (v === null) m.del(key);
    else if (ttl) m.set(key, JSON.stringify(v), 'EX', ttl);
    else m.set(key, JSON.stringify(v));
    m.set(this.k(p, 'settings-version'), randomUUID());
    await m.exec();
  }

  getConfig(p: string) {
    return this.get(this.k(p, 'config'));
  }
  putConfig(p: string, v: unknown) {
    return this.put(p, this.k(p, 'config'), v);
  }
  getWeeklyRota(p: string) {
    return this.get(this.k(p, 'weekly'));
  }
  putWeeklyRota(p: string, v: unknown) {
    return this.put(p, this.k(p, 'weekly'), v);
  }
  getRota(p: string, d: IsoDay) {
    return this.get(this.k(p, `rota:${d}`));
  }
  putRota(p: string, d: IsoDay, v: unknown) {
    return this.put(p, this.k(p, `rota:${d}`), v, this.retentionSeconds + 400 * 24 * 3600);
  }
  getPause(p: string) {
    return this.get(this.k(p, 'pause'));
  }
  putPause(p: string, v: unknown | null) {
    return this.put(p, this.k(p, 'pause'), v);
  }
  /**
   * One GET per practice, issued together (not MGET: the keys sit in different cluster slots; not an
   * explicit pipeline, which must stay on one Cluster node): the auto-pipelined connection writes them
   * at once, one write per node.
   */
  async settingsVersions(practices: readonly string[]) {
    if (practices.length === 0) return [];
    const versions = await Promise.all(practices.map((p) => this.redis.get(this.k(p, 'settings-version'))));
    return versions.map((v) => v ?? '');
  }
  async getLevel(p: string, d: IsoDay) {
    return storedLevel(await this.redis.get(this.k(p, `level:${d}`)));
  }
  async swapLevel(p: string, d: IsoDay, level: SafeguardLevel) {
    const key = this.k(p, `level:${d}`);
    const [[, prev]] = (await this.redis.multi().getset(key, level).expire(key, this.retentionSeconds).exec()) as [
      [unknown, string | null],
    ];
    return storedLevel(prev);
  }
  async countRecentRoutine(p: string, h: string, sinceMs: number) {
    const key = this.k(p, `fair:${h}`);
    const [, [, n]] = (await this.redis.multi().zremrangebyscore(key, '-inf', `(${sinceMs}`).zcard(key).exec()) as [
      unknown,
      [unknown, number],
    ];
    return n;
  }
  async recordRoutine(p: string, h: string, id: string, atMs: number, ttlSeconds: number) {
    const key = this.k(p, `fair:${h}`);
    // NX: a request recorded again (a redelivery) keeps its first time, so it counts once and never longer.
    await this.redis.multi().zadd(key, 'NX', atMs, id).expire(key, ttlSeconds).exec();
  }
  async putFairUseOverride(p: string, h: string, untilMs: number) {
    await this.redis.set(this.k(p, `fair-override:${h}`), String(untilMs), 'PXAT', untilMs);
  }
  async hasFairUseOverride(p: string, h: string, nowMs: number) {
    const v = await this.redis.get(this.k(p, `fair-override:${h}`));
    return v !== null && Number(v) > nowMs;
  }
  /**
   * A key is stored by its hash (what sign-in looks up) and indexed under its practice by id (what
   * listing and revoking need). Not one transaction: the two keys sit in different cluster slots, so
   * the record is written first and the index last, and revoking deletes the record first: a key is
   * never listed without being usable, nor usable once revoke has answered.
   */
  async putApiKey(r: ApiKeyRecord) {
    await this.redis.sadd(practicesKey(this.prefix), r.practice);
    await this.redis.set(`${this.prefix}apikey:${r.hash}`, JSON.stringify(r));
    await this.redis.hset(this.k(r.practice, 'apikeys'), r.id, r.hash);
  }
  async findApiKey(hash: string) {
    return (await this.get(`${this.prefix}apikey:${hash}`)) as ApiKeyRecord | null;
  }
  async listApiKeys(practice: string) {
    const hashes = Object.values(await this.redis.hgetall(this.k(practice, 'apikeys')));
    const records = await Promise.all(hashes.map((h) => this.findApiKey(h)));
    return records.filter((r): r is ApiKeyRecord => r !== null).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
  async revokeApiKey(practice: string, id: string) {
    const index = this.k(practice, 'apikeys');
    const hash = await this.redis.hget(index, id);
    if (hash === null) return false;
    await this.redis.del(`${this.prefix}apikey:${hash}`);
    await this.redis.hdel(index, id);
    return true;
  }
  async listPractices() {
    return (await this.redis.smembers(practicesKey(this.prefix))).sort();
  }
  async isKnownPractice(p: string) {
    return (await this.redis.sismember(practicesKey(this.prefix), p)) === 1;
  }
  /** As practice keys: the record by hash first, the index (id → hash) last; revoking the other way round. */
  async putClient(r: ClientRecord) {
    await this.redis.set(`${this.prefix}client:${r.hash}`, JSON.stringify(r));
    await this.redis.hset(`${this.prefix}clients`, r.id, r.hash);
  }
  async findClient(hash: string) {
    return (await this.get(`${this.prefix}client:${hash}`)) as ClientRecord | null;
  }
  async listClients() {
    const hashes = Object.values(await this.redis.hgetall(`${this.prefix}clients`));
    const records = await Promise.all(hashes.map((h) => this.findClient(h)));
    return records.filter((r): r is ClientRecord => r !== null).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
  async revokeClient(id: string) {
    const index = `${this.prefix}clients`;
    const hash = await this.redis.hget(index, id);
    if (hash === null) return false;
    await this.redis.del(`${this.prefix}client:${hash}`);
    await this.redis.hdel(index, id);
    return true;
  }
}
