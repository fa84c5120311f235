// Small process/port helpers shared by scripts/kafka.mjs, scripts/redis.mjs and scripts/test.mjs.
// Plain ESM, Node built-ins only: these run before (and independently of) any TypeScript tooling.
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Is `pid` a live process? A zombie counts as dead: a broker whose parent has not reaped it yet
 * (or whose parent is a PID 1 that never reaps) still answers kill(pid, 0), and we must not wait
 * for it forever.
 */
export function isAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if (err.code === 'EPERM') return true;
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 3, after the parenthesised command name (which may itself contain spaces or ')').
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false; // /proc entry vanished between the two checks
  }
}

/** The command line of `pid` as one space-joined string, or '' if it cannot be read. */
export function cmdline(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

/** Poll until `pid` is gone. Returns true if it exited within `timeoutMs`. */
export async function waitForExit(pid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

/**
 * Send `signal`, wait up to `graceMs`, then SIGKILL. Resolves once the process is gone, so the
 * caller can immediately reuse its port or delete its data directory.
 */
export async function terminate(pid, { signal = 'SIGTERM', graceMs = 30_000 } = {}) {
  if (!isAlive(pid)) return;
  try {
    process.kill(pid, signal);
  } catch (err) {
    if (err.code !== 'ESRCH') throw err;
    return;
  }
  if (await waitForExit(pid, signal === 'SIGKILL' ? 10_000 : graceMs)) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
  if (!(await waitForExit(pid, 10_000))) throw new Error(`process ${pid} survived SIGKILL`);
}

/** Can we bind 127.0.0.1:port right now? */
export function canBind(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

function ephemeralLow() {
  try {
    const [low] = fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/);
    return Number(low) || 32768;
  } catch {
    return 32768;
  }
}

/**
 * A currently free TCP port on 127.0.0.1, chosen *below* the kernel's ephemeral range. Ports from
 * listen(0) come from the ephemeral range, which outgoing connections also draw from: a broker that
 * is restarted mid-test must get its old port back, and an outgoing socket could have taken it in
 * the meantime. Below the range only listeners compete.
 */
export async function freePort({ exclude = [] } = {}) {
  const high = ephemeralLow() - 1;
  const low = Math.max(10_000, high - 20_000);
  if (high > low) {
    for (let i = 0; i < 200; i += 1) {
      const port = low + Math.floor(Math.random() * (high - low));
      if (!exclude.includes(port) && (await canBind(port))) return port;
    }
  }
  // Fallback: let the kernel pick (ephemeral range).
  for (;;) {
    const port = await new Promise((resolve, reject) => {
      const srv = net.createServer();
      srv.once('error', reject);
      srv.listen(0, '127.0.0.1', () => {
        const { port: p } = srv.address();
        srv.close(() => resolve(p));
      });
    });
    if (!exclude.includes(port)) return port;
  }
}

/** The last `lines` lines of a text file ('' if it does not exist). Reads at most the last 64 KiB. */
export function tail(file, lines = 40) {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const { size } = fs.fstatSync(fd);
      const len = Math.min(size, 64 * 1024);
      const buf = Buffer.alloc(len);
      fs.readSync(fd, buf, 0, len, size - len);
      return buf
        .toString('utf8')
        .split('\n')
        .slice(-lines - 1)
        .join('\n')
        .trimEnd();
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return '';
  }
}

/** Is this module the script Node was started with? (CLI entry check that survives symlinks.) */
export function isMain(importMetaUrl) {
  if (!process.argv[1]) return false;
  try {
    return fs.realpathSync(new URL(importMetaUrl)) === fs.realpathSync(process.argv[1]);
  } catch {
    return false;
  }
}

/**
 * Run a command to completion with no stdin (CI has none) and its output appended to `logFile`
 * (or discarded). Never rejects: a command that cannot start resolves with `error` (e.g. ENOENT).
 * @returns {Promise<{code: number|null, signal?: string|null, error?: Error}>}
 */
export function runLogged(cmd, args, { logFile, cwd, env = process.env, timeoutMs } = {}) {
  return new Promise((resolve) => {
    let out = 'ignore';
    if (logFile) {
      fs.mkdirSync(path.dirname(logFile), { recursive: true });
      out = fs.openSync(logFile, 'a');
      fs.writeSync(out, `\n# ${new Date().toISOString()} ${cmd} ${args.join(' ')}\n`);
    }
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', out, out] });
    if (logFile) fs.closeSync(out);
    const timer = timeoutMs ? setTimeout(() => child.kill('SIGKILL'), timeoutMs) : null;
    child.once('error', (error) => {
      if (timer) clearTimeout(timer);
      resolve({ code: null, error });
    });
    child.once('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}

/** Write JSON atomically (temp file + rename): a reader never sees half a state file. */
export function writeJson(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(value, null, 2)}\n`);
  fs.renameSync(`${file}.tmp`, file);
}

/** Parsed JSON of `file`, or null if it is missing or unreadable. */
export function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}
