// A KRaft cluster of several combined broker+controller nodes on loopback (default 3: every topic
// RF 3, min ISR 2), for the tests that crash one broker of a replicated cluster. Each node is a
// broker as scripts/kafka.mjs runs one (same jars, same lifecycle); the cluster's state file lists
// them all, so `reapKafka` (scripts/test.mjs) and the CLI can stop or crash any of them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { attachKafka } from '../kafka.mjs';
import { warmUp } from './kafka-client.mjs';
import { clusterId, ensureKafkaJars, format, KAFKA_VERSION, serverProperties } from './kafka-setup.mjs';
import { freePort, isAlive, readJson, tail, writeJson } from './proc.mjs';

const log = (msg) => process.stderr.write(`[kafka] ${msg}\n`);

/** Handles on every node of a cluster state (written by startKafkaCluster), rewriting the file as pids change. */
export function attachCluster(state, { stateFile = null, readyTimeoutMs = 90_000 } = {}) {
  const save = () => stateFile && writeJson(stateFile, state);
  const nodes = state.nodes.map((n) => attachKafka(n, { readyTimeoutMs }));
  const sync = () => {
    state.nodes = nodes.map((h) => h.state());
    save();
  };
  const node = (i) => {
    const h = nodes[i];
    if (!h) throw new Error(`no node ${i} in a ${nodes.length}-node cluster`);
    return h;
  };
  return {
    brokers: state.brokers,
    nodes,
    state: () => ({ ...state, nodes: nodes.map((h) => h.state()) }),
    async kill(i, { signal = 'SIGKILL' } = {}) {
      await node(i).kill({ signal });
      sync();
    },
    async resume(i) {
      await node(i).start();
      sync();
    },
    async stop() {
      await Promise.all(nodes.map((h) => h.stop()));
      if (state.ownsRoot) fs.rmSync(state.root, { recursive: true, force: true });
      if (stateFile) fs.rmSync(stateFile, { force: true });
    },
  };
}

/**
 * Starts `nodes` KRaft nodes (one quorum, one cluster id) on free ports and waits until each answers
 * and the internal topics exist at full replication.
 */
export async function startKafkaCluster({
  nodes: count = 3,
  heapMb = 384,
  stateFile = null,
  readyTimeoutMs = 90_000,
} = {}) {
  const libDir = await ensureKafkaJars();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-kafka-cluster-'));
  const taken = [];
  const ports = [];
  for (let i = 0; i < count; i++) {
    const port = await freePort({ exclude: taken });
    taken.push(port);
    const controllerPort = await freePort({ exclude: taken });
    taken.push(controllerPort);
    ports.push({ port, controllerPort });
  }
  const voters = ports.map((p, i) => `${i + 1}@127.0.0.1:${p.controllerPort}`).join(',');
  const cid = clusterId();
  const nodeStates = [];
  for (let i = 0; i < count; i++) {
    const dataDir = path.join(root, `node-${i + 1}`);
    fs.mkdirSync(dataDir, { recursive: true });
    const propsFile = path.join(dataDir, 'server.properties');
    fs.writeFileSync(
      propsFile,
      serverProperties({ ...ports[i], logDirs: path.join(dataDir, 'kraft'), nodeId: i + 1, voters, replicas: count }),
    );
    nodeStates.push({
      version: KAFKA_VERSION,
      brokers: `127.0.0.1:${ports[i].port}`,
      ...ports[i],
      pid: 0,
      dataDir,
      ownsDataDir: true,
      propsFile,
      logFile: path.join(dataDir, 'broker.log'),
      libDir,
      heapMb,
      startedAt: new Date().toISOString(),
    });
  }
  await Promise.all(nodeStates.map((n) => format(libDir, cid, n.propsFile, n.dataDir)));
  const state = {
    cluster: true,
    version: KAFKA_VERSION,
    brokers: nodeStates.map((n) => n.brokers).join(','),
    root,
    ownsRoot: true,
    nodes: nodeStates,
  };
  if (stateFile) writeJson(stateFile, state);
  const cluster = attachCluster(state, { stateFile, readyTimeoutMs });
  const t0 = Date.now();
  try {
    // All at once: no node answers before a majority of the quorum is up.
    await Promise.all(cluster.nodes.map((h) => h.start()));
    state.nodes = cluster.nodes.map((h) => h.state());
    if (stateFile) writeJson(stateFile, state);
    await warmUp(state.brokers.split(',')[0]);
  } catch (err) {
    const logs = cluster.nodes.map((h) => `--- ${h.logFile}\n${tail(h.logFile, 15)}`).join('\n');
    await cluster.stop();
    throw new Error(`Kafka cluster failed to start (${err.message}). Last lines:\n${logs}`);
  }
  log(`${count}-node cluster ${KAFKA_VERSION} ready on ${state.brokers} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return cluster;
}

/** Stops a cluster recorded in a state file (left over by a test that died). @returns whether a node was alive */
export async function reapCluster(stateFile) {
  const state = readJson(stateFile);
  if (!state?.nodes) return false;
  const cluster = attachCluster(state, { stateFile });
  const alive = cluster.nodes.some((h) => h.pid > 0 && isAlive(h.pid));
  await cluster.stop();
  return alive;
}
