// Figure 4, `pnpm bench -- --soak`: a steady rate for 10 minutes (or --soak-seconds) against both
// deployments at once (three processes on Kafka + Redis, and the embedded process), sampling every
// process's resident memory and Redis's key counts. Memory must stay flat after warm-up, and the keys
// Redis holds without an expiry (per-practice settings, waiting lists) must not grow: everything a
// request leaves behind carries a TTL (the retention policy), so it cannot pile up beyond it.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { TOPICS } from '@sluice/contracts';
import { BENCH_LIMITS, MONDAY, setRotas, startDeployment } from './e2e';
import { runLoad } from './load';
import { scrape, sum } from './metrics';
import { rssMb, startSluiceProcess } from './procs';
import { figure, type Figure } from './stats';
import { TopicWatcher, waitSeen } from './watcher';

export interface SoakOptions {
  brokers: string;
  redisUrl: string;
  seconds: number;
  /** Requests per second, to each deployment. */
  rate: number;
  practices?: number;
  log?: (msg: string) => void;
}

interface Sample {
  t: number;
  rss: Record<string, number>;
  keys: number;
  expires: number;
  redisMb: number;
}

async function redisCounts(redis: Redis): Promise<{ keys: number; expires: number; redisMb: number }> {
  const ks = /db0:keys=(\d+),expires=(\d+)/.exec(await redis.info('keyspace'));
  const mem = /used_memory:(\d+)/.exec(await redis.info('memory'));
  return { keys: Number(ks?.[1] ?? 0), expires: Number(ks?.[2] ?? 0), redisMb: Number(mem?.[1] ?? 0) / 2 ** 20 };
}

export async function soak(o: SoakOptions): Promise<{ figures: Figure[]; detail: Record<string, unknown> }> {
  const log = o.log ?? (() => undefined);
  const practices = o.practices ?? 200;
  const redis = new Redis(o.redisUrl);
  const dep = await startDeployment(o);
  const operatorKey = randomBytes(24).toString('hex');
  const embedded = await startSluiceProcess('embedded', [], {
    SLUICE_OPERATOR_KEY: operatorKey,
    SLUICE_NOW: MONDAY,
    SLUICE_CLOCK: 'running',
    ...BENCH_LIMITS,
  });
  const procs = [...dep.all, embedded];
  const decided = new TopicWatcher(o.brokers, TOPICS.decided);
  const samples: Sample[] = [];
  try {
    await decided.start();
    // Room for every request (100 GPs each): a soak looks for leaks, so demand stays within capacity
    // rather than building a waiting list that grows, as a real backlog would, with every request.
    await setRotas(dep.admin.url, dep.operatorKey, practices, 100);
    await setRotas(embedded.url, operatorKey, practices, 100);
    const sample = async () =>
      samples.push({
        t: Date.now(),
        rss: Object.fromEntries(procs.map((p) => [p.name, rssMb(p.pid)])),
        ...(await redisCounts(redis)),
      });
    await sample();
    log(
      `soak: ${o.seconds} s at ${o.rate} req/s to each deployment (3 processes on Kafka + Redis, and the embedded process)`,
    );
    const timer = setInterval(() => void sample(), 5_000);
    const [prod, emb] = await Promise.all([
      runLoad({
        url: dep.intake.url,
        key: dep.operatorKey,
        practices,
        seconds: o.seconds,
        connections: 16,
        rate: o.rate,
      }),
      runLoad({ url: embedded.url, key: operatorKey, practices, seconds: o.seconds, connections: 16, rate: o.rate }),
    ]).finally(() => clearInterval(timer));
    const seen = await waitSeen(decided, prod.ids, 120_000);
    const embDecided = sum(await scrape(embedded.url), 'sluice_decisions_total');
    await sample();

    // Flat = the last third's peak within 1.2× of the middle third's (the first third is warm-up; peaks,
    // not single samples, because RSS saws up and down with garbage collection).
    const t0 = samples[0]!.t;
    const span = Math.max(1, samples.at(-1)!.t - t0);
    const third = (n: number) => samples.filter((s) => s.t - t0 >= (n * span) / 3 && s.t - t0 <= ((n + 1) * span) / 3);
    const end = samples.at(-1)!;
    const figures: Figure[] = [];
    for (const p of procs) {
      const peak = (ss: Sample[]) => Math.max(...ss.map((s) => s.rss[p.name] ?? 0));
      const middle = peak(third(1));
      const last = peak(third(2));
      figures.push(
        figure({
          section: 'soak',
          name: `RSS ${p.name}, peak of the last third`,
          value: last,
          unit: 'MB',
          anchor: { name: 'peak of the middle third', value: middle },
          target: { text: '≤ 1.2× (flat)', pass: last <= middle * 1.2 },
          note: `start ${Math.round(samples[0]!.rss[p.name]!)} MB, end ${Math.round(end.rss[p.name]!)} MB, max ${Math.round(peak(samples))} MB`,
        }),
      );
    }
    // Keys without a TTL are per practice (settings, waiting lists and their arrival counters), never per request.
    const fixedEnd = end.keys - end.expires;
    figures.push(
      figure({
        section: 'soak',
        name: 'Redis keys without a TTL at the end',
        value: fixedEnd,
        unit: 'keys',
        anchor: { name: 'practices', value: practices },
        target: { text: '≤ 10 per practice, none per request', pass: fixedEnd <= practices * 10 + 10 },
        note: `${prod.accepted} requests; keys with a TTL ${samples[0]!.expires} → ${end.expires} (${((end.expires - samples[0]!.expires) / Math.max(1, prod.accepted)).toFixed(1)} per request, each gone within the retention); Redis memory ${Math.round(samples[0]!.redisMb)} → ${Math.round(end.redisMb)} MB`,
      }),
      figure({
        section: 'soak',
        name: 'requests decided (3 processes)',
        value: seen,
        unit: 'req',
        anchor: { name: 'answered 202', value: prod.accepted },
        target: { text: 'all', pass: seen === prod.accepted && prod.non2xx === 0 },
      }),
      figure({
        section: 'soak',
        name: 'requests decided (embedded)',
        value: embDecided,
        unit: 'req',
        anchor: { name: 'answered 202', value: emb.accepted },
        target: { text: 'all', pass: embDecided >= emb.accepted && emb.non2xx === 0 },
      }),
    );
    return { figures, detail: { samples, prod: { ...prod, ids: undefined }, embedded: { ...emb, ids: undefined } } };
  } finally {
    await decided.stop().catch(() => undefined);
    await Promise.all([dep.stop(), embedded.stop()]);
    redis.disconnect();
  }
}
