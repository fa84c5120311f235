// Figure 3: the embedded default (one process: intake, capacity and notifier on the in-process bus
// and the memory store) under the same load, beside a bare node:http server. Every request must be
// decided: the process's own sluice_decisions_total must reach the number of 202s.
import { randomBytes } from 'node:crypto';
import { BENCH_LIMITS, MONDAY, setRotas } from './e2e';
import { runLoad } from './load';
import { buckets, cpuSeconds, quantileBetween, scrape, sum } from './metrics';
import { httpCeiling, startSluiceProcess } from './procs';
import { figure, type Figure } from './stats';

export interface EmbeddedOptions {
  practices?: number;
  seconds?: number;
  connections?: number;
  nodeArgs?: string[];
  log?: (msg: string) => void;
}

const LATENCY = 'sluice_intake_to_decision_seconds';

async function decidedCount(url: string): Promise<number> {
  // First decisions only: a redelivery's answer is counted apart (sluice_duplicate_deliveries_total).
  return sum(await scrape(url), 'sluice_decisions_total');
}

export async function benchEmbedded(
  o: EmbeddedOptions,
): Promise<{ figures: Figure[]; detail: Record<string, unknown> }> {
  const log = o.log ?? (() => undefined);
  const practices = o.practices ?? 200;
  const seconds = o.seconds ?? 20;
  const connections = o.connections ?? 64;
  const section = 'embedded (1 process, in-process bus, memory)';

  log('embedded: HTTP ceiling (bare node:http)');
  const { load: http, cpuMsPerRequest: httpCpuMs } = await httpCeiling({
    practices,
    seconds: Math.min(10, seconds),
    connections,
  });

  const operatorKey = randomBytes(24).toString('hex');
  const p = await startSluiceProcess(
    'embedded',
    [],
    { SLUICE_OPERATOR_KEY: operatorKey, SLUICE_NOW: MONDAY, SLUICE_CLOCK: 'running', ...BENCH_LIMITS },
    o.nodeArgs,
  );
  try {
    await setRotas(p.url, operatorKey, practices);
    await runLoad({ url: p.url, key: operatorKey, practices, seconds: 3, connections: 8 });
    const base = await decidedCount(p.url);
    const cpu0 = cpuSeconds(p.pid);
    log(`embedded: ${seconds} s flat out, ${connections} connections`);
    const max = await runLoad({ url: p.url, key: operatorKey, practices, seconds, connections });
    const t0 = Date.now();
    let decided = 0;
    while ((decided = (await decidedCount(p.url)) - base) < max.accepted && Date.now() - t0 < 60_000)
      await new Promise((r) => setTimeout(r, 100));
    const doneAt = Date.now();
    const cpuMs = ((cpuSeconds(p.pid) - cpu0) * 1000) / Math.max(1, max.accepted);
    const sustained = (decided * 1000) / Math.max(1, doneAt - max.startedAt);
    log(
      `embedded: ${Math.round(max.rps)} req/s at the door, ${Math.round(sustained)} decided/s, ${max.accepted - decided} undecided`,
    );

    const before = buckets(await scrape(p.url), LATENCY);
    const fixed = await runLoad({ url: p.url, key: operatorKey, practices, seconds: 10, connections: 20, rate: 1_000 });
    await new Promise((r) => setTimeout(r, 1_000));
    const after = buckets(await scrape(p.url), LATENCY);
    const p99 = quantileBetween(before, after, 0.99) * 1000;
    const p50 = quantileBetween(before, after, 0.5) * 1000;
    const rss = p.rssMb();

    const all = decided >= max.accepted && max.non2xx === 0 && max.errors === 0;
    const figures = [
      figure({
        section,
        name: 'requests/s sustained, every one decided',
        value: sustained,
        unit: 'req/s',
        anchor: { name: 'bare node:http 202', value: http.rps },
        target: { text: '≥ 10,000 req/s, all decided', pass: sustained >= 10_000 && all },
        note: `${max.accepted} × 202, ${decided} decided, ${max.non2xx} non-2xx, ${max.errors} errors; ${cpuMs.toFixed(2)} ms CPU per request (the bare server and load generator: ${httpCpuMs.toFixed(3)} ms); RSS ${Math.round(rss)} MB`,
      }),
      figure({ section, name: 'CPU per request (the one process)', value: cpuMs, unit: 'ms' }),
      figure({
        section,
        name: 'intake→decision p99 at 1000 req/s (histogram bucket)',
        value: p99,
        unit: 'ms',
        note: `p50 ≤ ${p50} ms; ${fixed.accepted} × 202`,
      }),
    ];
    return {
      figures,
      detail: {
        http: { ...http, ids: undefined },
        httpCpuMs,
        max: { ...max, ids: undefined },
        decided,
        sustained,
        cpuMsPerRequest: cpuMs,
        fixed: { ...fixed, ids: undefined },
        p50,
        p99,
        rssMb: rss,
      },
    };
  } finally {
    await p.stop();
  }
}
