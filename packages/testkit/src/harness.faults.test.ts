// Proof that fault tests can crash and restart infrastructure of their own mid-stream: a private
// broker is SIGKILLed between two sends of one idempotent producer and comes back on the same port
// with its data; a private Redis comes back empty after a crash. Runs in `pnpm test` and in
// `pnpm test:faults`.
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import {
  startPrivateKafka,
  startPrivateRedis,
  uniqueName,
  waitFor,
  type PrivateKafka,
  type PrivateRedis,
} from './index';

// Broker start + crash-restart take ~10 s on an idle 2-core machine; leave room for a loaded one.
jest.setTimeout(120_000);

describe('private infrastructure for fault tests', () => {
  let broker: PrivateKafka | undefined;
  let redisServer: PrivateRedis | undefined;

  afterAll(async () => {
    await broker?.stop();
    await redisServer?.stop();
  });

  it('fault: a crashed broker restarts on the same port with its data, and a producer carries on', async () => {
    broker = await startPrivateKafka();
    // kafkajs logs each refused reconnect at ERROR while the broker is down: expected here.
    const kafka = new Kafka({
      clientId: uniqueName('faults'),
      brokers: broker.brokers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 10 },
    });
    const topic = uniqueName('testkit.faults');
    const admin = kafka.admin();
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    const consumer = kafka.consumer({ groupId: uniqueName('faults'), maxWaitTimeInMs: 100 });
    try {
      await admin.connect();
      await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
      await producer.connect();
      await producer.send({ topic, acks: -1, messages: [{ value: 'before-crash' }] });

      await broker.restart({ signal: 'SIGKILL' });
      await producer.send({ topic, acks: -1, messages: [{ value: 'after-crash' }] });

      const seen: string[] = [];
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          seen.push(String(message.value));
        },
      });
      await waitFor(() => seen.length >= 2, { timeoutMs: 30_000, what: 'both messages after the crash' });
      expect(seen).toEqual(['before-crash', 'after-crash']);
    } finally {
      await consumer.disconnect().catch(() => {});
      await producer.disconnect().catch(() => {});
      await admin.disconnect().catch(() => {});
    }
  });

  it('fault: a private Redis can be taken down and brought back without touching the shared one', async () => {
    redisServer = await startPrivateRedis();
    const redis = new Redis(redisServer.url, { maxRetriesPerRequest: 0, retryStrategy: () => 100, lazyConnect: true });
    redis.on('error', () => {}); // refused reconnects while it is down are the point of the test
    try {
      await redis.connect();
      await redis.set('k', 'v');
      await redisServer.kill({ signal: 'SIGKILL' });
      await expect(redis.get('k')).rejects.toThrow();
      await redisServer.resume();
      await waitFor(async () => (await redis.ping()) === 'PONG', {
        timeoutMs: 10_000,
        what: 'the private Redis to answer again',
      });
      expect(await redis.get('k')).toBeNull(); // nothing persisted: a restart is a clean slate
    } finally {
      redis.disconnect();
    }
  });
});
