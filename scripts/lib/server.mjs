// The lifecycle scripts/kafka.mjs and scripts/redis.mjs share: a server run as a detached process,
// its pid (and whatever else identifies it) recorded in a JSON state file, so that any process (the
// CLI, the test runner, a test in jest through the CLI) can take it down, bring it back on the same
// port and data, restart it, and run the CLI itself.
// Plain ESM, Node built-ins only, like ./proc.mjs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { isMain, terminate, writeJson } from './proc.mjs';

/**
 * Starts `cmd args` detached (its own process group: a terminal's Ctrl-C reaches our handlers, which
 * stop it cleanly, rather than the server directly; and the CLI may exit while it lives on), with
 * stdout and stderr appended to `logFile` (after `header`, if given).
 * @returns {{pid: number, exited(): null | {code: number|null, signal: string|null, error?: Error}}}
 */
export function spawnDetached(cmd, args, { cwd, logFile, header }) {
  const out = fs.openSync(logFile, 'a');
  if (header) fs.writeSync(out, header);
  const child = spawn(cmd, args, { cwd, detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  child.unref();
  let exit = null;
  child.once('exit', (code, signal) => {
    exit = { code, signal };
  });
  child.once('error', (error) => {
    exit = { code: null, signal: null, error };
  });
  return { pid: child.pid, exited: () => exit };
}

/**
 * kill / start / restart of the server described by `state` (its `pid` is updated on start and, with
 * `stateFile`, recorded there). Works from the state alone, so a handle rebuilt from JSON in another
 * process controls the server just as well.
 * @param {{pid: number}} state
 * @param {object} o
 * @param {(state) => boolean} o.isRunning is `state.pid` alive and still our server (pids get reused)
 * @param {(state) => {pid: number, exited(): object|null}} o.spawn start it (spawnDetached)
 * @param {(state, proc) => Promise<void>} o.waitReady resolve once it answers, throw if it never will
 * @param {string|null} [o.stateFile]
 * @param {number} [o.graceMs] how long a signal other than SIGKILL has before SIGKILL (default 30 000)
 */
export function serverLifecycle(
  state,
  { isRunning, spawn: spawnServer, waitReady, stateFile = null, graceMs: defaultGraceMs = 30_000 },
) {
  /** Take it down (SIGTERM = clean shutdown, SIGKILL = crash), keeping port and data for start(). */
  async function kill({ signal = 'SIGTERM', graceMs = defaultGraceMs } = {}) {
    if (isRunning(state)) await terminate(state.pid, { signal, graceMs });
  }
  /** Start again on the same port and data (no-op if running). Resolves when it answers. */
  async function start() {
    if (isRunning(state)) return;
    const proc = spawnServer(state);
    state.pid = proc.pid;
    if (stateFile) writeJson(stateFile, state);
    await waitReady(state, proc);
  }
  /** kill, stay down for `downMs`, start. Resolves when it answers again. */
  async function restart({ signal = 'SIGTERM', downMs = 0 } = {}) {
    await kill({ signal });
    if (downMs > 0) await sleep(downMs);
    await start();
  }
  return { kill, start, restart };
}

/**
 * Runs `cli(argv)` when the module at `importMetaUrl` is the script Node was started with, exiting
 * with its code; an error is printed as `[tag] message` and exits 1.
 */
export function runCli(importMetaUrl, tag, cli) {
  if (!isMain(importMetaUrl)) return;
  cli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`[${tag}] ${err.message}\n`);
      process.exit(1);
    },
  );
}
