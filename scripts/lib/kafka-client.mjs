// kafkajs against our own broker: is it answering, and warm it up before tests use it.
import kafkajs from 'kafkajs';

const { Kafka, logLevel } = kafkajs; // kafkajs is CommonJS: named ESM imports are not guaranteed

/** Does the broker answer describeCluster() right now? (One short attempt, no logging.) */
export async function probe(brokers, timeoutMs = 2_000) {
  const kafka = new Kafka({
    clientId: 'sluice-kafka-probe',
    brokers: [brokers],
    connectionTimeout: Math.min(1_000, timeoutMs),
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING, // refused connections while the JVM boots are expected
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

/**
 * Make a fresh broker create and load its internal state before tests see it: the producer-id
 * manager (first idempotent producer), __consumer_offsets (first group coordinator lookup) and
 * __transaction_state (first transactional producer). Without this, the first test of a run gets
 * kafkajs ERROR lines ("The coordinator is loading…") and pays the load time inside its timeout.
 */
export async function warmUp(brokers) {
  const kafka = new Kafka({
    clientId: 'sluice-kafka-warmup',
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
    retry: { retries: 20 },
  });
  const idempotent = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await idempotent.connect(); // InitProducerId
  await idempotent.disconnect();
  const admin = kafka.admin();
  await admin.connect();
  await admin.describeGroups(['sluice-kafka-warmup']); // FindCoordinator(GROUP) creates __consumer_offsets
  await admin.disconnect();
  const tx = kafka.producer({ transactionalId: 'sluice-kafka-warmup', idempotent: true, maxInFlightRequests: 1 });
  await tx.connect(); // FindCoordinator(TRANSACTION) creates __transaction_state
  await tx.disconnect();
}
