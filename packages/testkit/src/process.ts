// Sluice (or a test's own entry script) as its own OS process, started as an operator would:
// `node --import tsx <script> [--role r ...]` from the repository root. One process, not the tsx CLI
// (which runs the script in a child of its own): `pid` is Sluice's, and a SIGKILL kills Sluice
// rather than leaving it orphaned behind a killed wrapper.
//
// The script is found by path from the repository root, never imported: the Sluice packages depend
// on @sluice/testkit (for their tests), so @sluice/testkit depends on none of them.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './root';

/** services/embedded/src/main.ts: the roles given with `--role`, every role when none. */
export const SLUICE_MAIN = path.join(ROOT, 'services', 'embedded', 'src', 'main.ts');

/** The line main.ts prints once it listens: "Sluice is running at <its public URL>  (…)". */
const BANNER = /^Sluice is running at (\S+)/;

export interface SluiceProcessOptions {
  /** `--role` arguments (intake, capacity, notifier); none: the embedded default, every role. */
  roles?: readonly string[];
  /**
   * Environment on top of this process's own and the defaults (PORT 0, HOST 127.0.0.1,
   * LOG_LEVEL info, KAFKAJS_NO_PARTITIONER_WARNING 1).
   */
  env?: Record<string, string>;
  /** The script to run, an absolute path (default SLUICE_MAIN). */
  script?: string;
  /**
   * The line that says the process is ready; its first capture group, if any, is the URL it serves
   * at. Default: main.ts's "Sluice is running at <url>" banner.
   */
  ready?: RegExp;
  /** Give up (SIGKILL) when not ready by then (default 60 000 ms). */
  timeoutMs?: number;
  /** For error messages (default: the roles joined by "+", or "embedded"). */
  name?: string;
}

export interface SluiceProcess {
  readonly name: string;
  /**
   * The URL its ready line named: for main.ts its public URL (http://localhost:<port> unless
   * SLUICE_PUBLIC_URL says otherwise), which is also what it puts in the links it answers with.
   * Throws when the ready line named none.
   */
  readonly url: string;
  /** The port of `url`. Throws when the ready line named no URL. */
  readonly port: number;
  readonly pid: number;
  readonly proc: ChildProcess;
  /** Every line it wrote to stdout or stderr (JSON log lines, the banner), as they come. */
  readonly lines: string[];
  /** Resolves with the exit code (null when a signal ended it). */
  readonly exited: Promise<number | null>;
  /** Sends `signal` (default SIGTERM) unless it has already exited; does not wait. */
  kill(signal?: NodeJS.Signals): void;
  /** Sends `signal` (default SIGTERM) unless it has already exited, and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * The real instant every process this test process starts reads SLUICE_NOW at, when it runs a
 * clock (SLUICE_CLOCK=running) and names no epoch of its own: one clock for all of them, so a
 * process restarted later does not run behind the others.
 */
export const CLOCK_EPOCH = new Date().toISOString();

/** Starts the process and resolves once it prints its ready line; rejects (with its last lines) if it exits or times out first. */
export function startSluiceProcess(options: SluiceProcessOptions = {}): Promise<SluiceProcess> {
  const { roles = [], env = {}, script = SLUICE_MAIN, ready = BANNER, timeoutMs = 60_000 } = options;
  const name = options.name ?? (roles.join('+') || (script === SLUICE_MAIN ? 'embedded' : path.basename(script)));
  const proc = spawn(process.execPath, ['--import', 'tsx', script, ...roles.flatMap((r) => ['--role', r])], {
    cwd: ROOT, // where `--import tsx` (a root devDependency) resolves from
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
      SLUICE_CLOCK_EPOCH: CLOCK_EPOCH,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const running = () => proc.exitCode === null && proc.signalCode === null;
  const kill = (signal: NodeJS.Signals = 'SIGTERM') => {
    if (running()) proc.kill(signal);
  };

  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (why: string, last: number) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      kill('SIGKILL');
      reject(new Error(`${name} ${why}:\n${lines.slice(-last).join('\n')}`));
    };
    const timer = setTimeout(() => fail(`did not start in ${timeoutMs} ms`, 20), timeoutMs);
    const started = (match: RegExpExecArray) => {
      settled = true;
      clearTimeout(timer);
      const url = match[1];
      const urlOrThrow = () => {
        if (url === undefined) throw new Error(`${name} named no URL in its ready line`);
        return url;
      };
      resolve({
        name,
        get url() {
          return urlOrThrow();
        },
        get port() {
          return Number(new URL(urlOrThrow()).port);
        },
        pid: proc.pid!,
        proc,
        lines,
        exited,
        kill,
        stop: async (signal = 'SIGTERM') => {
          kill(signal);
          return exited;
        },
      });
    };

    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        const match = settled ? null : ready.exec(line);
        if (match) started(match);
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('error', (e) => fail(`could not be started (${e.message})`, 30));
    proc.once('exit', (code, signal) => fail(`exited with ${code ?? signal} before starting`, 30));
  });
}
