import type { RedisOptions } from 'ioredis';
import type { Destination, IsoDay } from '@sluice/contracts';
import {
  createRedisConnector,
  defineScripts,
  type RedisClient,
  type RedisConnector,
  type ScriptCaller,
} from '@sluice/redis-scripts';
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
  type QueuedRequest,
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
  /** Where Redis is (one node, Sentinel or Cluster); or `url` for one node. */
  connector?: RedisConnector;
  url?: string;
  /** Key prefix: tests use a random one and delete it afterwards. */
  prefix?: string;
  /** How long request and day keys live (default 35 days). */
  retentionSeconds?: number;
  redisOptions?: RedisOptions;
  /**
   * Replicas that must acknowledge each decided chunk (WAIT) before decide() answers, so a failover to
   * an asynchronous replica cannot forget a reservation that was published (ADR 0023). Default 0.
   */
  waitReplicas?: number;
  /** Longest WAIT (default 500 ms); a shortfall is reported to onWaitShortfall and the decision stands. */
  waitTimeoutMs?: number;
  onWaitShortfall?: (acknowledged: number, wanted: number) => void;
}

const DECIDE = { decide: loadScript('decide-n.lua') };
const SCRIPTS = {
  promote: loadScript('promote-4.lua'),
  cancel: loadScript('cancel-3.lua'),
  promoteOne: loadScript('promote-one-5.lua'),
  oldest: loadScript('oldest-1.lua'),
  usedOn: loadScript('used-n.lua'),
};

/** Practices whose key names and registration this store keeps in memory (England has ~6,300). */
const MAX_PRACTICES_KEPT = 20_000;

/**
 * Requests per call of the decide script (see decide). Redis runs one call at a time, so this bounds how
 * long one call holds it; the size was measured against smaller and larger chunks (ADR 0011).
 */
const DECIDE_CHUNK = 25;

/**
 * The production store: every decision is made in a Lua script (check idempotency, reserve or queue,
 * record), so admitted never exceeds a share's limit however many replicas race. A batch of
 * decisions is one script call per chunk of requests on decide()'s own connection (ADR 0011).
 */
export class RedisCapacityStore implements CapacityStore {
  readonly redis: RedisClient;
  readonly connector: RedisConnector;
  /** decide()'s own connection (see the constructor). */
  private readonly decider: RedisClient;
  private readonly clustered: boolean;
  private readonly wait: {
    replicas: number;
    timeoutMs: number;
    onShortfall: (acknowledged: number, wanted: number) => void;
  };
  private readonly decideName: string;
  private readonly prefix: string;
  private readonly retention: number;
  private readonly retentionArg: string;
  private readonly known = new Set<string>();
  /** Each practice's key names, built once (decide builds five keys per request). */
  private readonly keysOf = new Map<string, PracticeKeys>();
  private readonly scripts: Record<keyof typeof SCRIPTS, ScriptCaller>;
  private readonly decideMany: ScriptCaller;

  constructor(options: RedisCapacityStoreOptions) {
    this.prefix = options.prefix ?? 'sluice:';
    this.retention = options.retentionSeconds ?? 35 * 24 * 3600;
    this.retentionArg = String(this.retention);
    if (!options.connector && !options.url) throw new Error('RedisCapacityStore needs a connector or a url');
    this.connector = options.connector ?? createRedisConnector({ mode: 'single', url: options.url! });
    this.clustered = this.connector.topology.mode === 'cluster';
    this.wait = {
      replicas: options.waitReplicas ?? 0,
      timeoutMs: options.waitTimeoutMs ?? 500,
      onShortfall: options.onWaitShortfall ?? (() => undefined),
    };
    const common: RedisOptions = { maxRetriesPerRequest: 2, lazyConnect: false };
    this.redis = this.connector.connect({
      ...common,
      // Auto-pipelining: commands issued in the same tick go out in one write. This connection is the
      // process's (the practice repository, the level refresh, the notifier's ledgers and the console's
      // sessions share it), and without it each command was a write syscall of its own: 13 % of capacity's
      // CPU and a fifth of the notifier's in the e2e profile; the figures are in docs/performance.md. It was
      // not the cause of the "stalled replica" it was once turned off for (ADR 0007).
      enableAutoPipelining: true,
      ...options.redisOptions,
    });
    // decide() has a connection of its own, without auto-pipelining: a chunk is one EVALSHA written at
    // once (auto-pipelining made it wait a tick and go through a Pipeline object), which the process's
    // other commands do not join (ADR 0009).
    this.decider = this.connector.connect({ ...common, ...options.redisOptions, enableAutoPipelining: false });
    for (const c of [this.redis, this.decider]) c.on('error', () => undefined); // surfaced as StoreError on each call, and by healthy()
    this.scripts = defineScripts(this.redis, SCRIPTS);
    this.decideMany = defineScripts(this.decider, DECIDE).decide;
    this.decideName = DECIDE.decide.name;
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
      const fresh: string[] = [];
      for (const i of inputs) if (!this.known.has(i.practice) && !fresh.includes(i.practice)) fresh.push(i.practice);
      // The registry is one un-tagged key: a command of its own, never in a practice's script or MULTI.
      const registered = fresh.length ? this.decider.sadd(practicesKey(this.prefix), ...fresh) : undefined;
      // One script call per chunk of requests (ADR 0011), each written as soon as it is built: Redis
      // decides the first chunk while this process builds the next, and replies are decoded while Redis
      // works on the rest. A chunk holds one slot's requests (on one node, every request is in slot
      // group 0, so chunks are as before); within a slot, requests keep their order (ADR 0022).
      const chunks: Promise<void>[] = [];
      const results = new Array<DecideResult>(inputs.length);
      const groups = this.slotGroups(inputs);
      let left = 0;
      for (const g of groups) left += Math.ceil(g.length / DECIDE_CHUNK);
      for (const g of groups) {
        for (let from = 0; from < g.length; from += DECIDE_CHUNK) {
          left -= 1;
          // One connection runs every chunk in order, so one WAIT after the last covers them all; on a
          // Cluster each chunk's node is waited on by its own.
          const wait = this.wait.replicas > 0 && (this.clustered || left === 0);
          chunks.push(this.decideChunk(inputs, g.slice(from, from + DECIDE_CHUNK), results, wait));
        }
      }
      // Awaited together, so a failure of one is never an unhandled rejection of another.
      await Promise.all([Promise.all(chunks), registered]);
      // Forgetting a practice only costs one SADD again (the practice set is idempotent).
      if (this.known.size + fresh.length > MAX_PRACTICES_KEPT) this.known.clear();
      for (const p of fresh) this.known.add(p);
      return results;
    });
  }

  /** Indices of `inputs` grouped by their keys' slot, in order within each group. */
  private slotGroups(inputs: DecideInput[]): number[][] {
    if (!this.clustered) return [inputs.map((_, i) => i)];
    const bySlot = new Map<number, number[]>();
    for (let i = 0; i < inputs.length; i++) {
      const slot = this.connector.slotOf(this.keys(inputs[i]!.practice).outbox);
      let g = bySlot.get(slot);
      if (!g) bySlot.set(slot, (g = []));
      g.push(i);
    }
    return [...bySlot.values()];
  }

  /**
   * One call of decide-n.lua for the requests at `at` (one slot's): per request two keys and five
   * arguments (see its header), in as few strings as will do, since ioredis encodes each one. With
   * `wait`, a WAIT follows in the same write, and the chunk is done once the replicas hold it.
   */
  private async decideChunk(inputs: DecideInput[], at: number[], out: DecideResult[], wait: boolean): Promise<void> {
    const n = at.length;
    const args: string[] = new Array<string>(2 * n + 1 + 5 * n);
    let k = 0;
    let a = 2 * n;
    args[a++] = this.retentionArg;
    for (const i of at) {
      const input = inputs[i]!;
      const keys = this.keys(input.practice);
      const p = input.plan;
      args[k++] = keys.record(input.requestId);
      args[k++] = keys.day(p.day);
      args[a++] = input.requestId;
      args[a++] = String(input.arrivalMs);
      // A redirect's payload is never read (it cannot be promoted or cancelled): not sent.
      args[a++] = p.type === 'redirect' ? '' : input.payload;
      args[a++] = limitsArg(input.defaultLimits);
      args[a++] = planArg(p);
    }
    const replies = (
      wait
        ? await this.decideAndWait(n, args)
        : await this.decideMany(2 * n, ...args).catch((e: Error) => {
            throw decideError(e);
          })
    ) as string[];
    if (!Array.isArray(replies) || replies.length !== n)
      throw new StoreError(
        `decide script answered ${Array.isArray(replies) ? replies.length : typeof replies} replies for ${n} requests`,
        false,
      );
    for (let j = 0; j < n; j++) out[at[j]!] = decodeDecision(inputs[at[j]!]!, replies[j]!);
  }

  /** The decide script and WAIT in one pipeline (one write, routed to the chunk's node on a Cluster). */
  private async decideAndWait(n: number, args: string[]): Promise<unknown> {
    const pipe = this.decider.pipeline() as unknown as Record<string, (...a: (string | number)[]) => unknown> & {
      wait(r: number, t: number): unknown;
      exec(): Promise<[Error | null, unknown][] | null>;
    };
    pipe[this.decideName]!(2 * n, ...args);
    pipe.wait(this.wait.replicas, this.wait.timeoutMs);
    const replies = (await pipe.exec()) ?? [];
    const [decided, waited] = replies as [[Error | null, unknown], [Error | null, unknown]];
    if (decided[0]) throw decideError(decided[0]);
    if (waited[0]) throw new StoreError(`WAIT after decide failed: ${waited[0].message}`, true, { cause: waited[0] });
    const acknowledged = Number(waited[1]);
    if (acknowledged < this.wait.replicas) this.wait.onShortfall(acknowledged, this.wait.replicas);
    return decided[1];
  }

  async setDayLimits(practice: string, day: IsoDay, limits: ShareLimits): Promise<void> {
    await this.run('setDayLimits', async () => {
      const key = this.keys(practice).day(day);
      // The registry (an un-tagged key, another slot) first, then the day's hash in its own transaction.
      await this.redis.sadd(practicesKey(this.prefix), practice);
      await this.redis
        .multi()
        .hset(key, 'limit:routine', limits.routine, 'limit:urgent', limits.urgent, 'limit:admin', limits.admin)
        .expire(key, this.retention)
        .exec();
    });
  }

  async usage(practice: string, day: IsoDay): Promise<DayUsage> {
    return this.run('usage', async () => {
      const h = await this.redis.hgetall(this.keys(practice).day(day));
      const n = (f: string) => Number(h[f] ?? 0);
      return {
        day,
        limits:
          h['limit:routine'] === undefined
            ? null
            : { routine: n('limit:routine'), urgent: n('limit:urgent'), admin: n('limit:admin') },
        used: { routine: n('used:routine'), urgent: n('used:urgent'), admin: n('used:admin') },
        overbooked: { routine: n('over:routine'), urgent: n('over:urgent'), admin: n('over:admin') },
      };
    });
  }

  async usedOn(practice: string, days: IsoDay[], share: ShareName): Promise<number[]> {
    if (days.length === 0) return [];
    return this.run('usedOn', async () => {
      const k = this.keys(practice);
      return (await this.scripts.usedOn(days.length, ...days.map((d) => k.day(d)), share)) as number[];
    });
  }

  async promote(practice: string, day: IsoDay, defaultLimits: ShareLimits, max = 1000): Promise<Promotion[]> {
    return this.run('promote', async () => {
      const k = this.keys(practice);
      const flat = (await this.scripts.promote(
        k.day(day),
        k.clinicalList,
        k.adminList,
        k.outbox,
        day,
        limitsArg(defaultLimits),
        max,
        this.retention,
        k.recordPrefix,
      )) as Reply;
      const out: Promotion[] = [];
      for (let i = 0; i < flat.length; i += 4) {
        out.push({
          decision: {
            requestId: String(flat[i]),
            practice,
            day,
            outcome: 'accepted',
            reasonCode: 'promoted',
            share: String(flat[i + 2]) as ShareName,
            sequence: Number(flat[i + 1]),
          },
          payload: String(flat[i + 3]),
        });
      }
      return out;
    });
  }

  async promoteRequest(
    practice: string,
    requestId: string,
    day: IsoDay,
    defaultLimits: ShareLimits,
  ): Promise<Promotion | null> {
    return this.run('promoteRequest', async () => {
      const k = this.keys(practice);
      const after = (await this.scripts.promoteOne(
        k.record(requestId),
        k.clinicalList,
        k.adminList,
        k.outbox,
        k.day(day),
        day,
        limitsArg(defaultLimits),
        this.retention,
        requestId,
      )) as string;
      return after === '' ? null : decodeRecord(practice, requestId, after).promotion;
    });
  }

  async queued(practice: string, list: WaitingList, max = 1000): Promise<QueuedRequest[]> {
    return this.run('queued', async () => {
      const k = this.keys(practice);
      const flat = await this.redis.zrange(list === 'admin' ? k.adminList : k.clinicalList, 0, max - 1, 'WITHSCORES');
      if (flat.length === 0) return [];
      const ids: string[] = [];
      const scores: number[] = [];
      for (let i = 0; i < flat.length; i += 2) {
        ids.push(/^\d+:(.+)$/.exec(flat[i]!)?.[1] ?? flat[i]!);
        scores.push(Number(flat[i + 1]));
      }
      // One MGET: the records share the practice's hash slot.
      const records = await this.redis.mget(ids.map((id) => k.record(id)));
      const out: QueuedRequest[] = [];
      records.forEach((r, n) => {
        if (r === null) return;
        const { promotion } = decodeRecord(practice, ids[n]!, r);
        if (promotion.decision.outcome !== 'queued') return;
        const score = scores[n]!;
        out.push({
          requestId: ids[n]!,
          list,
          position: n + 1,
          priority: Math.floor(score / 1e13),
          arrivalMs: score % 1e13,
          decision: promotion.decision,
          payload: promotion.payload,
        });
      });
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
      const after = (await this.scripts.cancel(
        k.record(requestId),
        k.clinicalList,
        k.adminList,
        k.dayPrefix,
        requestId,
      )) as string;
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
      const {
        promotion: { decision },
        ticket,
      } = decodeRecord(practice, requestId, r);
      if (decision.outcome !== 'queued' || !ticket) return null;
      const rank = await this.redis.zrank(
        decision.list === 'admin' ? k.adminList : k.clinicalList,
        `${ticket}:${requestId}`,
      );
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
      // Issued together on the auto-pipelined connection: one write on one node, one per node on a
      // Cluster (an explicit pipeline must stay on one node, and the batch spans practices). The hash
      // lives as long as the day's other keys.
      const sent: Promise<unknown>[] = [];
      for (const e of entries) {
        const key = this.keys(e.practice).demand(e.day);
        sent.push(
          this.redis.hincrby(key, e.redirectedTo ? `redirected:${e.redirectedTo}` : `${e.hour}:${e.kind}`, 1),
          this.redis.expire(key, this.retention),
        );
      }
      await Promise.all(sent);
    });
  }

  async demandByHour(practice: string, day: IsoDay): Promise<HourlyDemand> {
    return this.run('demandByHour', async () => {
      const h = await this.redis.hgetall(this.keys(practice).demand(day));
      const d = emptyDemand(day);
      for (const [field, n] of Object.entries(h)) {
        const [hour, kind] = field.split(':');
        if (hour === 'redirected' && kind) {
          d.redirected[kind as Destination] = Number(n);
          continue;
        }
        if ((kind === 'clinical' || kind === 'admin') && Number(hour) >= 0 && Number(hour) < 24)
          d[kind][Number(hour)] = Number(n);
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
