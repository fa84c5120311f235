// Production-shaped Redis topologies on loopback, from the installed redis-server, for the tests that
// need them: a Sentinel group (a master with the append-only file, one replica, three sentinels) and a
// Redis Cluster (three masters). Each is recorded in one state file (kind, members) under
// .cache/private/, so scripts/test.mjs reaps whatever a crashed test left running (reapRedis).
// Commands to the servers go through redis-cli (installed with redis-server).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { canBind, freePort, writeJson } from './proc.mjs';
import { attachRedis, redisServerBin } from '../redis.mjs';

const SENTINEL_MASTER = 'sluice';

/** redis-cli -p PORT ARGS… → its output (rejects on a non-zero exit or a timeout). */
export function redisCli(port, args, timeoutMs = 10_000) {
  return new Promise((resolve, reject) => {
    execFile(
      'redis-cli',
      ['-h', '127.0.0.1', '-p', String(port), ...args],
      { timeout: timeoutMs },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`redis-cli -p ${port} ${args.join(' ')}: ${(stderr || error.message).trim()}`));
        else resolve(stdout.trim());
      },
    );
  });
}

async function until(what, timeoutMs, test) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      if (await test()) return;
    } catch (err) {
      last = err.message;
    }
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs / 1000} s${last ? `: ${last}` : ''}`);
    await sleep(200);
  }
}

/** A free port whose +10000 (the cluster bus) is free too, not in `taken`. */
async function clusterPort(taken) {
  for (;;) {
    const p = await freePort({ exclude: taken });
    if (p + 10_000 < 65_536 && (await canBind(p + 10_000))) return p;
  }
}

async function member(bin, group, name, port, extra) {
  const dir = path.join(group.dir, name);
  fs.mkdirSync(dir, { recursive: true });
  const state = {
    name,
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: 0,
    bin,
    dir,
    logFile: path.join(dir, 'redis.log'),
    ...extra,
  };
  group.members.push(state);
  return state;
}

function save(group) {
  if (group.stateFile) writeJson(group.stateFile, group);
}

async function startMember(group, state) {
  const h = attachRedis(state);
  await h.start();
  Object.assign(state, h.state());
  save(group);
}

/**
 * A master (AOF, fsync every second as a production Redis would run, RDB off), its replica, and three
 * sentinels (quorum 2, the master down after 1 s). Resolves once the sentinels agree on the master and
 * know the replica and each other, so a failover can happen from the first second.
 */
export async function startSentinelGroup({ stateFile = null } = {}) {
  const bin = await redisServerBin();
  const group = {
    kind: 'sentinel',
    master: SENTINEL_MASTER,
    dir: fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-sentinel-')),
    members: [],
    stateFile,
  };
  try {
    const taken = [];
    const port = async () => {
      const p = await freePort({ exclude: taken });
      taken.push(p);
      return p;
    };
    const [pm, pr] = [await port(), await port()];
    const master = await member(bin, group, 'master', pm, { persist: true, args: ['--appendfsync', 'everysec'] });
    const replica = await member(bin, group, 'replica', pr, {
      persist: true,
      args: ['--appendfsync', 'everysec', '--replicaof', '127.0.0.1', String(pm)],
    });
    await startMember(group, master);
    await startMember(group, replica);
    await until('the replica did not sync with the master', 20_000, async () =>
      /master_link_status:up/.test(await redisCli(pr, ['info', 'replication'])),
    );
    for (let i = 1; i <= 3; i += 1) {
      const ps = await port();
      const s = await member(bin, group, `sentinel-${i}`, ps, { conf: '' });
      s.conf = path.join(s.dir, 'sentinel.conf');
      fs.writeFileSync(
        s.conf,
        [
          `port ${ps}`,
          `sentinel monitor ${SENTINEL_MASTER} 127.0.0.1 ${pm} 2`,
          `sentinel down-after-milliseconds ${SENTINEL_MASTER} 1000`,
          `sentinel failover-timeout ${SENTINEL_MASTER} 5000`,
          `sentinel parallel-syncs ${SENTINEL_MASTER} 1`,
          '',
        ].join('\n'),
      );
      await startMember(group, s);
    }
    for (const s of sentinels(group)) {
      await until(`sentinel ${s.port} did not see the replica and the other sentinels`, 30_000, async () => {
        const info = (await redisCli(s.port, ['sentinel', 'master', SENTINEL_MASTER])).split('\n');
        const field = (k) => info[info.indexOf(k) + 1];
        return Number(field('num-slaves')) >= 1 && Number(field('num-other-sentinels')) >= 2;
      });
    }
    group.sentinels = sentinels(group)
      .map((s) => `127.0.0.1:${s.port}`)
      .join(',');
    save(group);
    return group;
  } catch (err) {
    await stopTopology(group);
    throw err;
  }
}

/** Three masters (AOF on, no replicas), every slot assigned; resolves once every node says cluster_state:ok. */
export async function startCluster({ stateFile = null, masters = 3 } = {}) {
  const bin = await redisServerBin();
  const group = {
    kind: 'cluster',
    dir: fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-cluster-')),
    members: [],
    stateFile,
  };
  try {
    const taken = [];
    for (let i = 1; i <= masters; i += 1) {
      const p = await clusterPort(taken);
      taken.push(p, p + 10_000);
      const m = await member(bin, group, `node-${i}`, p, {
        persist: true,
        args: [
          '--appendfsync',
          'everysec',
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          `nodes-${p}.conf`,
          '--cluster-node-timeout',
          '2000',
        ],
      });
      await startMember(group, m);
    }
    const ports = group.members.map((m) => m.port);
    await redisCli(
      ports[0],
      ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'],
      60_000,
    );
    for (const p of ports) {
      await until(`cluster node ${p} did not reach cluster_state:ok`, 30_000, async () =>
        /cluster_state:ok/.test(await redisCli(p, ['cluster', 'info'])),
      );
    }
    group.nodes = ports.map((p) => `127.0.0.1:${p}`).join(',');
    save(group);
    return group;
  } catch (err) {
    await stopTopology(group);
    throw err;
  }
}

function sentinels(group) {
  return group.members.filter((m) => m.conf);
}

/** The member a sentinel group's sentinels now name as master (its state), or null. */
export async function currentMaster(group) {
  for (const s of sentinels(group)) {
    try {
      const [, port] = (await redisCli(s.port, ['sentinel', 'get-master-addr-by-name', group.master], 2_000)).split(
        '\n',
      );
      const m = group.members.find((x) => String(x.port) === port?.trim());
      if (m) return m;
    } catch {
      /* ask the next sentinel */
    }
  }
  return null;
}

/** Kill a member (by name, or 'master' = whichever the sentinels now name); returns its name. */
export async function killMember(group, name, signal = 'SIGKILL') {
  const m = name === 'current-master' ? await currentMaster(group) : group.members.find((x) => x.name === name);
  if (!m) throw new Error(`no member ${name} in this ${group.kind}`);
  await attachRedis(m).kill({ signal });
  return m.name;
}

/** Start a member again on its port and data (a killed old master comes back and is made a replica). */
export async function resumeMember(group, name) {
  const m = group.members.find((x) => x.name === name);
  if (!m) throw new Error(`no member ${name} in this ${group.kind}`);
  await startMember(group, m);
}

/** Stop every member and delete the data. Returns how many were still running. */
export async function stopTopology(group) {
  let alive = 0;
  for (const m of [...group.members].reverse()) {
    const h = attachRedis(m);
    if (h.pid && (await isRunning(h))) alive += 1;
    await h.stop();
  }
  fs.rmSync(group.dir, { recursive: true, force: true });
  if (group.stateFile) fs.rmSync(group.stateFile, { force: true });
  return alive;
}

async function isRunning(h) {
  try {
    process.kill(h.pid, 0);
    return true;
  } catch {
    return false;
  }
}
