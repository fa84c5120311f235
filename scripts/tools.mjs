// External binaries some tests need: Prometheus' promtool (rule/config checks, and the prometheus
// server itself for a scrape test), Alertmanager (and amtool) for the alerting scenario, and a Chromium for browser tests. Found on disk, or installed
// from Debian's apt by package name when we are root. Nothing is downloaded any other way:
// `npx playwright install` fetches browsers from a CDN, which these machines cannot reach.
//
// When a tool cannot be had, the ensure* function prints what is missing and why and returns null;
// the tests that need it then fail with that reason (see @sluice/testkit toolPath): never a skip.
//
//   node scripts/tools.mjs            find/install all, print the paths (exit 1 if one is missing)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMain, runLogged, tail } from './lib/proc.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const APT_LOG = path.join(ROOT, '.cache', 'apt.log');
const APT_TIMEOUT_MS = 15 * 60_000; // chromium is ~100 MB from a mirror; never hang CI forever
const log = (msg) => process.stderr.write(`[tools] ${msg}\n`);

/** Why each tool that could not be had is missing, for callers to pass on to tests. */
const problems = new Map();
/** @returns {{tool: string, reason: string}[]} */
export function toolProblems() {
  return [...problems].map(([tool, reason]) => ({ tool, reason }));
}
function missing(tool, reason) {
  problems.set(tool, reason);
  log(`MISSING ${tool}: ${reason}`);
  return null;
}

export const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** First executable called `name` on PATH, or null. */
export function which(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      /* not here */
    }
  }
  return null;
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

let aptUpdate = null; // one `apt-get update` per process, shared by every install

/**
 * `apt-get install -y --no-install-recommends <pkgs>` (after one `apt-get update`), as root only.
 * @returns {Promise<{ok: true} | {ok: false, reason: string}>}
 */
export async function aptInstall(pkgs) {
  const list = pkgs.join(' ');
  if (!isRoot())
    return {
      ok: false,
      reason: `not running as root, so cannot install it; run: sudo apt-get install -y --no-install-recommends ${list}`,
    };
  if (!which('apt-get')) return { ok: false, reason: `apt-get is not available to install ${list}` };
  // Wait for a dpkg lock held by someone else instead of failing at once.
  const lockWait = ['-o', 'DPkg::Lock::Timeout=300'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdate) {
    log('apt-get update');
    aptUpdate = runLogged('apt-get', [...lockWait, '-q', 'update'], {
      env,
      logFile: APT_LOG,
      timeoutMs: APT_TIMEOUT_MS,
    });
  }
  const upd = await aptUpdate;
  if (upd.code !== 0) {
    // A failed update may still leave usable (older) lists; try the install anyway.
    log(`apt-get update failed (exit ${upd.code ?? upd.error?.message}); trying the install with the current lists`);
  }
  const t0 = Date.now();
  log(`apt-get install ${list} (output: ${path.relative(ROOT, APT_LOG)})`);
  const res = await runLogged('apt-get', [...lockWait, '-q', '-y', '--no-install-recommends', 'install', ...pkgs], {
    env,
    logFile: APT_LOG,
    timeoutMs: APT_TIMEOUT_MS,
  });
  if (res.code !== 0) {
    return {
      ok: false,
      reason: `apt-get install ${list} failed (exit ${res.code ?? res.error?.message}); last lines of ${APT_LOG}:\n${tail(APT_LOG, 15)}`,
    };
  }
  log(`installed ${list} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { ok: true };
}

/** Path of `bin`: $envVar if it names an executable, else /usr/bin/<bin>, else PATH. */
function locate(envVar, bin) {
  const fromEnv = envVar && process.env[envVar];
  if (fromEnv && isExecutable(fromEnv)) return fromEnv;
  const std = `/usr/bin/${bin}`;
  if (isExecutable(std)) return std;
  return which(bin);
}

async function worksWith(file, args) {
  const probe = path.join(ROOT, '.cache', 'tool-probe.log');
  fs.rmSync(probe, { force: true });
  const res = await runLogged(file, args, { logFile: probe, timeoutMs: 30_000 });
  return res.code === 0
    ? null
    : `${file} ${args.join(' ')} failed (exit ${res.code ?? res.error?.message}): ${tail(probe, 5)}`;
}

/**
 * promtool and prometheus (Debian package `prometheus`, which ships both).
 * @returns {Promise<{promtool: string, prometheus: string} | null>}
 */
export async function ensurePromtool() {
  let promtool = locate('PROMTOOL', 'promtool');
  let prometheus = locate('PROMETHEUS_BIN', 'prometheus');
  if (!promtool || !prometheus) {
    const res = await aptInstall(['prometheus']);
    if (!res.ok) return missing(!promtool ? 'promtool' : 'prometheus', res.reason);
    promtool = locate('PROMTOOL', 'promtool');
    prometheus = locate('PROMETHEUS_BIN', 'prometheus');
    if (!promtool || !prometheus)
      return missing(
        'promtool',
        'apt-get installed `prometheus` but /usr/bin/promtool or /usr/bin/prometheus is still absent',
      );
  }
  const broken = await worksWith(promtool, ['--version']);
  if (broken) return missing('promtool', broken);
  problems.delete('promtool');
  problems.delete('prometheus');
  return { promtool, prometheus };
}

/**
 * Alertmanager and amtool (Debian package `prometheus-alertmanager`, which ships both; the server's
 * binary is /usr/bin/prometheus-alertmanager).
 * @returns {Promise<{alertmanager: string, amtool: string} | null>}
 */
export async function ensureAlertmanager() {
  let alertmanager = locate('ALERTMANAGER_BIN', 'prometheus-alertmanager') ?? which('alertmanager');
  let amtool = locate('AMTOOL', 'amtool');
  if (!alertmanager || !amtool) {
    const res = await aptInstall(['prometheus-alertmanager']);
    if (!res.ok) return missing('alertmanager', res.reason);
    alertmanager = locate('ALERTMANAGER_BIN', 'prometheus-alertmanager');
    amtool = locate('AMTOOL', 'amtool');
    if (!alertmanager || !amtool)
      return missing(
        'alertmanager',
        'apt-get installed `prometheus-alertmanager` but /usr/bin/prometheus-alertmanager or /usr/bin/amtool is still absent',
      );
  }
  const broken = await worksWith(alertmanager, ['--version']);
  if (broken) return missing('alertmanager', broken);
  problems.delete('alertmanager');
  return { alertmanager, amtool };
}

/**
 * A Chromium for playwright-core's `executablePath` (Debian package `chromium`).
 * @returns {Promise<string | null>}
 */
export async function ensureChromium() {
  let chromium = locate('CHROMIUM_PATH', 'chromium');
  if (!chromium) {
    const res = await aptInstall(['chromium']);
    if (!res.ok) return missing('chromium', res.reason);
    chromium = locate('CHROMIUM_PATH', 'chromium');
    if (!chromium) return missing('chromium', 'apt-get installed `chromium` but /usr/bin/chromium is still absent');
  }
  // --version starts no browser, but does load the binary: catches missing shared libraries.
  const broken = await worksWith(chromium, ['--headless', '--no-sandbox', '--version']);
  if (broken) return missing('chromium', broken);
  problems.delete('chromium');
  return chromium;
}

if (isMain(import.meta.url)) {
  const prom = await ensurePromtool();
  const am = await ensureAlertmanager();
  const chromium = await ensureChromium();
  if (prom) process.stdout.write(`PROMTOOL=${prom.promtool}\nPROMETHEUS_BIN=${prom.prometheus}\n`);
  if (am) process.stdout.write(`ALERTMANAGER_BIN=${am.alertmanager}\nAMTOOL=${am.amtool}\n`);
  if (chromium) process.stdout.write(`CHROMIUM_PATH=${chromium}\n`);
  process.exit(prom && am && chromium ? 0 : 1);
}
