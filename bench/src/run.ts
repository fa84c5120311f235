// Entry point of `pnpm bench` once scripts/bench.mjs has started Kafka and Redis (KAFKA_BROKERS,
// REDIS_URL): runs each section, prints one table, writes bench/results/<time>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchCapacity } from './capacity';
import { benchE2E } from './e2e';
import { benchEmbedded } from './embedded';
import { benchForecast, blindSet, syntheticSet } from './forecast';
import { ROOT } from './procs';
import { soak } from './soak';
import { table, type Figure } from './stats';
import { benchTriage } from './triage';

const { values: flags } = parseArgs({
  options: {
    only: { type: 'string' }, // capacity | e2e | embedded | forecast | triage
    soak: { type: 'boolean', default: false },
    'soak-seconds': { type: 'string' },
    'soak-rate': { type: 'string' },
    seconds: { type: 'string' },
    'cpu-prof': { type: 'boolean', default: false },
  },
});

const say = (msg: string) => console.log(`[bench] ${msg}`);

async function main(): Promise<void> {
  const brokers = process.env.KAFKA_BROKERS;
  const redisUrl = process.env.REDIS_URL;
  if (!brokers || !redisUrl) throw new Error('KAFKA_BROKERS and REDIS_URL are not set: run through `pnpm bench`');
  const started = new Date();
  const figures: Figure[] = [];
  const detail: Record<string, unknown> = {};
  const want = (s: string) => !flags.soak && (!flags.only || flags.only.split(',').includes(s));
  const seconds = flags.seconds ? Number(flags.seconds) : undefined;
  const nodeArgs = flags['cpu-prof']
    ? ['--cpu-prof', `--cpu-prof-dir=${join(ROOT, 'bench', 'results', 'profiles')}`]
    : [];

  if (want('triage')) {
    say('red-flag screen time per request, 200 and 4,000 characters');
    const r = benchTriage();
    figures.push(...r.figures);
    detail.triage = r.detail;
  }
  if (want('capacity')) {
    say('capacity decisions through the Redis store, beside raw EVALSHA and rate-limiter-flexible');
    const r = await benchCapacity({ redisUrl, replicated: process.env.BENCH_REDIS_REPLICATED === '1' });
    figures.push(...r.figures);
    detail.capacity = r.raw;
  }
  if (want('e2e')) {
    const r = await benchE2E({ brokers, redisUrl, log: say, nodeArgs, ...(seconds ? { seconds } : {}) });
    figures.push(...r.figures);
    detail.e2e = r.detail;
  }
  if (want('embedded')) {
    const r = await benchEmbedded({ log: say, nodeArgs, ...(seconds ? { seconds } : {}) });
    figures.push(...r.figures);
    detail.embedded = r.detail;
  }
  if (want('forecast')) {
    say('forecast back-test beside same-day-last-week and weekday-mean baselines');
    const r = benchForecast([syntheticSet(), blindSet()]);
    figures.push(...r.figures);
    detail.forecast = r.detail;
  }
  if (flags.soak) {
    const r = await soak({
      brokers,
      redisUrl,
      log: say,
      seconds: Number(flags['soak-seconds'] ?? 600),
      rate: Number(flags['soak-rate'] ?? 200),
    });
    figures.push(...r.figures);
    detail.soak = r.detail;
  }

  console.log(`\n${table(figures)}\n`);
  const notes = figures.filter((f) => f.note);
  if (notes.length) console.log(`${notes.map((f) => `- ${f.name}: ${f.note}`).join('\n')}\n`);
  const machine = { cpus: cpus().length, model: cpus()[0]?.model, loadavg: loadavg(), node: process.version };
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${started.toISOString().replace(/[:.]/g, '-')}${flags.soak ? '-soak' : ''}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ started: started.toISOString(), finished: new Date().toISOString(), machine, figures, detail }, null, 2)}\n`,
  );
  say(
    `results written to ${file.slice(ROOT.length + 1)} (load average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')})`,
  );
  const missed = figures.filter((f) => f.target && !f.target.pass);
  say(missed.length ? `targets missed: ${missed.map((f) => f.name).join('; ')}` : 'every target met');
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`[bench] failed: ${(e as Error).stack ?? e}`);
    process.exit(1);
  },
);
