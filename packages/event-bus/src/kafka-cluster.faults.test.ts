// The Kafka bus on a real 3-node KRaft cluster of the test's own (brokers default to RF 3, min ISR 2):
// topics come out replicated and usable at once, a topic with too few replicas is refused at start,
// partitions grow, and one broker's crash fails only the partitions it led, within the publish timeout.
import { randomUUID } from 'node:crypto';
import { ConfigResourceTypes, Kafka, logLevel, Partitioners, type Admin } from 'kafkajs';
import { startPrivateKafkaCluster, uniqueName, type PrivateKafkaCluster } from '@sluice/testkit';
import { KafkaEventBus } from './kafka-event-bus';

jest.setTimeout(180_000);

describe('Kafka bus on a 3-node cluster (RF 3, min ISR 2 by default)', () => {
  let cluster: PrivateKafkaCluster;
  let admin: Admin;
  const buses: KafkaEventBus[] = [];
  const bus = (o: Partial<ConstructorParameters<typeof KafkaEventBus>[0]> = {}) => {
    const b = new KafkaEventBus({ brokers: cluster.brokers, clientId: uniqueName('cluster'), ...o });
    buses.push(b);
    return b;
  };

  beforeAll(async () => {
    cluster = await startPrivateKafkaCluster();
    admin = new Kafka({ clientId: 'cluster-test-admin', brokers: cluster.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
  }, 180_000);

  afterAll(async () => {
    await Promise.all(buses.map((b) => b.close()));
    await admin?.disconnect();
    await cluster?.stop();
  });

  it('happy: new topics take the broker default (RF 3), get min ISR 2, and are usable the moment ensureTopics returns', async () => {
    const topics = Array.from({ length: 4 }, (_, i) => `cluster.start.${i}.${randomUUID().slice(0, 8)}`);
    const b = bus({ minInsyncReplicas: 2 });
    await b.ensureTopics(topics, 6);
    const { topics: meta } = await admin.fetchTopicMetadata({ topics });
    for (const t of meta) {
      expect(t.partitions).toHaveLength(6);
      for (const p of t.partitions) {
        expect(p.replicas).toHaveLength(3);
        expect(p.leader).toBeGreaterThanOrEqual(0);
      }
    }
    const configs = await admin.describeConfigs({
      includeSynonyms: false,
      resources: topics.map((name) => ({
        type: ConfigResourceTypes.TOPIC,
        name,
        configNames: ['min.insync.replicas'],
      })),
    });
    for (const r of configs.resources)
      expect(r.configEntries.find((e) => e.configName === 'min.insync.replicas')?.configValue).toBe('2');
    // No "This server does not host this topic-partition": publish to every partition, then read it all back.
    const got: string[] = [];
    await Promise.all(
      topics.map((t) =>
        b.publish(
          t,
          Array.from({ length: 24 }, (_, i) => ({ key: `K${i}`, value: `${t}#${i}` })),
        ),
      ),
    );
    const sub = await b.subscribe({
      groupId: uniqueName('g'),
      topics,
      handleBatch: async (ms) => void got.push(...ms.map((m) => m.value)),
    });
    const t0 = Date.now();
    while (got.length < 96 && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 100));
    await sub.stop();
    expect(new Set(got).size).toBe(96);
  });

  it('error: an existing topic with fewer replicas than required is refused at start, naming the topic and its RF', async () => {
    const t = `cluster.rf1.${randomUUID().slice(0, 8)}`;
    const low = `cluster.isr1.${randomUUID().slice(0, 8)}`;
    await admin.createTopics({
      waitForLeaders: false,
      topics: [
        { topic: t, numPartitions: 3, replicationFactor: 1 },
        { topic: low, numPartitions: 3, configEntries: [{ name: 'min.insync.replicas', value: '1' }] },
      ],
    });
    await bus().awaitTopics([t, low]);
    await expect(bus().ensureTopics([t], 3)).rejects.toThrow(
      new RegExp(
        `topic ${t.replace(/\./g, '\\.')} has replication factor 1, below the 3 required \\(the broker's default`,
      ),
    );
    await expect(bus({ replicationFactor: 2 }).ensureTopics([t], 3)).rejects.toThrow(
      /replication factor 1, below the 2 required \(KAFKA_REPLICATION_FACTOR\)/,
    );
    await expect(bus({ minInsyncReplicas: 2 }).ensureTopics([low], 3)).rejects.toThrow(
      /min\.insync\.replicas 1, below KAFKA_MIN_INSYNC_REPLICAS 2/,
    );
  });

  it('happy: KAFKA_PARTITIONS above the current count grows the topic, and the new partitions take messages', async () => {
    const t = `cluster.grow.${randomUUID().slice(0, 8)}`;
    await bus().ensureTopics([t], 3);
    const b = bus();
    await b.ensureTopics([t], 6);
    // ensureTopics returns once its own broker shows six; the test's admin may ask another broker,
    // which hears of the change a moment later.
    const grown = async () => (await admin.fetchTopicMetadata({ topics: [t] })).topics[0]!.partitions.length;
    for (let i = 0; i < 50 && (await grown()) < 6; i++) await new Promise((r) => setTimeout(r, 200));
    expect(await grown()).toBe(6);
    await b.publish(
      t,
      Array.from({ length: 60 }, (_, i) => ({ key: `P${i}`, value: String(i) })),
    );
    const offsets = await admin.fetchTopicOffsets(t);
    expect(
      offsets
        .filter((o) => Number(o.high) > 0)
        .map((o) => o.partition)
        .sort(),
    ).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('fault: a broker SIGKILLed: partitions it alone held fail alone, within the publish timeout; replicated ones stall until it is fenced, then publish', async () => {
    // Partitions held by the dead node only (RF 1, placed by hand) have no leader until it returns;
    // every other partition of that topic must publish at once. A topic at RF 3 has the dead node in
    // every ISR: acks=all waits until the controller fences it (broker.session.timeout.ms, 3 s here).
    const single = `cluster.isolation.${randomUUID().slice(0, 8)}`;
    const replicated = `cluster.replicated.${randomUUID().slice(0, 8)}`;
    await admin.createTopics({
      waitForLeaders: false,
      topics: [
        {
          topic: single,
          replicaAssignment: [0, 1, 2, 3, 4, 5].map((p) => ({ partition: p, replicas: [(p % 3) + 1] })),
        },
      ],
    });
    const isolated = bus({ publishTimeoutMs: 1500, replicationFactor: 1 });
    await isolated.ensureTopics([single], 6);
    const patient = bus(); // the default timeout (15 s)
    await patient.ensureTopics([replicated], 6);
    // One key per partition, found with the partitioner the bus uses.
    const partitioner = Partitioners.DefaultPartitioner();
    const meta6 = Array.from({ length: 6 }, (_, i) => ({
      partitionId: i,
      leader: 0,
      partitionErrorCode: 0,
      replicas: [],
      isr: [],
    }));
    const keys = new Map<number, string>();
    for (let i = 0; keys.size < 6; i++)
      keys.set(partitioner({ topic: single, partitionMetadata: meta6, message: { key: `Y${i}`, value: '' } }), `Y${i}`);
    await Promise.all(
      [...keys.values()].flatMap((key) => [
        isolated.publish(single, [{ key, value: 'warm' }]),
        patient.publish(replicated, [{ key, value: 'warm' }]),
      ]),
    );
    const victim = 1; // holds partitions 0 and 3 of the single-replica topic
    const timed = (b: KafkaEventBus, topic: string) =>
      [...keys].map(async ([partition, key]) => {
        const t0 = Date.now();
        const ok = await b.publish(topic, [{ key, value: 'during' }]).then(
          () => true,
          (e: Error) => e.message,
        );
        return { partition, ok, ms: Date.now() - t0 };
      });

    await cluster.kill(victim - 1);
    const [one, three] = await Promise.all([
      Promise.all(timed(isolated, single)),
      Promise.all(timed(patient, replicated)),
    ]);
    const line = (rs: typeof one) =>
      rs.map((r) => `p${r.partition} ${r.ok === true ? 'ok' : 'refused'} ${r.ms} ms`).join(', ');
    console.log(
      `[faults] node ${victim} SIGKILLed\n  RF 1 topic (node ${victim} holds p0, p3), 1.5 s timeout: ${line(one)}\n  RF 3 topic, 15 s timeout: ${line(three)}`,
    );
    for (const r of one) {
      if (r.partition % 3 === victim - 1) {
        expect(r.ok).toMatch(/timed out after 1500 ms/);
        expect(r.ms).toBeLessThan(2500);
      } else {
        expect(r.ok).toBe(true);
        expect(r.ms).toBeLessThan(1500);
      }
    }
    for (const r of three) expect(r.ok).toBe(true);
  });
});
