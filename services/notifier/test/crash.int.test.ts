import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { TOPICS } from '@sluice/contracts';
import {
  kafkaBrokers,
  redisUrl as redisUrlOf,
  startSluiceProcess,
  uniqueName,
  type SluiceProcess,
} from '@sluice/testkit';
import { decision, notifyTemplates, patient, until } from './fixtures';
import { startNotifyStandIn, type NotifyStandIn } from './notify-stand-in';

const brokers = kafkaBrokers().join(',');
const redisUrl = redisUrlOf();

// Its own OS process (node with tsx's loader, no wrapper): the test must kill the very process that sends.
const startNotifierProcess = (env: Record<string, string>): Promise<SluiceProcess> =>
  startSluiceProcess({
    script: join(__dirname, 'notifier-process.ts'),
    env,
    ready: /^notifier ready$/,
    name: 'notifier process',
  });

/** Asks a process for its metrics (SIGUSR2) and returns the lines it printed. */
async function metricsOf(p: SluiceProcess): Promise<string[]> {
  const before = p.lines.length;
  p.kill('SIGUSR2');
  await until(
    'metrics printed',
    () => p.lines.slice(before).some((l) => l.startsWith('METRICS sluice_notifications_total')),
    10_000,
  );
  await new Promise((r) => setTimeout(r, 100));
  return p.lines.slice(before).filter((l) => l.startsWith('METRICS'));
}

describe('crash: the notifier is killed (-9) mid-batch and restarted (real Kafka, real Redis, real Notify client)', () => {
  const run = uniqueName('crash');
  const prefix = `test:${run}:`;
  const templates = notifyTemplates();
  let notify: NotifyStandIn;
  const procs: SluiceProcess[] = [];

  beforeAll(async () => {
    notify = await startNotifyStandIn(templates.standIn);
  });
  afterAll(async () => {
    for (const p of procs) p.kill('SIGKILL');
    await notify.close();
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('happy: every patient gets exactly one message: none twice, none missing; and no output carries their details', async () => {
    const env = {
      SLUICE_BUS: 'kafka',
      SLUICE_STORE: 'redis',
      KAFKA_BROKERS: brokers,
      REDIS_URL: redisUrl,
      SLUICE_REDIS_PREFIX: prefix,
      REDIS_PERSISTENCE_CHECK: 'off',
      SLUICE_GROUP_SUFFIX: `-${run}`,
      SLUICE_NOTIFY_CHANNEL: 'notify',
      NOTIFY_API_KEY: notify.apiKey,
      NOTIFY_BASE_URL: notify.url,
      NOTIFY_TEMPLATE_IDS: JSON.stringify(templates.ids),
      NOTIFY_TIMEOUT_MS: '1000',
      NOTIFY_CONCURRENCY: '8',
      LOG_LEVEL: 'debug',
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
      PORT: '0',
    };
    const first = await startNotifierProcess(env);
    procs.push(first);

    // 150 patients at three practices; each decision also carries symptom text in a field the contract does not have
    // (it must be dropped), and one poison record carries a number and symptoms (it must be dead-lettered without them).
    const patients = Array.from({ length: 150 }, () => patient());
    const decisions = patients.map((p, i) => ({
      ...decision({
        code: i % 3 === 0 ? 'queued-capacity' : 'accepted-routine',
        practice: ['A81001', 'B82002', 'C83003'][i % 3]!,
        contact: i % 5 === 0 ? { email: p.email } : { sms: p.sms },
      }),
      description: p.symptom,
    }));
    const poison = patient();
    const kafka = new Kafka({ brokers: brokers.split(','), clientId: run, logLevel: logLevel.NOTHING });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    notify.latencyMs = 40; // so a kill lands while sends are in flight
    await producer.send({
      topic: TOPICS.decided,
      messages: [
        {
          key: 'A81001',
          value: JSON.stringify({
            type: 'consultation.decided',
            id: randomUUID(),
            practice: 'A81001',
            contact: { sms: poison.sms },
            description: poison.symptom,
          }),
        },
        ...decisions.map((d) => ({ key: d.practice, value: JSON.stringify(d) })),
      ],
    });
    await producer.disconnect();

    const refs = new Set(decisions.map((d) => `${d.id}:1`));
    const mine = () => notify.notifications.filter((n) => n.reference && refs.has(n.reference));
    await until('some messages sent', () => mine().length >= 40, 60_000);
    const metricsBefore = await metricsOf(first);
    await first.stop('SIGKILL');
    const atKill = mine().length;

    const t0 = Date.now();
    const second = await startNotifierProcess(env);
    procs.push(second);
    await until('every patient messaged', () => new Set(mine().map((n) => n.reference)).size === refs.size, 90_000);
    await new Promise((r) => setTimeout(r, 1500)); // room for a duplicate to show itself
    const perRef = new Map<string, number>();
    for (const n of mine()) perRef.set(n.reference!, (perRef.get(n.reference!) ?? 0) + 1);
    // The same figures as the other fault tests print, so a reader of `pnpm test:faults` sees the zeros.
    console.log(
      `[faults] notifier kill -9 mid-batch: decisions ${refs.size}, messages ${mine().length}, ` +
        `messaged twice ${[...perRef.values()].filter((n) => n > 1).length}, never messaged ${[...refs].filter((r) => !perRef.has(r)).length}`,
    );
    expect([...refs].filter((r) => perRef.get(r) !== 1)).toEqual([]);
    expect(mine()).toHaveLength(150);
    const recovered = second.lines.filter((l) => l.includes('found already sent after a restart')).length;
    console.log(
      `crash test: ${atKill} sent before the kill, ${recovered} found already sent by lookup after restart, rest done in ${Date.now() - t0} ms`,
    );

    const metricsAfter = await metricsOf(second);
    // Everything ops could see: both processes' log lines and metrics, the dead letters and the notification events.
    const consumer = kafka.consumer({ groupId: `read-${run}`, maxWaitTimeInMs: 100 });
    const seen: string[] = [];
    await consumer.connect();
    await consumer.subscribe({
      topics: [`${TOPICS.decided}.dlq`, TOPICS.notificationSent, TOPICS.notificationFailed],
      fromBeginning: true,
    });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(message.value?.toString() ?? '') });
    const ids = new Set(decisions.map((d) => d.id));
    const sentIds = () =>
      new Set(
        seen
          .filter((v) => v.includes('notification.sent'))
          .map((v) => (JSON.parse(v) as { id: string }).id)
          .filter((id) => ids.has(id)),
      );
    await until('a notification.sent event for every patient', () => sentIds().size === 150, 30_000);
    await until(
      "the poison record's dead letter",
      () => seen.some((v) => v.includes('dead-letter') && v.includes('A81001')),
      30_000,
    );
    await consumer.disconnect();
    await second.stop('SIGTERM');

    const everything = [...first.lines, ...second.lines, ...metricsBefore, ...metricsAfter, ...seen].join('\n');
    for (const p of [...patients, poison]) {
      expect(everything).not.toContain(p.sms);
      expect(everything).not.toContain(p.email);
      expect(everything).not.toContain(p.symptom);
    }
    expect(metricsAfter.join('\n')).toMatch(/sluice_notifications_total\{channel="notify",outcome="sent"\} \d+/);
  }, 240_000);
});
