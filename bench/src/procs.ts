// Sluice roles (and the bare HTTP server) as OS processes, started the way an operator would, with
// the process id the RSS samples and `--cpu-prof` need (node --import tsx: one process, no wrapper).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runLoad, type LoadResult } from './load';
import { cpuSeconds } from './metrics';

export const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'services', 'embedded', 'src', 'main.ts');

export interface BenchProcess {
  name: string;
  url: string;
  pid: number;
  proc: ChildProcess;
  lines: string[];
  rssMb(): number;
  stop(): Promise<void>;
}

/** Resident set size of a process, from /proc (Linux). */
export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

function start(
  name: string,
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  timeoutMs = 60_000,
): Promise<BenchProcess> {
  const proc = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, KAFKAJS_NO_PARTITIONER_WARNING: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let buf = '';
  const onData = (chunk: Buffer) => {
    buf += chunk.toString();
    const parts = buf.split('\n');
    buf = parts.pop() ?? '';
    for (const l of parts) if (lines.length < 5_000) lines.push(l);
  };
  proc.stdout!.on('data', onData);
  proc.stderr!.on('data', onData);
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`${name} did not start within ${timeoutMs} ms:\n${lines.slice(-20).join('\n')}`));
    }, timeoutMs);
    const poll = setInterval(() => {
      const line = lines.find((l) => ready.test(l));
      if (!line) return;
      clearInterval(poll);
      clearTimeout(timer);
      resolve({
        name,
        url: ready.exec(line)![1]!,
        pid: proc.pid!,
        proc,
        lines,
        rssMb: () => rssMb(proc.pid!),
        stop: async () => {
          if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
          const t = setTimeout(() => proc.kill('SIGKILL'), 15_000);
          await exited;
          clearTimeout(t);
        },
      });
    }, 50);
    proc.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before it was ready:\n${lines.slice(-30).join('\n')}`));
    });
  });
}

/** One epoch for every process a bench run starts (SLUICE_CLOCK=running): they all read one clock. */
const CLOCK_EPOCH = new Date().toISOString();

/** `node --import tsx services/embedded/src/main.ts --role …` (all roles when `roles` is empty). */
export function startSluiceProcess(
  name: string,
  roles: string[],
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<BenchProcess> {
  const args = [...nodeArgs, '--import', 'tsx', MAIN, ...roles.flatMap((r) => ['--role', r])];
  return start(
    name,
    args,
    { PORT: '0', LOG_LEVEL: 'warn', SLUICE_CLOCK_EPOCH: CLOCK_EPOCH, ...env },
    /^Sluice is running at (\S+)/,
  );
}

/** The HTTP ceiling: a bare node:http server answering 202 with a small JSON body, nothing else. */
export function startBareHttp(): Promise<BenchProcess> {
  const code = `
    const http = require('node:http');
    const body = JSON.stringify({ id: '00000000-0000-4000-8000-000000000000', status: 'received', statusUrl: 'http://localhost/v1/requests/x' });
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => { res.writeHead(202, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }); res.end(body); });
    });
    server.keepAliveTimeout = 65000;
    server.listen(0, '127.0.0.1', () => console.log('bare http at http://127.0.0.1:' + server.address().port));`;
  return start('bare-http', ['-e', code], {}, /^bare http at (\S+)/);
}

/**
 * The HTTP ceiling: the same load against a bare node:http server answering 202, with the CPU the
 * server and this process's load generator spent per request (what the HTTP round trip alone costs).
 */
export async function httpCeiling(o: {
  practices: number;
  seconds: number;
  connections: number;
}): Promise<{ load: LoadResult; cpuMsPerRequest: number }> {
  const bare = await startBareHttp();
  try {
    const server0 = cpuSeconds(bare.pid);
    const own0 = process.cpuUsage();
    const load = await runLoad({ url: bare.url, ...o, bare: true });
    const own = process.cpuUsage(own0);
    return {
      load,
      cpuMsPerRequest:
        ((cpuSeconds(bare.pid) - server0) * 1000 + (own.user + own.system) / 1000) / Math.max(1, load.accepted),
    };
  } finally {
    await bare.stop();
  }
}
