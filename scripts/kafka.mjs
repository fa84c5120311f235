// A real, single-node Apache Kafka broker (KRaft) for tests and local runs, without Docker.
//
// Jars come from Maven Central through infra/kafka/pom.xml (see
// docs/decisions/0001-kafka-without-docker.md); the broker runs as a detached `java` process with
// its own temporary data directory and a free port pair. `pnpm test` owns the lifecycle through
// startKafka(); the CLI below is for local use and for tests that must restart a broker from
// another process (jest cannot import this ESM module, see packages/testkit).
//
//   node scripts/kafka.mjs start   [--port N] [--data-dir D] [--state F] [--json] [--ssl-keystore PEM]
//   node scripts/kafka.mjs status  [--state F]          exit 0 = running and answering
//   node scripts/kafka.mjs stop    [--state F]
//   node scripts/kafka.mjs restart [--state F] [--signal SIGTERM|SIGKILL] [--down-ms N]
//   node scripts/kafka.mjs kill    [--state F] [--signal S]   down, keeping port + data (then resume)
//   node scripts/kafka.mjs resume  [--state F]                up again on the same port + data
//   node scripts/kafka.mjs jars                           resolve the jars only (CI warm-up)
//   node scripts/kafka.mjs cluster-start [--nodes 3] [--heap-mb 384] [--state F] [--json]
//   node scripts/kafka.mjs node-kill   --node I [--state F] [--signal S]   one node of a cluster down
//   node scripts/kafka.mjs node-resume --node I [--state F]                and up again
//   (stop and status work on a cluster's state file as on a single broker's)
//
// Progress goes to stderr; stdout carries only the result (KAFKA_BROKERS=… or JSON).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { probe, warmUp } from './lib/kafka-client.mjs';
import { attachCluster, reapCluster, startKafkaCluster } from './lib/kafka-cluster.mjs';
import {
  CACHE,
  ROOT,
  LOG4J,
  KAFKA_VERSION,
  clusterId,
  ensureKafkaJars,
  format,
  formattedClusterId,
  serverProperties,
} from './lib/kafka-setup.mjs';
import { canBind, cmdline, freePort, isAlive, readJson, tail, terminate } from './lib/proc.mjs';
import { runCli, serverLifecycle, spawnDetached } from './lib/server.mjs';

export { ensureKafkaJars, KAFKA_VERSION };
export const DEFAULT_STATE_FILE = path.join(CACHE, 'broker.json');

const DEFAULT_READY_TIMEOUT_MS = 60_000;
const log = (msg) => process.stderr.write(`[kafka] ${msg}\n`);

function isOurBroker(pid, propsFile) {
  const cmd = cmdline(pid);
  return isAlive(pid) && cmd.includes('kafka.Kafka') && cmd.includes(propsFile);
}

function spawnBroker(state) {
  return spawnDetached(
    'java',
    [
      `-Xmx${state.heapMb}m`,
      `-Dlog4j.configuration=${pathToFileURL(LOG4J).href}`,
      '-Djava.awt.headless=true',
      '-cp',
      path.join(state.libDir, '*'), // expanded by java itself, not by a shell
      'kafka.Kafka',
      state.propsFile,
    ],
    {
      cwd: state.dataDir,
      logFile: state.logFile,
      header: `\n# ${new Date().toISOString()} scripts/kafka.mjs: starting broker on ${state.brokers}\n`,
    },
  );
}

async function waitReady(state, proc, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const exit = proc.exited() ?? (isAlive(proc.pid) ? null : { code: '?' });
    if (exit) {
      const why = exit.error
        ? `could not start java: ${exit.error.message}`
        : `exited (code ${exit.code}, signal ${exit.signal ?? 'none'})`;
      const err = new Error(
        `Kafka broker ${why} before becoming ready on ${state.brokers}. Last lines of ${state.logFile}:\n${tail(state.logFile)}`,
      );
      err.portInUse = /Address already in use/i.test(tail(state.logFile, 200));
      throw err;
    }
    if (await probe(state.brokers)) return;
    if (Date.now() > deadline) {
      await terminate(proc.pid, { signal: 'SIGKILL' });
      throw new Error(
        `Kafka broker (pid ${proc.pid}) did not answer describeCluster on ${state.brokers} within ${timeoutMs / 1000} s; killed it. Last lines of ${state.logFile}:\n${tail(state.logFile)}`,
      );
    }
    await sleep(200);
  }
}

/**
 * A handle on a broker described by `state` (from startKafka or a state file written by another
 * process). Everything works from the pid and paths alone, so a handle rebuilt from JSON in a
 * different process can stop or restart the broker just as well.
 */
export function attachKafka(state, { stateFile = null, readyTimeoutMs = DEFAULT_READY_TIMEOUT_MS } = {}) {
  const s = { ...state };
  const { kill, start, restart } = serverLifecycle(s, {
    isRunning: () => isOurBroker(s.pid, s.propsFile),
    spawn: spawnBroker,
    waitReady: (st, proc) => waitReady(st, proc, readyTimeoutMs),
    stateFile,
    graceMs: 30_000,
  });

  return {
    get brokers() {
      return s.brokers;
    },
    get pid() {
      return s.pid;
    },
    get port() {
      return s.port;
    },
    get dataDir() {
      return s.dataDir;
    },
    get logFile() {
      return s.logFile;
    },
    state: () => ({ ...s }),
    /** Stop the JVM but keep the data dir and port: the broker is "down" until start(). */
    kill,
    /** Start again on the same port with the same data (no-op if running). Resolves when ready. */
    start,
    /**
     * Stop (SIGTERM = controlled shutdown, SIGKILL = crash) and start again on the same port and
     * data dir, optionally staying down for `downMs`. Resolves when the broker answers again.
     */
    restart,
    /** Stop for good: SIGTERM (SIGKILL after graceMs), delete the data dir if we created it. */
    async stop({ signal = 'SIGTERM', graceMs = 30_000, keepData = !s.ownsDataDir } = {}) {
      await kill({ signal, graceMs });
      if (!keepData) fs.rmSync(s.dataDir, { recursive: true, force: true });
      if (stateFile) fs.rmSync(stateFile, { force: true });
    },
    /** Is the broker process alive and answering describeCluster? */
    async ready() {
      return isOurBroker(s.pid, s.propsFile) && probe(s.brokers);
    },
  };
}

/**
 * Start a single-node KRaft broker and wait until it answers `describeCluster()`.
 *
 * @param {object} [opts]
 * @param {number} [opts.port] PLAINTEXT port (default: $KAFKA_PORT, else a free one)
 * @param {number} [opts.controllerPort] controller port (default: a free one)
 * @param {string} [opts.dataDir] data directory (default: a new temp dir, deleted by stop())
 * @param {string} [opts.logFile] broker stdout/stderr (default: <dataDir>/broker.log)
 * @param {number} [opts.heapMb] JVM max heap (default 512)
 * @param {number} [opts.readyTimeoutMs] default 60 000
 * @param {string} [opts.stateFile] also record the state as JSON there (CLI, cross-process restart)
 * @param {boolean} [opts.warmUp] create the internal topics before returning (default true)
 * @param {string} [opts.sslKeystore] a PEM file (key + certificate chain): also listen with TLS (state.sslBrokers)
 * @returns {Promise<{brokers: string, pid: number, port: number, dataDir: string, logFile: string,
 *   stop(o?: {signal?: string, keepData?: boolean}): Promise<void>,
 *   restart(o?: {signal?: 'SIGTERM'|'SIGKILL', downMs?: number}): Promise<void>,
 *   kill(o?: {signal?: string}): Promise<void>, start(): Promise<void>, ready(): Promise<boolean>,
 *   state(): object}>}
 */
export async function startKafka(opts = {}) {
  const libDir = await ensureKafkaJars();
  const envPort = process.env.KAFKA_PORT ? Number(process.env.KAFKA_PORT) : undefined;
  const fixedPort = opts.port ?? envPort;
  const readyTimeoutMs = opts.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  const ownsDataDir = !opts.dataDir;
  const dataDir = opts.dataDir ? path.resolve(opts.dataDir) : fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-kafka-'));
  fs.mkdirSync(dataDir, { recursive: true });
  const propsFile = path.join(dataDir, 'server.properties');
  const logDirs = path.join(dataDir, 'kraft');
  const logFile = opts.logFile ? path.resolve(opts.logFile) : path.join(dataDir, 'broker.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });

  try {
    for (const [what, p] of [
      ['port', fixedPort],
      ['controllerPort', opts.controllerPort],
    ]) {
      if (p && !(await canBind(p)))
        throw new Error(
          `Kafka ${what} ${p}${what === 'port' && !opts.port ? ' (from KAFKA_PORT)' : ''} is already in use on 127.0.0.1`,
        );
    }
    // Reusing a formatted data dir means keeping its cluster id: format refuses a different one.
    const cid = formattedClusterId(logDirs) ?? clusterId();
    // A port picked by us can be taken between the check and the JVM's bind; retry with new ports.
    const attempts = fixedPort && opts.controllerPort ? 1 : 3;
    for (let attempt = 1; ; attempt += 1) {
      const port = fixedPort ?? (await freePort());
      const controllerPort = opts.controllerPort ?? (await freePort({ exclude: [port] }));
      const sslPort = opts.sslKeystore ? await freePort({ exclude: [port, controllerPort] }) : null;
      const state = {
        version: KAFKA_VERSION,
        brokers: `127.0.0.1:${port}`,
        ...(sslPort ? { sslBrokers: `127.0.0.1:${sslPort}` } : {}),
        port,
        controllerPort,
        pid: 0,
        dataDir,
        ownsDataDir,
        propsFile,
        logFile,
        libDir,
        heapMb: opts.heapMb ?? 512,
        startedAt: new Date().toISOString(),
      };
      fs.writeFileSync(
        propsFile,
        serverProperties({
          port,
          controllerPort,
          logDirs,
          sslPort,
          sslKeystore: opts.sslKeystore ? path.resolve(opts.sslKeystore) : null,
        }),
      );
      await format(libDir, cid, propsFile, dataDir);

      const handle = attachKafka(state, { stateFile: opts.stateFile ?? null, readyTimeoutMs });
      const t0 = Date.now();
      try {
        await handle.start();
      } catch (err) {
        if (err.portInUse && attempt < attempts) {
          log(`port clash on ${state.brokers}; retrying with other ports`);
          continue;
        }
        throw err;
      }
      if (opts.warmUp !== false) {
        try {
          await warmUp(state.brokers);
        } catch (err) {
          await handle.kill({ signal: 'SIGKILL' });
          throw new Error(
            `Kafka broker on ${state.brokers} answered but failed to warm up (${err.message}). Last lines of ${logFile}:\n${tail(logFile)}`,
          );
        }
      }
      log(
        `broker ${KAFKA_VERSION} ready on ${state.brokers} (pid ${handle.pid}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
      );
      return handle;
    }
  } catch (err) {
    if (ownsDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    if (opts.stateFile) fs.rmSync(opts.stateFile, { force: true });
    throw err;
  }
}

/**
 * Stop a broker recorded in a state file if it is still running (a previous run that was
 * SIGKILLed never reached its cleanup). The pid is only signalled if its command line is still
 * our `kafka.Kafka <propsFile>`: pids get reused.
 * @returns {Promise<boolean>} whether something was reaped
 */
export async function reapKafka(stateFile = DEFAULT_STATE_FILE) {
  const state = readJson(stateFile);
  if (!state) return false;
  if (state.nodes) return reapCluster(stateFile);
  const alive = isOurBroker(state.pid, state.propsFile);
  await attachKafka(state, { stateFile }).stop();
  return alive;
}

async function cli(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      state: { type: 'string' },
      json: { type: 'boolean' },
      signal: { type: 'string' },
      'down-ms': { type: 'string' },
      nodes: { type: 'string' },
      'ssl-keystore': { type: 'string' },
      node: { type: 'string' },
      'heap-mb': { type: 'string' },
    },
  });
  const cmd = positionals[0];
  const stateFile = path.resolve(values.state ?? DEFAULT_STATE_FILE);
  const print = (state) =>
    process.stdout.write(values.json ? `${JSON.stringify(state)}\n` : `KAFKA_BROKERS=${state.brokers}\n`);

  switch (cmd) {
    case 'jars':
      process.stdout.write(`${await ensureKafkaJars()}\n`);
      return 0;
    case 'start': {
      const existing = readJson(stateFile);
      if (existing && isOurBroker(existing.pid, existing.propsFile)) {
        log(`already running (pid ${existing.pid}); state in ${path.relative(ROOT, stateFile)}`);
        print(existing);
        return 0;
      }
      if (existing) await attachKafka(existing, { stateFile }).stop(); // stale record: clean up its dir
      const handle = await startKafka({
        port: values.port ? Number(values.port) : undefined,
        dataDir: values['data-dir'],
        stateFile,
        ...(values['ssl-keystore'] ? { sslKeystore: values['ssl-keystore'] } : {}),
      });
      print(handle.state());
      return 0;
    }
    case 'cluster-start': {
      const cluster = await startKafkaCluster({
        nodes: Number(values.nodes ?? 3),
        heapMb: Number(values['heap-mb'] ?? 384),
        stateFile,
      });
      print(cluster.state());
      return 0;
    }
    case 'node-kill':
    case 'node-resume': {
      const state = readJson(stateFile);
      if (!state?.nodes) throw new Error(`no cluster recorded in ${stateFile}`);
      const cluster = attachCluster(state, { stateFile });
      const i = Number(values.node);
      const t0 = Date.now();
      if (cmd === 'node-kill') await cluster.kill(i, { signal: values.signal ?? 'SIGKILL' });
      else await cluster.resume(i);
      log(`${cmd} ${i}: ${cluster.nodes[i].brokers} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      print(cluster.state());
      return 0;
    }
    case 'status': {
      const state = readJson(stateFile);
      if (!state) {
        log('not running (no state file)');
        return 1;
      }
      if (state.nodes) {
        const up = await Promise.all(attachCluster(state).nodes.map((h) => h.ready()));
        log(`cluster ${state.brokers}: ${up.filter(Boolean).length}/${up.length} nodes answering`);
        if (up.every(Boolean)) print(state);
        return up.every(Boolean) ? 0 : 1;
      }
      const handle = attachKafka(state, { stateFile });
      const ok = await handle.ready();
      log(
        ok
          ? `running: ${state.brokers} pid ${state.pid} data ${state.dataDir}`
          : `not answering: ${state.brokers} pid ${state.pid} (alive: ${isAlive(state.pid)})`,
      );
      if (ok) print(state);
      return ok ? 0 : 1;
    }
    case 'stop': {
      const state = readJson(stateFile);
      if (!state) {
        log('nothing to stop (no state file)');
        return 0;
      }
      if (state.nodes) {
        await attachCluster(state, { stateFile }).stop();
        log(`stopped ${state.nodes.length}-node cluster ${state.brokers}`);
        return 0;
      }
      await attachKafka(state, { stateFile }).stop();
      log(`stopped broker pid ${state.pid}; removed ${state.ownsDataDir ? state.dataDir : 'state file only'}`);
      return 0;
    }
    case 'restart':
    case 'kill':
    case 'resume': {
      const state = readJson(stateFile);
      if (!state) throw new Error(`no broker recorded in ${stateFile}`);
      const handle = attachKafka(state, { stateFile });
      const signal = values.signal ?? 'SIGTERM';
      const t0 = Date.now();
      if (cmd === 'kill') await handle.kill({ signal });
      else if (cmd === 'resume') await handle.start();
      else await handle.restart({ signal, downMs: Number(values['down-ms'] ?? 0) });
      log(`${cmd}: ${handle.brokers} (pid ${handle.pid}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      print(handle.state());
      return 0;
    }
    default:
      process.stderr.write(
        'usage: node scripts/kafka.mjs start|status|stop|restart|kill|resume|jars|cluster-start|node-kill|node-resume [--state FILE] [--port N] [--data-dir DIR] [--json] [--signal SIG] [--down-ms N] [--nodes N] [--node I] [--heap-mb N]\n',
      );
      return 2;
  }
}

runCli(import.meta.url, 'kafka', cli);
