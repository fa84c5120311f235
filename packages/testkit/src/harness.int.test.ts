// Proof that the harness works: one message through the real broker with the idempotent producer
// settings Sluice uses, and a PING to the real Redis. If this fails, every other integration test
// will too; read this one's error first.
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { kafkaBrokers, redisUrl, uniqueName, waitFor } from './index';

describe('test harness against real infrastructure', () => {
  it('happy: produces and consumes one message through the real Kafka broker', async () => {
    const kafka = new Kafka({ clientId: uniqueName('testkit'), brokers: kafkaBrokers(), logLevel: logLevel.WARN });
    const topic = uniqueName('testkit.harness');
    const admin = kafka.admin();
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    // Short fetch wait: disconnect() otherwise waits out a 5 s long-poll.
    const consumer = kafka.consumer({ groupId: uniqueName('testkit'), maxWaitTimeInMs: 100 });
    try {
      await admin.connect();
      await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });

      const value = uniqueName('hello');
      await producer.connect();
      const [meta] = await producer.send({ topic, acks: -1, messages: [{ key: 'practice-A81001', value }] });
      expect(meta?.errorCode).toBe(0);

      const seen: { key: string; value: string }[] = [];
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          seen.push({ key: String(message.key), value: String(message.value) });
        },
      });
      await waitFor(() => seen.length >= 1, { timeoutMs: 30_000, what: `one message on ${topic}` });
      expect(seen).toEqual([{ key: 'practice-A81001', value }]);
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
      await admin.deleteTopics({ topics: [topic] }).catch(() => {});
      await admin.disconnect();
    }
  });

  it('happy: PINGs the real Redis and round-trips a key', async () => {
    const redis = new Redis(redisUrl(), { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
      expect(await redis.ping()).toBe('PONG');
      const key = uniqueName('testkit:harness');
      await redis.set(key, 'ok', 'PX', 10_000);
      expect(await redis.get(key)).toBe('ok');
      await redis.del(key);
    } finally {
      redis.disconnect();
    }
  });
});
