// `pnpm test`: the one test command, locally and in CI (.ci/run).
//
// It owns the infrastructure the tests run against: makes sure Redis and PostgreSQL answer, starts a throwaway
// Kafka broker (always stopped again: finally + signal handlers), finds promtool and Chromium,
// exports their coordinates, then runs typecheck, lint and every package's tests, and ends with
// one line — `tests: N passed, N failed[, N skipped]` — added up from the per-package summaries
// the jest reporter writes to .test-results/. Exit code is non-zero if any test or step failed.
//
//   pnpm test                              everything
//   pnpm test -- --skip-static             no typecheck/lint (`pnpm test` itself rejects unknown
//                                          flags: they must follow `--`)
//   pnpm test -- --only faults             `turbo run test:faults` instead of `turbo run test`
//   pnpm test:faults                       the same as the line above
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { reapKafka, startKafka } from './kafka.mjs';
import { isAlive } from './lib/proc.mjs';
import { ensurePostgres } from './postgres.mjs';
import { ensureRedis, reapRedis } from './redis.mjs';
import { ensureAlertmanager, ensureChromium, ensurePromtool, toolProblems } from './tools.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = path.join(ROOT, '.test-results');
const TEST_BROKER_STATE = path.join(ROOT, '.cache', 'kafka', 'test-broker.json');
const PRIVATE_DIR = path.join(ROOT, '.cache', 'private'); // see packages/testkit/src/infra.ts

const { values: flags } = parseArgs({
  options: { only: { type: 'string' }, 'skip-static': { type: 'boolean', default: false } },
});
if (flags.only !== undefined && flags.only !== 'faults') {
  console.error(`unknown --only ${flags.only} (supported: faults)`);
  process.exit(2);
}

const t0 = Date.now();
const secs = (ms) => (ms / 1000).toFixed(1);
const say = (msg) => console.log(`[test] ${msg}`);
const phases = []; // { name, ok, seconds, note }

let broker = null;
let child = null; // the step currently running
let interrupted = null; // 'SIGINT' | 'SIGTERM' once we were asked to stop

async function phase(name, fn) {
  const started = Date.now();
  say(`▶ ${name}  (t+${secs(started - t0)} s)`);
  try {
    const note = await fn();
    phases.push({ name, ok: true, seconds: secs(Date.now() - started), note });
    say(`✔ ${name}  ${secs(Date.now() - started)} s${note ? `  (${note})` : ''}`);
    return true;
  } catch (err) {
    phases.push({ name, ok: false, seconds: secs(Date.now() - started), note: err.message.split('\n')[0] });
    say(`✖ ${name}  ${secs(Date.now() - started)} s\n${err.message}`);
    return false;
  }
}

function step(cmd, args, env) {
  return new Promise((resolve, reject) => {
    // stdin 'ignore': CI has none, and nothing here may wait for a keypress.
    child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', (err) => {
      child = null;
      reject(err);
    });
    child.once('exit', (code, signal) => {
      child = null;
      if (code === 0) resolve();
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${code ?? signal}`));
    });
  });
}

/** Stop private brokers/Redis left behind by tests that died before their afterAll. */
async function reapPrivate() {
  let reaped = 0;
  let files = [];
  try {
    files = fs.readdirSync(PRIVATE_DIR).filter((f) => f.endsWith('.json'));
  } catch {
    return 0;
  }
  for (const f of files) {
    const file = path.join(PRIVATE_DIR, f);
    const wasAlive = f.startsWith('kafka-') ? await reapKafka(file) : await reapRedis(file);
    if (wasAlive) reaped += 1;
  }
  return reaped;
}

async function stopBroker() {
  if (!broker) return;
  const b = broker;
  broker = null;
  await b.stop();
}

function onSignal(signal) {
  if (interrupted) {
    // Second Ctrl-C: do not wait for a graceful shutdown any more.
    if (broker && isAlive(broker.pid)) process.kill(broker.pid, 'SIGKILL');
    process.exit(signal === 'SIGINT' ? 130 : 143);
  }
  interrupted = signal;
  say(`${signal}: stopping the current step and the broker (again to force)`);
  child?.kill(signal);
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
// Last resort if we exit by a path that skipped `finally` (should not happen): never leave a JVM.
process.on('exit', () => {
  if (broker && isAlive(broker.pid)) process.kill(broker.pid, 'SIGTERM');
});

function summarize() {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  let files = [];
  try {
    files = fs.readdirSync(RESULTS).filter((f) => f.endsWith('.json'));
  } catch {
    /* no results at all */
  }
  for (const f of files.sort()) {
    try {
      const r = JSON.parse(fs.readFileSync(path.join(RESULTS, f), 'utf8'));
      totals.passed += Number(r.passed) || 0;
      totals.failed += Number(r.failed) || 0;
      totals.skipped += Number(r.skipped) || 0;
      say(
        `  ${String(r.name).padEnd(16)} ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`,
      );
    } catch (err) {
      say(`  unreadable result ${f}: ${err.message}`);
      totals.failed += 1;
    }
  }
  return totals;
}

async function main() {
  fs.rmSync(RESULTS, { recursive: true, force: true });
  fs.mkdirSync(RESULTS, { recursive: true });

  const env = {
    ...process.env,
    SLUICE_TEST_INFRA: '1',
    KAFKAJS_NO_PARTITIONER_WARNING: '1',
    // The network reaches only npm, Maven Central and apt: keep turbo from phoning home.
    TURBO_TELEMETRY_DISABLED: '1',
    DO_NOT_TRACK: '1',
    TURBO_NO_UPDATE_NOTIFIER: '1',
    // The shared test Redis persists nothing (as on the CI machines); production keeps the check on.
    REDIS_PERSISTENCE_CHECK: 'off',
  };

  let infraOk = await phase('redis', async () => {
    const { url, started } = await ensureRedis();
    env.REDIS_URL = url;
    return started ? `started ${url}` : url;
  });

  // Suites create and drop their own databases on this server (not DATABASE_URL: every Sluice process
  // a test spawns inherits the environment and would write to it).
  infraOk =
    (await phase('postgres', async () => {
      const { url, started } = await ensurePostgres(process.env.SLUICE_TEST_DATABASE_URL || undefined);
      env.SLUICE_TEST_DATABASE_URL = url;
      return started ? `started ${url}` : url;
    })) && infraOk;

  infraOk =
    (await phase('kafka', async () => {
      // A previous run killed with SIGKILL cannot have stopped its broker; do it now.
      const stale = (await reapKafka(TEST_BROKER_STATE)) ? 1 : 0;
      const leftovers = await reapPrivate();
      broker = await startKafka({ stateFile: TEST_BROKER_STATE, logFile: path.join(RESULTS, 'kafka-broker.log') });
      env.KAFKA_BROKERS = broker.brokers;
      const reaped = stale + leftovers ? `, stopped ${stale + leftovers} left over from an earlier run` : '';
      return `${broker.brokers}, pid ${broker.pid}, log .test-results/kafka-broker.log${reaped}`;
    })) && infraOk;

  // Missing tools are not fatal here: the tests that need them fail with the reason (testkit toolPath).
  await phase('tools', async () => {
    const prom = await ensurePromtool();
    if (prom) {
      env.PROMTOOL = prom.promtool;
      env.PROMETHEUS_BIN = prom.prometheus;
    }
    const am = await ensureAlertmanager();
    if (am) {
      env.ALERTMANAGER_BIN = am.alertmanager;
      env.AMTOOL = am.amtool;
    }
    const chromium = await ensureChromium();
    if (chromium) env.CHROMIUM_PATH = chromium;
    const problems = toolProblems();
    if (problems.length)
      env.SLUICE_TOOL_PROBLEMS = problems.map((p) => `${p.tool}: ${p.reason.split('\n')[0]}`).join('; ');
    return problems.length
      ? `MISSING ${problems.map((p) => p.tool).join(', ')}`
      : [prom?.promtool, prom?.prometheus, am?.alertmanager, chromium].join(' ');
  });

  const steps = [];
  // --continue: one failing package must not hide the results of the others.
  if (!flags['skip-static']) {
    steps.push(['typecheck', 'pnpm', ['exec', 'turbo', 'run', 'typecheck', '--continue']]);
    steps.push(['lint', 'pnpm', ['lint']]);
    steps.push(['format', 'pnpm', ['format:check']]);
  }
  if (flags.only === 'faults')
    steps.push(['test:faults', 'pnpm', ['exec', 'turbo', 'run', 'test:faults', '--concurrency=1', '--continue']]);
  else {
    // The clinical safety report: sensitivity and false positives of the red-flag screen, per category
    // (exits non-zero if any emergency phrase is missed).
    steps.push(['red-flag report', 'pnpm', ['--filter', '@sluice/triage', 'report']]);
    steps.push(['test', 'pnpm', ['exec', 'turbo', 'run', 'test', '--concurrency=1', '--continue']]);
  }

  for (const [name, cmd, args] of steps) {
    if (interrupted) break;
    if (!infraOk && name.startsWith('test')) {
      phases.push({ name, ok: false, seconds: '0.0', note: 'not run: infrastructure did not start' });
      say(`✖ ${name}  not run: infrastructure did not start`);
      continue;
    }
    await phase(name, () => step(cmd, args, env));
  }
}

let crashed = null;
try {
  await main();
} catch (err) {
  crashed = err;
} finally {
  await phase('stop kafka', async () => {
    await stopBroker();
    const leftovers = await reapPrivate();
    return leftovers ? `also stopped ${leftovers} private instance(s) a test left running` : '';
  });
}
if (crashed) say(`crashed: ${crashed.stack ?? crashed}`);

say(`phases (total ${secs(Date.now() - t0)} s):`);
for (const p of phases)
  say(`  ${p.ok ? '✔' : '✖'} ${p.name.padEnd(12)} ${p.seconds.padStart(6)} s${p.ok ? '' : `  ${p.note}`}`);
say('results:');
const totals = summarize();
const failedSteps = phases.filter((p) => !p.ok && p.name !== 'tools');
const exitCode = interrupted
  ? interrupted === 'SIGINT'
    ? 130
    : 143
  : totals.failed > 0 || failedSteps.length > 0 || crashed
    ? 1
    : 0;
if (exitCode !== 0 && totals.failed === 0 && !interrupted)
  say(`FAILED: ${failedSteps.map((p) => p.name).join(', ') || 'crash'}`);
if (interrupted) say(`interrupted by ${interrupted}`);
// Alone on the last line, so CI and people can `tail -1`.
console.log(
  `tests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
);
process.exit(exitCode);
