// Reading a Sluice process from outside: its Prometheus text (/metrics) and the CPU time the kernel
// charged to it (/proc/<pid>/stat), which stays meaningful on a shared, noisy machine where
// wall-clock rates do not.
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // Linux USER_HZ

/** user + system CPU seconds used so far by a process (NaN if it is gone). */
export function cpuSeconds(pid: number): number {
  try {
    const after = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(after[11]) + Number(after[12])) / TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}

export async function scrape(url: string): Promise<string> {
  return (await fetch(`${url}/metrics`)).text();
}

/** Sum of every sample of a metric (all label sets, or those holding `label`, such as `outcome="queued"`). */
export function sum(text: string, name: string, label?: string): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!(line.startsWith(`${name}{`) || line.startsWith(`${name} `))) continue;
    if (label && !line.slice(0, line.indexOf('}') + 1).includes(label)) continue;
    total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

/** Upper bound (s) of the histogram bucket holding quantile q: Prometheus-style, bucket resolution. */
export function histogramQuantile(text: string, name: string, q: number): number {
  const buckets: { le: number; count: number }[] = [];
  for (const line of text.split('\n')) {
    const m = new RegExp(`^${name}_bucket\\{.*le="([^"]+)".*\\} (\\S+)$`).exec(line);
    if (m) buckets.push({ le: m[1] === '+Inf' ? Infinity : Number(m[1]), count: Number(m[2]) });
  }
  buckets.sort((a, b) => a.le - b.le);
  const total = buckets.at(-1)?.count ?? 0;
  if (total === 0) return NaN;
  return buckets.find((b) => b.count >= q * total)?.le ?? Infinity;
}

/** Histogram counts per bucket, for differences between two scrapes. */
export function buckets(text: string, name: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = new RegExp(`^${name}_bucket\\{.*le="([^"]+)".*\\} (\\S+)$`).exec(line);
    if (m) out.set(m[1]!, Number(m[2]));
  }
  return out;
}

/** Quantile (bucket upper bound, seconds) of the observations between two scrapes. */
export function quantileBetween(before: Map<string, number>, after: Map<string, number>, q: number): number {
  const rows = [...after]
    .map(([le, n]) => ({ le: le === '+Inf' ? Infinity : Number(le), n: n - (before.get(le) ?? 0) }))
    .sort((a, b) => a.le - b.le);
  const total = rows.at(-1)?.n ?? 0;
  if (total <= 0) return NaN;
  return rows.find((r) => r.n >= q * total)?.le ?? Infinity;
}
