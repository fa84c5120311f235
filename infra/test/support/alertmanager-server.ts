import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { waitFor } from '@sluice/testkit';
import { ALERTMANAGER_CONFIG } from './paths';
import { freePort } from './prometheus-server';
import { alertmanagerBin } from './tools';

/** One webhook notification Alertmanager sent a receiver. */
export interface Notification {
  receiver: string;
  status: 'firing' | 'resolved';
  alerts: { status: 'firing' | 'resolved'; labels: Record<string, string>; annotations: Record<string, string> }[];
}

/** An alert as Alertmanager's API (v2) holds it. */
export interface ReceivedAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  receivers: { name: string }[];
  status: { state: string };
}

export interface AlertmanagerServer {
  /** host:port, for Prometheus' `alerting:` block. */
  address: string;
  /** What it holds now (GET /api/v2/alerts). */
  alerts(): Promise<ReceivedAlert[]>;
  /** Every notification it has sent, in order, whichever receiver. */
  notifications: Notification[];
  stop(): Promise<void>;
}

/**
 * A real Alertmanager with the repo's config, its waits shortened (group_wait 1 s, group_interval
 * 2 s) and its receivers' webhook URLs pointed at a local server that records what arrives, so a test
 * sees which receiver each alert reached and whether it was sent again.
 */
export async function startAlertmanager(): Promise<AlertmanagerServer> {
  const notifications: Notification[] = [];
  const sink: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      notifications.push(JSON.parse(body) as Notification);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const sinkPort = (sink.address() as { port: number }).port;

  const dir = mkdtempSync(path.join(tmpdir(), 'sluice-alertmanager-'));
  const config = readFileSync(ALERTMANAGER_CONFIG, 'utf8')
    .replace(/http:\/\/alert-relay:9095\//g, `http://127.0.0.1:${sinkPort}/`)
    .replace(/group_wait: \S+/g, 'group_wait: 1s')
    .replace(/group_interval: \S+/g, 'group_interval: 2s');
  writeFileSync(path.join(dir, 'alertmanager.yml'), config);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = spawn(
    alertmanagerBin(),
    [
      `--config.file=${path.join(dir, 'alertmanager.yml')}`,
      `--storage.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  proc.stderr!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const stop = async () => {
    if (proc.exitCode === null) proc.kill('SIGTERM');
    await exited;
    await new Promise<void>((resolve) => sink.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(async () => proc.exitCode === null && (await fetch(`${url}/-/ready`)).ok, {
      timeoutMs: 30_000,
      what: `Alertmanager to be ready on ${url}`,
    });
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}\nAlertmanager said:\n${log}`);
  }
  const alerts = async () => (await (await fetch(`${url}/api/v2/alerts`)).json()) as ReceivedAlert[];
  return { address: `127.0.0.1:${port}`, alerts, notifications, stop };
}
