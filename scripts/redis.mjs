// Redis for tests: make sure the shared instance answers (start it if it is local and down), and
// run private throwaway instances that fault tests may kill and restart without disturbing anyone.
//
//   node scripts/redis.mjs ensure                          PING $REDIS_URL, start it if down
//   node scripts/redis.mjs start   --state F [--port N] [--persist] [--json]   private instance
//                                                          (--persist: AOF, fsync always, so a restart keeps every acknowledged write)
//   node scripts/redis.mjs kill    --state F [--signal S]  down, keep port (resume to bring back)
//   node scripts/redis.mjs resume  --state F               up again on the same port
//   node scripts/redis.mjs restart --state F [--signal S] [--down-ms N]
//   node scripts/redis.mjs freeze  --state F --ms N       SIGSTOP for N ms, then SIGCONT (up but unreachable)
//   node scripts/redis.mjs stop    --state F
//   node scripts/redis.mjs sentinel-start --state F [--json]   master + replica + 3 sentinels
//   node scripts/redis.mjs cluster-start  --state F [--json]   3 masters, every slot assigned
//   node scripts/redis.mjs member-kill    --state F --name N [--signal S]   N: a member, or current-master
//   node scripts/redis.mjs member-resume  --state F --name N
//   node scripts/redis.mjs member-master  --state F           which member the sentinels name as master
//
// PING is spoken over a raw socket (RESP is three lines): no client library needed here.
import { Buffer } from 'node:buffer';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { cmdline, freePort, isAlive, readJson, runLogged, tail, terminate } from './lib/proc.mjs';
import { runCli, serverLifecycle, spawnDetached } from './lib/server.mjs';
import {
  currentMaster,
  killMember,
  resumeMember,
  startCluster,
  startSentinelGroup,
  stopTopology,
} from './lib/redis-topologies.mjs';
import { aptInstall, which } from './tools.mjs';

const DEFAULT_URL = 'redis://127.0.0.1:6379';
const log = (msg) => process.stderr.write(`[redis] ${msg}\n`);

function resp(...args) {
  return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
}

/**
 * PING the Redis at `url` (AUTH first if the URL carries credentials).
 * @returns {Promise<{ok: true} | {ok: false, reason: string, reachable: boolean}>}
 *   reachable = something answered on the port (so starting a server there would not help)
 */
export function pingRedis(url = DEFAULT_URL, timeoutMs = 1_000) {
  const u = new URL(url);
  const host = u.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  const port = Number(u.port || 6379);
  return new Promise((resolve) => {
    let buf = '';
    let connected = false;
    const sock = net.connect({ host, port });
    const done = (result) => {
      sock.destroy();
      resolve(result);
    };
    sock.setTimeout(timeoutMs, () =>
      done({ ok: false, reachable: connected, reason: `no answer from ${host}:${port} within ${timeoutMs} ms` }),
    );
    sock.once('error', (err) =>
      done({ ok: false, reachable: connected, reason: `${host}:${port}: ${err.code ?? err.message}` }),
    );
    sock.once('connect', () => {
      connected = true;
      let cmds = '';
      if (u.password)
        cmds += u.username
          ? resp('AUTH', decodeURIComponent(u.username), decodeURIComponent(u.password))
          : resp('AUTH', decodeURIComponent(u.password));
      sock.write(cmds + resp('PING'));
    });
    sock.on('data', (chunk) => {
      buf += chunk.toString('utf8');
      const err = /^-(.*)\r\n/m.exec(buf);
      if (err) done({ ok: false, reachable: true, reason: `${host}:${port} answered: ${err[1]}` });
      else if (buf.includes('+PONG\r\n')) done({ ok: true });
    });
  });
}

/** Path of redis-server; installed through apt when missing and we are root. */
export async function redisServerBin() {
  const found = which('redis-server') ?? (fs.existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : null);
  if (found) return found;
  const res = await aptInstall(['redis-server']);
  if (!res.ok) throw new Error(`redis-server is not installed: ${res.reason}`);
  const after = which('redis-server') ?? '/usr/bin/redis-server';
  if (!fs.existsSync(after)) throw new Error('apt-get installed redis-server but the binary is still missing');
  return after;
}

async function waitPing(url, timeoutMs, isUp = () => true) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await pingRedis(url, 500);
    if (last.ok) return;
    if (!isUp()) throw new Error(`redis-server for ${url} exited before answering PING`);
    if (Date.now() > deadline)
      throw new Error(`Redis at ${url} did not answer PING within ${timeoutMs / 1000} s: ${last.reason}`);
    await sleep(100);
  }
}

/**
 * PING the shared Redis; if nothing listens and the URL is local, start one (daemonized, nothing
 * persisted, as on the CI machines). The shared instance is left running afterwards on purpose:
 * it is machine infrastructure, not ours to stop.
 * @returns {Promise<{url: string, started: boolean}>}
 */
export async function ensureRedis(url = process.env.REDIS_URL ?? DEFAULT_URL) {
  const first = await pingRedis(url);
  if (first.ok) return { url, started: false };
  if (first.reachable) throw new Error(`Redis at ${url} is up but refused PING (${first.reason}); fix REDIS_URL`);
  const u = new URL(url);
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(u.hostname)) {
    throw new Error(`Redis at ${url} does not answer (${first.reason}) and is not local, so it cannot be started here`);
  }
  if (u.password)
    throw new Error(`Redis at ${url} does not answer (${first.reason}); not starting one, the URL expects a password`);
  const bin = await redisServerBin();
  // apt's postinst may have just started the packaged service on 6379.
  if ((await pingRedis(url)).ok) return { url, started: true };
  const port = String(Number(u.port || 6379));
  log(`not answering on ${u.host}; starting redis-server --daemonize yes --port ${port}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-redis-shared-'));
  const res = await runLogged(bin, [
    '--daemonize',
    'yes',
    '--bind',
    '127.0.0.1',
    '--port',
    port,
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
    '--logfile',
    path.join(dir, 'redis.log'),
  ]);
  if (res.code !== 0)
    throw new Error(
      `redis-server --daemonize failed (exit ${res.code ?? res.error?.message}): ${tail(path.join(dir, 'redis.log'), 10)}`,
    );
  await waitPing(url, 10_000);
  return { url, started: true };
}

function isOurRedis(pid, port) {
  const cmd = cmdline(pid);
  return isAlive(pid) && cmd.includes('redis-server') && cmd.includes(`:${port}`);
}

function spawnRedis(s) {
  return spawnDetached(
    s.bin,
    [
      // A sentinel runs from a config file of its own (it rewrites it as it learns the group).
      ...(s.conf ? [s.conf, '--sentinel'] : []),
      '--bind',
      '127.0.0.1',
      '--port',
      String(s.port),
      '--dir',
      s.dir,
      '--daemonize',
      'no',
      ...(s.conf ? [] : ['--save', '']),
      // A production Redis persists; fault tests that restart one mid-load need it to come back with its data.
      ...(s.conf ? [] : s.persist ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']),
      // Cluster or replica settings of a topology's member (scripts/lib/redis-topologies.mjs).
      ...(s.args ?? []),
    ],
    { cwd: s.dir, logFile: s.logFile },
  );
}

/** A handle on a private redis-server described by `state` (works across processes). */
export function attachRedis(state, { stateFile = null } = {}) {
  const s = { ...state };
  const { kill, start, restart } = serverLifecycle(s, {
    isRunning: () => isOurRedis(s.pid, s.port),
    spawn: spawnRedis,
    waitReady: async (st, proc) => {
      try {
        await waitPing(st.url, 10_000, () => !proc.exited());
      } catch (err) {
        await terminate(st.pid, { signal: 'SIGKILL' });
        throw new Error(`${err.message}. Last lines of ${st.logFile}:\n${tail(st.logFile, 20)}`);
      }
    },
    stateFile,
    graceMs: 10_000,
  });
  return {
    get url() {
      return s.url;
    },
    get port() {
      return s.port;
    },
    get pid() {
      return s.pid;
    },
    state: () => ({ ...s }),
    /** Take it down (SIGTERM, or SIGKILL for a crash); resume with start(). Data is lost either way. */
    kill,
    start,
    restart,
    /** Up but unreachable: SIGSTOP for `ms`, then SIGCONT (clients' commands hang meanwhile). */
    async freeze(ms) {
      if (!isOurRedis(s.pid, s.port)) throw new Error(`redis for ${s.url} is not running`);
      process.kill(s.pid, 'SIGSTOP');
      try {
        await sleep(ms);
      } finally {
        process.kill(s.pid, 'SIGCONT');
      }
    },
    async stop() {
      if (isOurRedis(s.pid, s.port)) process.kill(s.pid, 'SIGCONT'); // a frozen server cannot act on SIGTERM
      await kill();
      fs.rmSync(s.dir, { recursive: true, force: true });
      if (stateFile) fs.rmSync(stateFile, { force: true });
    },
  };
}

/**
 * A separate redis-server on its own port (nothing persisted), for tests that kill/restart Redis.
 * @param {{port?: number, stateFile?: string}} [opts]
 * @returns {Promise<{url: string, port: number, pid: number, stop(): Promise<void>,
 *   restart(o?: {signal?: 'SIGTERM'|'SIGKILL', downMs?: number}): Promise<void>,
 *   kill(o?: {signal?: string}): Promise<void>, start(): Promise<void>, state(): object}>}
 */
export async function startPrivateRedis({ port, stateFile, persist = false, args = [] } = {}) {
  const bin = await redisServerBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-redis-'));
  for (let attempt = 1; ; attempt += 1) {
    const p = port ?? (await freePort());
    const state = {
      url: `redis://127.0.0.1:${p}`,
      port: p,
      pid: 0,
      bin,
      dir,
      logFile: path.join(dir, 'redis.log'),
      persist,
      args,
    };
    const handle = attachRedis(state, { stateFile });
    try {
      await handle.start();
      return handle;
    } catch (err) {
      // A port we picked may have been taken since; try another one (twice).
      if (port === undefined && attempt < 3 && /Address already in use/i.test(tail(state.logFile, 50))) continue;
      fs.rmSync(dir, { recursive: true, force: true });
      if (stateFile) fs.rmSync(stateFile, { force: true });
      throw err;
    }
  }
}

/** Stop a private instance recorded in a state file, if still running (cleanup after a crash). */
export async function reapRedis(stateFile) {
  const state = readJson(stateFile);
  if (!state) return false;
  if (state.kind) return (await stopTopology({ ...state, stateFile })) > 0;
  const alive = isOurRedis(state.pid, state.port);
  await attachRedis(state, { stateFile }).stop();
  return alive;
}

async function cli(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      state: { type: 'string' },
      port: { type: 'string' },
      json: { type: 'boolean' },
      signal: { type: 'string' },
      'down-ms': { type: 'string' },
      persist: { type: 'boolean' },
      ms: { type: 'string' },
      name: { type: 'string' },
    },
  });
  const cmd = positionals[0];
  if (cmd === 'ensure') {
    const { url, started } = await ensureRedis();
    log(started ? `started ${url}` : `${url} answers PING`);
    process.stdout.write(`REDIS_URL=${url}\n`);
    return 0;
  }
  const topologyCmds = ['sentinel-start', 'cluster-start', 'member-kill', 'member-resume', 'member-master'];
  if (![...topologyCmds, 'start', 'kill', 'resume', 'restart', 'freeze', 'stop'].includes(cmd) || !values.state) {
    process.stderr.write(
      'usage: node scripts/redis.mjs ensure | start|kill|resume|restart|freeze|stop --state FILE [--port N] [--persist] [--json] [--signal SIG] [--down-ms N] [--ms N]\n',
    );
    return 2;
  }
  const stateFile = path.resolve(values.state);
  const print = (st) => process.stdout.write(values.json ? `${JSON.stringify(st)}\n` : `REDIS_URL=${st.url}\n`);
  if (cmd === 'start') {
    const handle = await startPrivateRedis({
      port: values.port ? Number(values.port) : undefined,
      stateFile,
      persist: values.persist === true,
    });
    print(handle.state());
    return 0;
  }
  if (cmd === 'sentinel-start' || cmd === 'cluster-start') {
    const group =
      cmd === 'sentinel-start' ? await startSentinelGroup({ stateFile }) : await startCluster({ stateFile });
    process.stdout.write(
      values.json
        ? `${JSON.stringify(group)}\n`
        : cmd === 'sentinel-start'
          ? `REDIS_SENTINELS=${group.sentinels}\n`
          : `REDIS_CLUSTER_NODES=${group.nodes}\n`,
    );
    return 0;
  }
  const state = readJson(stateFile);
  if (!state) {
    if (cmd === 'stop') return 0;
    throw new Error(`no private redis recorded in ${stateFile}`);
  }
  if (state.kind) {
    const group = { ...state, stateFile };
    if (cmd === 'stop') await stopTopology(group);
    else if (cmd === 'member-kill')
      process.stdout.write(
        `${JSON.stringify({ killed: await killMember(group, values.name, values.signal ?? 'SIGKILL') })}\n`,
      );
    else if (cmd === 'member-resume') await resumeMember(group, values.name);
    else if (cmd === 'member-master')
      process.stdout.write(`${JSON.stringify({ master: (await currentMaster(group))?.name ?? null })}\n`);
    else throw new Error(`${cmd} is not for a ${state.kind}`);
    return 0;
  }
  const handle = attachRedis(state, { stateFile });
  const signal = values.signal ?? 'SIGTERM';
  if (cmd === 'stop') await handle.stop();
  else if (cmd === 'kill') await handle.kill({ signal });
  else if (cmd === 'resume') await handle.start();
  else if (cmd === 'freeze') await handle.freeze(Number(values.ms ?? 1000));
  else await handle.restart({ signal, downMs: Number(values['down-ms'] ?? 0) });
  if (cmd !== 'stop') print(handle.state());
  return 0;
}

runCli(import.meta.url, 'redis', cli);
