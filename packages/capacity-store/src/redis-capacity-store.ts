import { Redis, type RedisOptions } from 'ioredis';
import type { IsoDay } from '@sluice/contracts';
import { defineScripts, type ScriptCaller } from '@sluice/redis-scripts';
import {
  emptyDemand,
  StoreError,
  type CapacityStore,
  type DayUsage,
  type DecideInput,
  type DecideResult,
  type DemandEntry,
  type HourlyDemand,
  type Promotion,
  type ShareLimits,
  type ShareName,
  type StoredDecision,
  type WaitingList,
  type WaitingListInfo,
} from './capacity-store';
import { loadScript } from './lua';
import { decodeDecision, decodeRecord, limitsArg, planArg, type Reply } from './redis-decision-codec';
import { practiceKeys, practicesKey, type PracticeKeys } from './redis-keys';

export interface RedisCapacityStoreOptions {
  url: string;
  /** Key prefix: tests use a random one and delete it afterwards. */
  prefix?: string;
  /** How long request and day keys live (default 35 days). */
  retentionSeconds?: number;
  redisOptions?: RedisOptions;
}

const DECIDE = { decide: loadScript('decide-2.lua') };
const SCRIPTS = {
  promote: loadScript('promote-4.lua'),
  cancel: loadScript('cancel-3.lua'),
  oldest: loadScript('oldest-1.lua'),
};

/** Practices whose key names and registration this store keeps in memory (England has ~6,300). */
const MAX_PRACTICES_KEPT = 20_000;

/** Decisions per pipeline within one decide() call (see decide). */
const DECIDE_CHUNK = 32;

/**
 * The production store: every decision is one Lua script (check idempotency, reserve or queue,
 * record), so admitted never exceeds a share's limit however many replicas race. A batch of
 * decisions goes out as pipelines on decide()'s own connection: a round trip for many requests.
 */
export class RedisCapacityStore implements CapacityStore {
  readonly redis: Redis;
  /** decide()'s own connection (see the constructor). */
  private readonly decider: Redis;
  private readonly prefix: string;
  private readonly retention: number;
  private readonly retentionArg: string;
  private readonly known = new Set<string>();
  /** Each practice's key names, built once (decide builds five keys per request). */
  private readonly keysOf = new Map<string, PracticeKeys>();
  private readonly scripts: Record<keyof typeof SCRIPTS, ScriptCaller>;
  private readonly decideOne: ScriptCaller;

  constructor(options: RedisCapacityStoreOptions) {
    this.prefix = options.prefix ?? 'sluice:';
    this.retention = options.retentionSeconds ?? 35 * 24 * 3600;
    this.retentionArg = String(this.retention);
    const common: RedisOptions = { maxRetriesPerRequest: 2, lazyConnect: false };
    this.redis = new Redis(options.url, {
      ...common,
      // Auto-pipelining: commands issued in the same tick go out in one write. This connection is the
      // process's (the practice repository, the level refresh, the notifier's ledgers and the console's
      // sessions share it), and without it each command was a write syscall of its own: 13 % of capacity's
      // CPU and 21 % of the notifier's in the e2e profile. Measured back to back: 818 → 1,421 decided/s,
      // p50 110 → 33 ms (docs/performance.md). It was not the cause of the "stalled replica" it was once
      // turned off for (docs/decisions/0007-consumer-concurrency.md).
      enableAutoPipelining: true,
      ...options.redisOptions,
    });
    // decide() has a connection of its own, without auto-pipelining: one request is one EVALSHA written
    // at once (auto-pipelining made it wait a tick and go through a Pipeline object), and a batch is
    // explicit pipelines that the process's other commands do not join (ADR 0009).
    this.decider = new Redis(options.url, { ...common, ...options.redisOptions, enableAutoPipelining: false });
    for (const c of [this.redis, this.decider]) c.on('error', () => undefined); // surfaced as StoreError on each call, and by healthy()
    this.scripts = defineScripts(this.redis, SCRIPTS);
    this.decideOne = defineScripts(this.decider, DECIDE).decide;
  }

  private keys(ods: string): PracticeKeys {
    let k = this.keysOf.get(ods);
    if (!k) {
      // Bounded: intake takes any well-formed practice code, so the codes seen are not a fixed set.
      if (this.keysOf.size >= MAX_PRACTICES_KEPT) this.keysOf.clear();
      this.keysOf.set(ods, (k = practiceKeys(this.prefix, ods)));
    }
    return k;
  }

  private async run<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof StoreError) throw e;
      throw new StoreError(`redis ${what} failed: ${(e as Error).message}`, true, { cause: e });
    }
  }

  async decide(inputs: DecideInput[]): Promise<DecideResult[]> {
    if (inputs.length === 0) return [];
    return this.run('decide', async () => {
      if (inputs.length === 1 && this.known.has(inputs[0]!.practice)) {
        // One request, a known practice: the script on its own, no pipeline to build (the common case
        // when traffic is light, and what "one at a time" in the bench measures).
        const input = inputs[0]!;
        const reply = await this.decideOne(...this.decideArgs(input)).catch((e: Error) => {
          throw decideError(e);
        });
        return [decodeDecision(input, reply as string)];
      }
      const fresh: string[] = [];
      for (const i of inputs) if (!this.known.has(i.practice) && !fresh.includes(i.practice)) fresh.push(i.practice);
      // Several pipelines written back to back rather than one: Redis starts on the first while
      // this process still encodes the next, and replies are decoded while Redis works on the rest.
      const chunks: Promise<DecideResult[]>[] = [];
      for (let from = 0; from < inputs.length; from += DECIDE_CHUNK) {
        chunks.push(this.decideChunk(inputs.slice(from, from + DECIDE_CHUNK), from === 0 ? fresh : []));
      }
      const results = (await Promise.all(chunks)).flat();
      // Forgetting a practice only costs one SADD again (the practice set is idempotent).
      if (this.known.size + fresh.length > MAX_PRACTICES_KEPT) this.known.clear();
      for (const p of fresh) this.known.add(p);
      return results;
    });
  }

  /** decide-2.lua's keys and arguments for one request: eight, since ioredis's work grows with each. */
  private decideArgs(i: DecideInput): string[] {
    const k = this.keys(i.practice);
    const p = i.plan;
    // A redirect's payload is never read (it cannot be promoted or cancelled): not sent.
    return [k.record(i.requestId), k.day(p.day), i.requestId, String(i.arrivalMs), p.type === 'redirect' ? '' : i.payload,
      this.retentionArg, limitsArg(i.defaultLimits), planArg(p)];
  }

  private async decideChunk(inputs: DecideInput[], fresh: string[]): Promise<DecideResult[]> {
    const pipe = this.decider.pipeline();
    if (fresh.length) pipe.sadd(practicesKey(this.prefix), ...fresh);
    const decide = (pipe as unknown as Record<string, (...a: unknown[]) => void>)[DECIDE.decide.name]!;
    for (const i of inputs) decide.apply(pipe, this.decideArgs(i));
    const results = (await pipe.exec()) ?? [];
    const replies = fresh.length ? results.slice(1) : results;
    return replies.map(([err, reply], n) => {
      if (err) throw decideError(err);
      return decodeDecision(inputs[n]!, reply as string);
    });
  }

  async setDayLimits(practice: string, day: IsoDay, limits: ShareLimits): Promise<void> {
    await this.run('setDayLimits', async () => {
      const key = this.keys(practice).day(day);
      await this.redis
        .multi()
        .hset(key, 'limit:routine', limits.routine, 'limit:urgent', limits.urgent, 'limit:admin', limits.admin)
        .expire(key, this.retention)
        .sadd(practicesKey(this.prefix), practice)
        .exec();
    });
  }

  async usage(practice: string, day: IsoDay): Promise<DayUsage> {
    return this.run('usage', async () => {
      const h = await this.redis.hgetall(this.keys(practice).day(day));
      const n = (f: string) => Number(h[f] ?? 0);
      return {
        day,
        limits: h['limit:routine'] === undefined ? null : { routine: n('limit:routine'), urgent: n('limit:urgent'), admin: n('limit:admin') },
        used: { routine: n('used:routine'), urgent: n('used:urgent'), admin: n('used:admin') },
        overbooked: { routine: n('over:routine'), urgent: n('over:urgent'), admin: n('over:admin') },
      };
    });
  }

  async promote(practice: string, day: IsoDay, defaultLimits: ShareLimits, max = 1000): Promise<Promotion[]> {
    return this.run('promote', async () => {
      const k = this.keys(practice);
      const flat = (await this.scripts.promote(k.day(day), k.clinicalList, k.adminList, k.outbox, day, limitsArg(defaultLimits), max, this.retention, k.recordPrefix, k.legacyRequestPrefix)) as Reply;
      const out: Promotion[] = [];
      for (let i = 0; i < flat.length; i += 4) {
        out.push({
          decision: { requestId: String(flat[i]), practice, day, outcome: 'accepted', reasonCode: 'promoted', share: String(flat[i + 2]) as ShareName, sequence: Number(flat[i + 1]) },
          payload: String(flat[i + 3]),
        });
      }
      return out;
    });
  }

  async pendingOutbox(practice: string): Promise<Promotion[]> {
    return this.run('pendingOutbox', async () => {
      const k = this.keys(practice);
      const ids = [...new Set(await this.redis.lrange(k.outbox, 0, 999))];
      if (ids.length === 0) return [];
      // One MGET: the records share the practice's hash slot.
      const records = await this.redis.mget(ids.map((id) => k.record(id)));
      const out: Promotion[] = [];
      records.forEach((r, n) => {
        if (r !== null) out.push(decodeRecord(practice, ids[n]!, r).promotion);
      });
      return out;
    });
  }

  async ackOutbox(practice: string, requestIds: string[]): Promise<void> {
    if (requestIds.length === 0) return;
    await this.run('ackOutbox', async () => {
      const k = this.keys(practice);
      const m = this.redis.multi();
      for (const id of requestIds) m.lrem(k.outbox, 0, id);
      await m.exec();
    });
  }

  async cancel(practice: string, requestId: string): Promise<Promotion | null> {
    return this.run('cancel', async () => {
      const k = this.keys(practice);
      const after = (await this.scripts.cancel(k.record(requestId), k.clinicalList, k.adminList, k.dayPrefix, requestId)) as string;
      return after === '' ? null : decodeRecord(practice, requestId, after).promotion;
    });
  }

  async getDecision(practice: string, requestId: string): Promise<StoredDecision | null> {
    return this.run('getDecision', async () => {
      const r = await this.redis.get(this.keys(practice).record(requestId));
      return r === null ? null : decodeRecord(practice, requestId, r).promotion.decision;
    });
  }

  async position(practice: string, requestId: string): Promise<number | null> {
    return this.run('position', async () => {
      const k = this.keys(practice);
      const r = await this.redis.get(k.record(requestId));
      if (r === null) return null;
      const { promotion: { decision }, qm } = decodeRecord(practice, requestId, r);
      if (decision.outcome !== 'queued' || !qm) return null;
      const rank = await this.redis.zrank(decision.list === 'admin' ? k.adminList : k.clinicalList, `${qm}:${requestId}`);
      return rank === null ? null : rank + 1;
    });
  }

  async waitingList(practice: string, list: WaitingList): Promise<WaitingListInfo> {
    return this.run('waitingList', async () => {
      const k = this.keys(practice);
      const key = list === 'admin' ? k.adminList : k.clinicalList;
      // Oldest by arrival, not by score: a priority-0 request can be younger than the routine ones
      // behind it. The script reads the head of each priority band (see oldest-1.lua).
      const [depth, oldest] = (await this.scripts.oldest(key)) as Reply;
      return { depth: Number(depth), oldestArrivalMs: oldest === '' || oldest === undefined ? null : Number(oldest) };
    });
  }

  async recordDemand(entries: DemandEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.run('recordDemand', async () => {
      // One pipeline for the batch; the hash lives as long as the day's other keys.
      const pipe = this.redis.pipeline();
      for (const e of entries) {
        const key = this.keys(e.practice).demand(e.day);
        pipe.hincrby(key, `${e.hour}:${e.kind}`, 1).expire(key, this.retention);
      }
      const replies = (await pipe.exec()) ?? [];
      const failed = replies.find(([err]) => err);
      if (failed) throw failed[0];
    });
  }

  async demandByHour(practice: string, day: IsoDay): Promise<HourlyDemand> {
    return this.run('demandByHour', async () => {
      const h = await this.redis.hgetall(this.keys(practice).demand(day));
      const d = emptyDemand(day);
      for (const [field, n] of Object.entries(h)) {
        const [hour, kind] = field.split(':');
        if ((kind === 'clinical' || kind === 'admin') && Number(hour) >= 0 && Number(hour) < 24) d[kind][Number(hour)] = Number(n);
      }
      return d;
    });
  }

  async practices(): Promise<string[]> {
    return this.run('practices', async () => (await this.redis.smembers(practicesKey(this.prefix))).sort());
  }

  async healthy(): Promise<boolean> {
    try {
      const [a, b] = await Promise.all([this.redis.ping(), this.decider.ping()]);
      return a === 'PONG' && b === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
    this.decider.disconnect();
  }
}

/** A script error (ERR: a bug or bad data, not worth retrying) or a connection failure (retriable). */
function decideError(err: Error): StoreError {
  return new StoreError(`decide script failed: ${err.message}`, !/ERR/.test(err.message), { cause: err });
}
