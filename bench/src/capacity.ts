// Figure 1: capacity decisions/s through RedisCapacityStore, beside the Redis round-trip limit (raw
// EVALSHA of a minimal check-and-increment script) and beside rate-limiter-flexible at the same
// concurrency. Every measurement starts from an empty Redis (FLUSHDB, not timed), and the three are
// interleaved over several rounds and the median kept, because the machine is shared and noisy.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { RedisCapacityStore, type DecideInput, type StorePlan } from '@sluice/capacity-store';
import { figure, median, rate, type Figure } from './stats';

export interface CapacityOptions {
  redisUrl: string;
  rounds?: number;
  /** Operations per single-request measurement. */
  singleOps?: number;
  /** Operations per batched/concurrent measurement. */
  batchOps?: number;
  /** Requests in one pipeline / in flight at once (the same for all three). */
  batch?: number;
  practices?: number;
  /** The Redis at redisUrl has a replica: also measure decide with WAIT 1 after each batch (ADR 0023). */
  replicated?: boolean;
}

const DAY = '2026-11-30';
const LIMIT = 50; // per practice-day: a mix of accepted and queued (the waiting list is exercised)
const CHECK_AND_INCR = `
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if used < tonumber(ARGV[1]) then return redis.call('INCR', KEYS[1]) end
return -1`;
const plan: StorePlan = {
  type: 'reserve',
  day: DAY,
  shares: ['routine'],
  acceptedReason: 'accepted-routine',
  onFull: { type: 'queue', list: 'clinical', priority: 2, reasonCode: 'queued-capacity' },
};
const payload = JSON.stringify({
  kind: 'clinical',
  urgency: 'routine',
  contact: { sms: '07700900123' },
  receivedAt: '2026-11-30T10:00:00.000Z',
});
const ods = (n: number) => `B${String(10000 + n).padStart(5, '0')}`;

async function timed(fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export async function benchCapacity(o: CapacityOptions): Promise<{ figures: Figure[]; raw: Record<string, number[]> }> {
  const rounds = o.rounds ?? 3;
  const singleOps = o.singleOps ?? 4_000;
  const batchOps = o.batchOps ?? 60_000;
  const batch = o.batch ?? 100;
  const practices = o.practices ?? 1_000;
  const admin = new Redis(o.redisUrl);
  const raw = new Redis(o.redisUrl);
  const rlfClient = new Redis(o.redisUrl);
  const store = new RedisCapacityStore({ url: o.redisUrl, prefix: 'bench:' });
  let shortfalls = 0;
  const waiting = o.replicated
    ? new RedisCapacityStore({
        url: o.redisUrl,
        prefix: 'bench:',
        waitReplicas: 1,
        waitTimeoutMs: 1_000,
        onWaitShortfall: () => void shortfalls++,
      })
    : null;
  const sha = (await raw.script('LOAD', CHECK_AND_INCR)) as string;
  const limiter = new RateLimiterRedis({ storeClient: rlfClient, keyPrefix: 'rlf', points: LIMIT, duration: 86_400 });
  // Every request, key and practice code is made before anything is timed: building a request (a random
  // UUID, mostly) cost ~3.5 µs, which only the store's measurement paid. Every measurement starts from an
  // empty Redis, so each request is a first decision however often the same ones are sent.
  const codes = Array.from({ length: practices }, (_, n) => ods(n));
  const rawKeys = codes.map((c) => `raw:{${c}}:used`);
  const requests = Array.from({ length: Math.max(singleOps, batchOps) }, (_, n): DecideInput => ({
    practice: codes[n % practices]!,
    requestId: randomUUID(),
    plan,
    defaultLimits: { routine: LIMIT, urgent: 0, admin: 0 },
    arrivalMs: 1_700_000_000_000 + n,
    payload,
  }));
  const input = (n: number): DecideInput => requests[n]!;
  const rawKey = (n: number) => rawKeys[n % practices]!;
  const consume = (n: number) =>
    limiter.consume(codes[n % practices]!).then(
      () => 1,
      (r: unknown) => {
        if (r instanceof Error) throw r;
        return 0;
      },
    );

  const runs: Record<string, (ops: number) => Promise<void>> = {
    rawSingle: async (ops) => {
      for (let n = 0; n < ops; n++) await raw.evalsha(sha, 1, rawKey(n), LIMIT);
    },
    storeSingle: async (ops) => {
      for (let n = 0; n < ops; n++) await store.decide([input(n)]);
    },
    rlfSingle: async (ops) => {
      for (let n = 0; n < ops; n++) await consume(n);
    },
    rawPipelined: async (ops) => {
      for (let n = 0; n < ops; n += batch) {
        const p = raw.pipeline();
        for (let i = n; i < Math.min(ops, n + batch); i++) p.evalsha(sha, 1, rawKey(i), LIMIT);
        await p.exec();
      }
    },
    storeBatched: async (ops) => {
      for (let n = 0; n < ops; n += batch)
        await store.decide(Array.from({ length: Math.min(batch, ops - n) }, (_, i) => input(n + i)));
    },
    ...(waiting
      ? {
          storeBatchedWait: async (ops: number) => {
            for (let n = 0; n < ops; n += batch)
              await waiting.decide(Array.from({ length: Math.min(batch, ops - n) }, (_, i) => input(n + i)));
          },
          // Six batches in flight, as the capacity consumer runs (KAFKA_PARTITIONS_CONCURRENTLY): WAITs overlap.
          storeConcurrent: async (ops: number) => {
            let next = 0;
            await Promise.all(
              Array.from({ length: 6 }, async () => {
                for (let n = next++ * batch; n < ops; n = next++ * batch)
                  await store.decide(Array.from({ length: Math.min(batch, ops - n) }, (_, i) => input(n + i)));
              }),
            );
          },
          storeConcurrentWait: async (ops: number) => {
            let next = 0;
            await Promise.all(
              Array.from({ length: 6 }, async () => {
                for (let n = next++ * batch; n < ops; n = next++ * batch)
                  await waiting.decide(Array.from({ length: Math.min(batch, ops - n) }, (_, i) => input(n + i)));
              }),
            );
          },
        }
      : {}),
    rlfConcurrent: async (ops) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: batch }, async () => {
          for (let n = next++; n < ops; n = next++) await consume(n);
        }),
      );
    },
  };
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(runs).map((k) => [k, []]));
  try {
    // Warm-up: scripts loaded and connections hot before anything is timed.
    for (const fn of Object.values(runs)) await fn(200);
    for (let r = 0; r < rounds; r++) {
      for (const [name, fn] of Object.entries(runs)) {
        await admin.flushdb();
        const ops = name.endsWith('Single') ? singleOps : batchOps;
        samples[name]!.push(rate(ops, await timed(() => fn(ops))));
      }
    }
  } finally {
    await store.close();
    await waiting?.close();
    for (const c of [admin, raw, rlfClient]) c.disconnect();
  }
  const m = (k: string) => median(samples[k]!);
  const section = 'capacity';
  const figures = [
    figure({
      section,
      name: 'store decide, one at a time',
      value: m('storeSingle'),
      unit: 'ops/s',
      anchor: { name: 'raw EVALSHA, one at a time', value: m('rawSingle') },
    }),
    figure({
      section,
      name: `store decide, batches of ${batch} (pipelined)`,
      value: m('storeBatched'),
      unit: 'ops/s',
      anchor: { name: `raw EVALSHA pipelined ×${batch}`, value: m('rawPipelined') },
    }),
    figure({
      section,
      name: 'store decide, one at a time',
      value: m('storeSingle'),
      unit: 'ops/s',
      anchor: { name: 'rate-limiter-flexible consume(), one at a time', value: m('rlfSingle') },
    }),
    figure({
      section,
      name: `store decide, ${batch} in flight (one batch)`,
      value: m('storeBatched'),
      unit: 'ops/s',
      anchor: { name: `rate-limiter-flexible consume(), ${batch} in flight`, value: m('rlfConcurrent') },
    }),
  ];
  if (waiting) {
    figures.push(
      figure({
        section,
        name: `store decide, batches of ${batch}, WAIT 1 after each`,
        value: m('storeBatchedWait'),
        unit: 'ops/s',
        anchor: { name: `store decide, batches of ${batch}, no WAIT`, value: m('storeBatched') },
      }),
      figure({
        section,
        name: `store decide, 6 batches of ${batch} in flight, WAIT 1`,
        value: m('storeConcurrentWait'),
        unit: 'ops/s',
        anchor: { name: `store decide, 6 batches of ${batch} in flight, no WAIT`, value: m('storeConcurrent') },
      }),
    );
    samples.waitShortfalls = [shortfalls];
  }
  figures[1]!.target = { text: '≥ 0.5× raw pipelined', pass: (figures[1]!.ratio ?? 0) >= 0.5 };
  figures[2]!.target = { text: '≥ 1.0× rate-limiter-flexible', pass: (figures[2]!.ratio ?? 0) >= 1.0 };
  figures[3]!.target = { text: '≥ 1.0× rate-limiter-flexible', pass: (figures[3]!.ratio ?? 0) >= 1.0 };
  return { figures, raw: samples };
}
