// The bus ceiling: how fast raw kafkajs moves request-sized messages through the same broker, with
// the producer settings Sluice uses (idempotent, acks=all, one request in flight, batches) and an
// eachBatch consumer with raised fetch sizes. Sluice cannot decide faster than this end to end.
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { cpuSeconds } from './metrics';

/**
 * `cpuMsPerMessage`: CPU the broker (when its pid is given) and this process's kafkajs clients spent per
 * message produced and consumed once: what one topic hop costs at the least, on this machine, today.
 */
export async function busCeiling(
  brokers: string,
  count = 100_000,
  batch = 500,
  brokerPid?: number,
): Promise<{ rate: number; count: number; ms: number; cpuMsPerMessage: number }> {
  const kafka = new Kafka({ clientId: 'bench-ceiling', brokers: [brokers], logLevel: logLevel.NOTHING });
  const topic = `bench.ceiling.${randomUUID().slice(0, 8)}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 6, replicationFactor: 1 }], waitForLeaders: true });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const consumer = kafka.consumer({
    groupId: `bench-ceiling-${randomUUID()}`,
    maxWaitTimeInMs: 50,
    maxBytesPerPartition: 4 << 20,
    maxBytes: 16 << 20,
  });
  const value = 'x'.repeat(600); // about a consultation.requested.v1
  let consumed = 0;
  let joined = false;
  try {
    await producer.connect();
    await consumer.connect();
    consumer.on(consumer.events.GROUP_JOIN, () => void (joined = true));
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachBatch: async ({ batch: b }) => void (consumed += b.messages.length) });
    while (!joined) await new Promise((r) => setTimeout(r, 20));
    const t0 = performance.now();
    const own0 = process.cpuUsage();
    const broker0 = brokerPid ? cpuSeconds(brokerPid) : 0;
    for (let n = 0; n < count; n += batch) {
      const messages = Array.from({ length: Math.min(batch, count - n) }, (_, i) => ({
        key: `C${10000 + ((n + i) % 200)}`,
        value,
        headers: { 'request-id': randomUUID() },
      }));
      await producer.send({ topic, acks: -1, messages });
    }
    while (consumed < count && performance.now() - t0 < 120_000) await new Promise((r) => setTimeout(r, 5));
    const ms = performance.now() - t0;
    const own = process.cpuUsage(own0);
    const cpuMs = (own.user + own.system) / 1000 + (brokerPid ? (cpuSeconds(brokerPid) - broker0) * 1000 : 0);
    return { rate: (consumed * 1000) / ms, count: consumed, ms, cpuMsPerMessage: cpuMs / Math.max(1, consumed) };
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
}
