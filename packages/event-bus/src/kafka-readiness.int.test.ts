import { spawn, type ChildProcess } from 'node:child_process';
import { Kafka, logLevel } from 'kafkajs';
import { kafkaBrokers, uniqueName, waitFor } from '@sluice/testkit';
import type { Subscription } from './event-bus';
import { KafkaEventBus } from './kafka-event-bus';

/**
 * A group member frozen mid-session (a stopped process, a long GC pause, a frozen VM): it neither
 * heartbeats nor rejoins, so the coordinator holds every rebalance until its session expires. It is
 * a separate OS process so that SIGSTOP can freeze it for real.
 */
const FROZEN_MEMBER = `
const { Kafka, logLevel } = require(process.argv[1]);
const [brokers, groupId, topic] = process.argv.slice(2);
const c = new Kafka({ brokers: brokers.split(','), clientId: 'frozen', logLevel: logLevel.NOTHING })
  .consumer({ groupId, sessionTimeout: 6000, rebalanceTimeout: 6000, heartbeatInterval: 500 });
c.on(c.events.GROUP_JOIN, () => console.log('joined'));
(async () => {
  await c.connect();
  await c.subscribe({ topic, fromBeginning: true });
  await c.run({ eachMessage: async () => undefined });
})();
`;

/**
 * Readiness is what /readyz reports for a consumer: it must mean "a member of its group", not merely
 * "connected to the broker".
 */
describe('KafkaEventBus readiness on a real broker', () => {
  const brokers = kafkaBrokers();
  const buses: KafkaEventBus[] = [];
  let frozen: ChildProcess | null = null;
  const bus = (connectionTimeoutMs?: number, at = brokers) => {
    const b = new KafkaEventBus({
      brokers: at,
      clientId: uniqueName('readiness'),
      ...(connectionTimeoutMs ? { connectionTimeoutMs } : {}),
    });
    buses.push(b);
    return b;
  };
  afterAll(async () => {
    frozen?.kill('SIGKILL');
    await Promise.all(buses.map((b) => b.close()));
  });

  it('happy: a consumer kept out of its group by a stuck member has not subscribed and is not ready; it is once it joins, and not after it stops', async () => {
    const topic = uniqueName('test.readiness');
    const groupId = uniqueName('g.readiness');
    await bus().ensureTopics([topic], 1);

    const child = spawn(
      process.execPath,
      ['-e', FROZEN_MEMBER, require.resolve('kafkajs'), brokers.join(','), groupId, topic],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    frozen = child;
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    await waitFor(() => out.includes('joined'), { timeoutMs: 30_000, what: 'the other member to join the group' });
    child.kill('SIGSTOP');

    const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      // subscribe() resolves only once the consumer is a member: while the coordinator waits for the
      // frozen member (up to its 6 s session), it stays pending and the group is mid-rebalance.
      let second: Subscription | null = null;
      const subscribing = bus()
        .subscribe({ groupId, topics: [topic], handleBatch: async () => undefined })
        .then((s) => (second = s));
      await new Promise((r) => setTimeout(r, 2500));
      expect(second).toBeNull();
      expect((await admin.describeGroups([groupId])).groups[0]!.state).toBe('PreparingRebalance');

      // Once the frozen member's session expires, the rebalance completes without it.
      const joined = await subscribing;
      expect(joined.isReady()).toBe(true);
      const { groups } = await admin.describeGroups([groupId]);
      expect(groups[0]!.state).toBe('Stable');
      expect(groups[0]!.members).toHaveLength(1);

      await joined.stop();
      expect(joined.isReady()).toBe(false);
    } finally {
      child.kill('SIGKILL');
      await admin.disconnect();
    }
  }, 90_000);

  it('error: healthy() is true against a live broker and false, quickly, against a closed port', async () => {
    expect(await bus().healthy()).toBe(true);
    const t0 = Date.now();
    expect(await bus(500, ['127.0.0.1:1']).healthy()).toBe(false);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });
});
