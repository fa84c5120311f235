// Private, disposable infrastructure for fault tests: a Kafka broker or redis-server of the test's
// own, which it may crash, stop and restart without disturbing the shared ones other tests use.
//
// Driven through the CLIs of scripts/kafka.mjs and scripts/redis.mjs in a child process, because
// jest (CommonJS via swc, no --experimental-vm-modules) cannot import those ESM modules. Each
// instance records its state under <repo>/.cache/private/, and scripts/test.mjs stops whatever is
// left there (a test that crashed before stop()) at the start and end of every run.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { uniqueName } from './names';
import { ROOT } from './root';

const PRIVATE_DIR = path.join(ROOT, '.cache', 'private');

export interface FaultOptions {
  /** SIGTERM (default) is a clean shutdown; SIGKILL is a crash. */
  signal?: 'SIGTERM' | 'SIGKILL';
  /** How long to stay down before starting again (default 0). */
  downMs?: number;
}

export interface PrivateService {
  /** Take it down and keep it down (same port and data kept for resume()). */
  kill(opts?: Pick<FaultOptions, 'signal'>): Promise<void>;
  /** Bring it back on the same port; resolves when it answers again. */
  resume(): Promise<void>;
  /** kill + optional pause + resume. */
  restart(opts?: FaultOptions): Promise<void>;
  /** Stop for good and delete its data (call in afterAll). */
  stop(): Promise<void>;
}

export interface PrivateKafka extends PrivateService {
  readonly brokers: string[];
}

export interface PrivateRedis extends PrivateService {
  readonly url: string;
  /** Up but unreachable for `ms`: SIGSTOP, then SIGCONT (clients' commands hang meanwhile). */
  freeze(ms: number): Promise<void>;
}

function runCli(script: 'kafka' | 'redis', args: string[], timeoutMs: number): Promise<Record<string, unknown>> {
  const file = path.join(ROOT, 'scripts', `${script}.mjs`);
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [file, ...args, '--json'],
      { cwd: ROOT, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new Error(
              `node scripts/${script}.mjs ${args.join(' ')} failed (${error.message.split('\n')[0]}):\n${stderr.trim()}`,
            ),
          );
          return;
        }
        const line = stdout.trim().split('\n').pop();
        resolve(line ? (JSON.parse(line) as Record<string, unknown>) : {});
      },
    );
  });
}

function controls(script: 'kafka' | 'redis', state: string, timeoutMs: number): PrivateService {
  return {
    kill: async ({ signal = 'SIGTERM' } = {}) => {
      await runCli(script, ['kill', '--state', state, '--signal', signal], timeoutMs);
    },
    resume: async () => {
      await runCli(script, ['resume', '--state', state], timeoutMs);
    },
    restart: async ({ signal = 'SIGTERM', downMs = 0 } = {}) => {
      await runCli(
        script,
        ['restart', '--state', state, '--signal', signal, '--down-ms', String(downMs)],
        timeoutMs + downMs,
      );
    },
    stop: async () => {
      await runCli(script, ['stop', '--state', state], timeoutMs);
    },
  };
}

/**
 * A single-node KRaft broker of this test's own (≈3–5 s to start; ≈5 s to come back from SIGKILL).
 * With `sslKeystore` (a PEM file: the broker's key and certificate chain) it also listens with TLS
 * at `sslBrokers`.
 */
export async function startPrivateKafka(
  o: { sslKeystore?: string } = {},
): Promise<PrivateKafka & { sslBrokers?: string[] }> {
  const state = path.join(PRIVATE_DIR, `${uniqueName('kafka')}.json`);
  const started = await runCli(
    'kafka',
    ['start', '--state', state, ...(o.sslKeystore ? ['--ssl-keystore', o.sslKeystore] : [])],
    120_000,
  );
  const brokers = [String(started.brokers)];
  return {
    brokers,
    ...(started.sslBrokers ? { sslBrokers: [String(started.sslBrokers)] } : {}),
    ...controls('kafka', state, 120_000),
  };
}

export interface PrivateKafkaCluster {
  /** Every node's address (clients need only one; give them all, as production would). */
  readonly brokers: string[];
  /** Node `i` (0-based) down, SIGKILL by default (a crash); its port and data kept for resume(i). */
  kill(i: number, opts?: Pick<FaultOptions, 'signal'>): Promise<void>;
  /** Node `i` up again on its port and data; resolves when it answers. */
  resume(i: number): Promise<void>;
  /** Every node stopped for good and its data deleted (call in afterAll). */
  stop(): Promise<void>;
}

/**
 * A KRaft cluster of this test's own: `nodes` combined broker+controller nodes (default 3) whose
 * topics default to RF `nodes`, min ISR `nodes - 1`, with a 3 s broker session (a crashed node's
 * partitions get new leaders in ~3-9 s). ~25-40 s to start on two cores; ~1.2 GB for three.
 */
export async function startPrivateKafkaCluster(
  o: { nodes?: number; heapMb?: number } = {},
): Promise<PrivateKafkaCluster> {
  const state = path.join(PRIVATE_DIR, `${uniqueName('kafka-cluster')}.json`);
  const started = await runCli(
    'kafka',
    ['cluster-start', '--state', state, '--nodes', String(o.nodes ?? 3), '--heap-mb', String(o.heapMb ?? 384)],
    180_000,
  );
  return {
    brokers: String(started.brokers).split(','),
    kill: async (i, { signal = 'SIGKILL' } = {}) => {
      await runCli('kafka', ['node-kill', '--state', state, '--node', String(i), '--signal', signal], 60_000);
    },
    resume: async (i) => {
      await runCli('kafka', ['node-resume', '--state', state, '--node', String(i)], 120_000);
    },
    stop: async () => {
      await runCli('kafka', ['stop', '--state', state], 120_000);
    },
  };
}

/**
 * A redis-server of this test's own on a free port. By default nothing is persisted (a restart
 * empties it); `persist: true` turns on the append-only file with fsync always, as a production
 * Redis would run, so a restart (even SIGKILL) keeps every acknowledged write.
 */
export async function startPrivateRedis(options: { persist?: boolean } = {}): Promise<PrivateRedis> {
  const state = path.join(PRIVATE_DIR, `${uniqueName('redis')}.json`);
  const started = await runCli('redis', ['start', '--state', state, ...(options.persist ? ['--persist'] : [])], 30_000);
  return {
    url: String(started.url),
    ...controls('redis', state, 30_000),
    freeze: async (ms: number) => {
      await runCli('redis', ['freeze', '--state', state, '--ms', String(ms)], 30_000 + ms);
    },
  };
}

export interface PrivateSentinel {
  /** `host:port,…` of the three sentinels (REDIS_SENTINELS). */
  readonly sentinels: string;
  /** The master's name the sentinels monitor (REDIS_SENTINEL_MASTER). */
  readonly master: string;
  /** SIGKILL (default) whichever member the sentinels now name as master; resolves with its name. */
  killMaster(signal?: 'SIGTERM' | 'SIGKILL'): Promise<string>;
  /** Start a killed member again on its port and data (an old master comes back as a replica). */
  resume(name: string): Promise<void>;
  /** The member the sentinels now name as master ('master' or 'replica'), or null if none answers. */
  currentMaster(): Promise<string | null>;
  /** Stop every member and delete the data (call in afterAll). */
  stop(): Promise<void>;
}

export interface PrivateCluster {
  /** `host:port,…` of its masters (REDIS_CLUSTER_NODES). */
  readonly nodes: string;
  readonly nodeList: { host: string; port: number }[];
  stop(): Promise<void>;
}

/**
 * A Redis Sentinel group of this test's own: a master and a replica (append-only files on) and three
 * sentinels (quorum 2, a master is down after 1 s). ≈10 s to start, the sentinels knowing each other.
 */
export async function startPrivateSentinel(): Promise<PrivateSentinel> {
  const state = path.join(PRIVATE_DIR, `${uniqueName('redis-sentinel')}.json`);
  const started = await runCli('redis', ['sentinel-start', '--state', state], 90_000);
  return {
    sentinels: String(started.sentinels),
    master: String(started.master),
    killMaster: async (signal = 'SIGKILL') =>
      String(
        (
          await runCli(
            'redis',
            ['member-kill', '--state', state, '--name', 'current-master', '--signal', signal],
            30_000,
          )
        ).killed,
      ),
    resume: async (name) => {
      await runCli('redis', ['member-resume', '--state', state, '--name', name], 30_000);
    },
    currentMaster: async () => {
      const m = (await runCli('redis', ['member-master', '--state', state], 30_000)).master;
      return typeof m === 'string' ? m : null;
    },
    stop: async () => {
      await runCli('redis', ['stop', '--state', state], 60_000);
    },
  };
}

/** A Redis Cluster of this test's own: three masters on loopback, every slot assigned (≈3 s to start). */
export async function startPrivateCluster(): Promise<PrivateCluster> {
  const state = path.join(PRIVATE_DIR, `${uniqueName('redis-cluster')}.json`);
  const started = await runCli('redis', ['cluster-start', '--state', state], 90_000);
  const nodes = String(started.nodes);
  return {
    nodes,
    nodeList: nodes.split(',').map((n) => ({ host: n.split(':')[0]!, port: Number(n.split(':')[1]) })),
    stop: async () => {
      await runCli('redis', ['stop', '--state', state], 60_000);
    },
  };
}
