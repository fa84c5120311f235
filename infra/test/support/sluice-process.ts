import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './paths';

const MAIN = path.join(ROOT, 'services', 'embedded', 'src', 'main.ts');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

export interface SluiceProcess {
  url: string;
  /** host:port, as a Prometheus target. */
  target: string;
  proc: ChildProcess;
  lines: string[];
  stop(): Promise<void>;
}

/** Starts Sluice as an operator would (`tsx services/embedded/src/main.ts [--role r]`) on a free port. */
export function startSluiceProcess(roles: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<SluiceProcess> {
  const proc = spawn(TSX, [MAIN, ...roles.flatMap((r) => ['--role', r])], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', KAFKAJS_NO_PARTITIONER_WARNING: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let buffer = '';
  const onData = (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    lines.push(...parts);
  };
  proc.stdout!.on('data', onData);
  proc.stderr!.on('data', onData);
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const name = roles.join('+') || 'embedded';
  let started = false;
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearInterval(poll);
      clearTimeout(timer);
      // SIGTERM, not SIGKILL: tsx passes it on to the node process it runs; a SIGKILL would orphan it.
      proc.kill('SIGTERM');
      reject(new Error(`Sluice (${name}) ${why}:\n${lines.slice(-20).join('\n')}`));
    };
    const timer = setTimeout(() => fail(`did not start in ${timeoutMs} ms`), timeoutMs);
    const poll = setInterval(() => {
      const banner = lines.find((l) => l.startsWith('Sluice is running at '));
      if (!banner) return;
      clearInterval(poll);
      clearTimeout(timer);
      started = true;
      const port = /:(\d+)\b/.exec(banner.slice('Sluice is running at '.length))![1]!;
      resolve({
        url: `http://127.0.0.1:${port}`,
        target: `127.0.0.1:${port}`,
        proc,
        lines,
        stop: async () => {
          if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
          await exited;
        },
      });
    }, 50);
    proc.once('exit', (code) => {
      if (!started) fail(`exited with ${code} before starting`);
    });
  });
}
