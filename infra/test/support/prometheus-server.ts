import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { waitFor } from '@sluice/testkit';
import { RULES_DIR } from './paths';
import { prometheusBin } from './tools';

export interface Sample {
  metric: Record<string, string>;
  value: number;
}

export interface PrometheusServer {
  url: string;
  /** An instant query through the HTTP API. */
  query(expr: string): Promise<Sample[]>;
  /** GET any API path (e.g. /api/v1/rules) and return its `data`. */
  api<T>(pathAndQuery: string): Promise<T>;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface PrometheusOptions {
  /** Rule files to load instead of the repo's (e.g. the repo's with durations scaled down). */
  ruleFiles?: string[];
  /** An Alertmanager (host:port) to send alerts to. */
  alertmanager?: string;
}

/**
 * A real Prometheus server of the test's own: a temporary storage directory, a loopback port, the
 * repo's rule files, and a one-second scrape and evaluation interval so a test sees data in seconds.
 */
export async function startPrometheus(
  targets: string[],
  intervalSeconds = 1,
  options: PrometheusOptions = {},
): Promise<PrometheusServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sluice-prometheus-'));
  const rules = options.ruleFiles ?? [path.join(RULES_DIR, '*.yml')];
  const config = [
    'global:',
    `  scrape_interval: ${intervalSeconds}s`,
    `  scrape_timeout: ${intervalSeconds}s`,
    `  evaluation_interval: ${intervalSeconds}s`,
    'rule_files:',
    ...rules.map((f) => `  - ${JSON.stringify(f)}`),
    ...(options.alertmanager
      ? [
          'alerting:',
          '  alertmanagers:',
          '    - static_configs:',
          `        - targets: [${JSON.stringify(options.alertmanager)}]`,
        ]
      : []),
    'scrape_configs:',
    '  - job_name: sluice',
    '    static_configs:',
    `      - targets: ${JSON.stringify(targets)}`,
    '',
  ].join('\n');
  writeFileSync(path.join(dir, 'prometheus.yml'), config);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = spawn(
    prometheusBin(),
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
      // Firing alerts are sent again every resend delay (1 m by default): at the test's pace, every second.
      ...(options.alertmanager ? [`--rules.alert.resend-delay=${intervalSeconds}s`] : []),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  proc.stderr!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const stop = async () => {
    if (proc.exitCode === null) proc.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(async () => proc.exitCode === null && (await fetch(`${url}/-/ready`)).ok, {
      timeoutMs: 30_000,
      what: `Prometheus to be ready on ${url}`,
    });
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}\nPrometheus said:\n${log}`);
  }

  const api = async <T>(pathAndQuery: string): Promise<T> => {
    const res = await fetch(`${url}${pathAndQuery}`);
    const body = (await res.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`Prometheus ${pathAndQuery}: ${body.error ?? res.status}`);
    return body.data;
  };
  const query = async (expr: string): Promise<Sample[]> => {
    const data = await api<{
      resultType: string;
      result: { metric: Record<string, string>; value: [number, string] }[];
    }>(`/api/v1/query?query=${encodeURIComponent(expr)}`);
    return data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
  };
  return { url, query, api, stop };
}
