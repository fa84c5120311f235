// `pnpm bench`: Sluice's figures, each measured beside its anchor in the same run (never part of
// `pnpm test`). This script owns the infrastructure: a Kafka broker of its own (scripts/kafka.mjs)
// and a redis-server of its own (scripts/redis.mjs), so the shared Redis other engineers' tests use
// is neither disturbed nor disturbing; both are stopped in `finally` and on SIGINT/SIGTERM. The
// sections themselves run in TypeScript (bench/src/run.ts, through tsx) and print the table.
//
//   pnpm bench                                   capacity, end-to-end, embedded (~4 min)
//   pnpm bench -- --only capacity[,e2e,embedded] some sections
//   pnpm bench -- --seconds 10                   shorter flat-out runs
//   pnpm bench -- --soak [--soak-seconds N] [--soak-rate R]   steady load for 10 min (or N s)
//   pnpm bench -- --cpu-prof                     Sluice processes write .cpuprofile files to bench/results/profiles
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { reapKafka, startKafka } from './kafka.mjs';
import { isAlive } from './lib/proc.mjs';
import { reapRedis, startPrivateRedis } from './redis.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STATE = path.join(ROOT, '.cache', 'bench');
const KAFKA_STATE = path.join(STATE, 'kafka.json');
const REDIS_STATE = path.join(STATE, 'redis.json');
const REPLICA_STATE = path.join(STATE, 'redis-replica.json');
const say = (msg) => console.log(`[bench] ${msg}`);

let broker = null;
let redis = null;
let replica = null;
let child = null;
let interrupted = null;

function onSignal(signal) {
  if (interrupted) {
    if (broker && isAlive(broker.pid)) process.kill(broker.pid, 'SIGKILL');
    process.exit(130);
  }
  interrupted = signal;
  say(`${signal}: stopping the run, the broker and Redis (again to force)`);
  child?.kill(signal);
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
process.on('exit', () => {
  if (broker && isAlive(broker.pid)) process.kill(broker.pid, 'SIGTERM');
});

function runSections(env) {
  return new Promise((resolve) => {
    const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
    child = spawn(
      tsx,
      [path.join(ROOT, 'bench', 'src', 'run.ts'), ...process.argv.slice(2).filter((a) => a !== '--')],
      {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    child.once('exit', (code, signal) => {
      child = null;
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

let code = 1;
try {
  fs.mkdirSync(STATE, { recursive: true });
  // A bench killed with SIGKILL could not stop its broker and Redis: do it now.
  if ((await reapKafka(KAFKA_STATE)) || (await reapRedis(REDIS_STATE)) || (await reapRedis(REPLICA_STATE)))
    say('stopped a broker/Redis left by an earlier run');
  say('starting a Kafka broker and a redis-server of our own');
  [broker, redis] = await Promise.all([
    startKafka({ stateFile: KAFKA_STATE, logFile: path.join(STATE, 'kafka-broker.log') }),
    startPrivateRedis({ stateFile: REDIS_STATE }),
  ]);
  // A replica of it, so the capacity section can measure what WAIT 1 after each decide costs (ADR 0023).
  replica = await startPrivateRedis({
    stateFile: REPLICA_STATE,
    args: ['--replicaof', '127.0.0.1', String(redis.port)],
  });
  say(`Kafka ${broker.brokers} (pid ${broker.pid}), Redis ${redis.url} (pid ${redis.pid}), its replica ${replica.url}`);
  if (!interrupted) {
    code = await runSections({
      ...process.env,
      KAFKA_BROKERS: broker.brokers,
      REDIS_URL: redis.url,
      BENCH_KAFKA_PID: String(broker.pid),
      BENCH_REDIS_PID: String(redis.pid),
      BENCH_REDIS_REPLICATED: '1',
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
      TURBO_TELEMETRY_DISABLED: '1',
    });
  }
} catch (err) {
  say(`failed: ${err.stack ?? err}`);
} finally {
  await Promise.all([broker?.stop(), replica?.stop(), redis?.stop()].filter(Boolean)).catch((e) =>
    say(`cleanup: ${e.message}`),
  );
  broker = null;
}
process.exit(interrupted ? 130 : code);
