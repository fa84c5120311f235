// PostgreSQL for tests: make sure the machine's server answers on 127.0.0.1:5432 (start it when it
// is down, install Debian's package when there is none), so `pnpm test` needs no set-up by hand.
// Each suite creates its own database and drops it after (packages/testkit/src/postgres.ts).
//
//   node scripts/postgres.mjs ensure        prints SLUICE_TEST_DATABASE_URL=...
import fs from 'node:fs';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { isMain, runLogged } from './lib/proc.mjs';
import { aptInstall, which } from './tools.mjs';

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const log = (msg) => process.stderr.write(`[postgres] ${msg}\n`);

/** True when something accepts TCP connections at host:port within timeoutMs. */
function answers(host, port, timeoutMs = 1_000) {
  return new Promise((resolve) => {
    const sock = net.connect({ host, port });
    const done = (ok) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('error', () => done(false));
    sock.once('connect', () => done(true));
  });
}

function clusters() {
  try {
    return fs.readdirSync('/etc/postgresql');
  } catch {
    return [];
  }
}

/**
 * @returns {Promise<{url: string, started: boolean}>} the URL tests connect to for CREATE/DROP DATABASE
 * @throws when the server cannot be had
 */
export async function ensurePostgres(url = DEFAULT_TEST_DATABASE_URL) {
  const u = new URL(url);
  const host = u.hostname || '127.0.0.1';
  const port = Number(u.port || 5432);
  if (await answers(host, port)) return { url, started: false };
  if (host !== '127.0.0.1' && host !== 'localhost')
    throw new Error(`PostgreSQL at ${host}:${port} does not answer (not local, so not started here)`);
  if (!clusters().length) {
    log("no PostgreSQL cluster in /etc/postgresql: installing Debian's postgresql package");
    const res = await aptInstall(['postgresql']);
    if (!res.ok) throw new Error(res.reason);
  }
  const versions = clusters();
  if (!versions.length || !which('pg_ctlcluster'))
    throw new Error('no PostgreSQL cluster to start (postgresql package missing?)');
  for (const version of versions) {
    log(`starting cluster ${version}/main`);
    const res = await runLogged('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], {
      timeoutMs: 60_000,
    });
    if (res.code !== 0) log(`pg_ctlcluster ${version} main start exited ${res.code ?? res.error?.message}`);
  }
  for (let i = 0; i < 60; i += 1) {
    if (await answers(host, port)) break;
    await sleep(500);
  }
  if (!(await answers(host, port))) throw new Error(`PostgreSQL did not answer on ${host}:${port} after starting`);
  return { url, started: true };
}

if (isMain(import.meta.url)) {
  const { url } = await ensurePostgres(process.env.SLUICE_TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL);
  console.log(`SLUICE_TEST_DATABASE_URL=${url}`);
}
