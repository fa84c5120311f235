import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const MAIN = join(__dirname, '..', 'src', 'main.ts');
// tsx is a root devDependency (pnpm links its bin at the workspace root).
const TSX = join(__dirname, '..', '..', '..', 'node_modules', '.bin', 'tsx');

export interface SluiceProcess {
  url: string;
  proc: ChildProcess;
  /** Every line the process wrote (JSON log lines and the start banner). */
  lines: string[];
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts Sluice as its own OS process (`tsx src/main.ts --role ...`), as an operator would, and
 * resolves once it prints the URL it listens on.
 */
export function startProcess(roles: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<SluiceProcess> {
  const args = [MAIN, ...roles.flatMap((r) => ['--role', r])];
  const proc = spawn(TSX, args, {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', KAFKAJS_NO_PARTITIONER_WARNING: '1', ...env },
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
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`${roles.join('+')} did not start in ${timeoutMs} ms:\n${lines.slice(-20).join('\n')}`));
    }, timeoutMs);
    const poll = setInterval(() => {
      const banner = lines.find((l) => l.startsWith('Sluice is running at '));
      if (banner) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve({
          url: /at (\S+)/.exec(banner)![1]!,
          proc,
          lines,
          stop: async (signal = 'SIGTERM') => {
            if (proc.exitCode === null) proc.kill(signal);
            return exited;
          },
        });
      }
    }, 50);
    proc.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`${roles.join('+')} exited with ${code} before starting:\n${lines.slice(-30).join('\n')}`));
    });
  });
}

export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v as T;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
