import { ManualClock } from '@sluice/config';
import { ALL_TOPICS, TOPICS, type ConsultationDecidedV1 } from '@sluice/contracts';
import { InProcessEventBus } from '@sluice/event-bus';
import { MemoryDeliveryLedger } from '../src/delivery-ledger';
import { realTiming, type DeliveryPolicy, type Timing } from '../src/deliver';
import { MemoryHoldStore } from '../src/hold-store';
import { startNotifier } from '../src/notifier';
import { NotifyChannel } from '../src/notify-channel';
import { MemoryRecipientLimiter, MemoryTokenBucket } from '../src/rate-limits';
import { capturedLogger, notifyTemplates, testMetrics, until } from './fixtures';
import { startNotifyStandIn } from './notify-stand-in';

/**
 * The notifier consumer on the in-process bus, sending through the real Notify client to the local
 * stand-in. Every log line, every published event and the metrics are kept for the test to read.
 */
export async function notifierHarness(
  options: { policy?: Partial<DeliveryPolicy>; timing?: Timing; rate?: number } = {},
) {
  const templates = notifyTemplates();
  const notify = await startNotifyStandIn(templates.standIn);
  const timing = options.timing ?? realTiming;
  const bus = new InProcessEventBus();
  await bus.ensureTopics(ALL_TOPICS);
  const { log, lines } = capturedLogger();
  const metrics = testMetrics();
  const holds = new MemoryHoldStore();
  const channel = new NotifyChannel({
    apiKey: notify.apiKey,
    baseUrl: notify.url,
    templateIds: templates.ids,
    timeoutMs: 1000,
    now: () => new Date(timing.now()),
  });
  const published = new Map<string, string[]>();
  for (const topic of [TOPICS.notificationSent, TOPICS.notificationFailed, `${TOPICS.decided}.dlq`]) {
    published.set(topic, []);
    await bus.subscribe({
      groupId: `test-${topic}`,
      topics: [topic],
      handleBatch: async (ms) => void published.get(topic)!.push(...ms.map((m) => m.value)),
    });
  }
  const notifier = await startNotifier({
    bus,
    channel,
    ledger: new MemoryDeliveryLedger(timing.now),
    holds,
    bucket: new MemoryTokenBucket({ limit: options.rate ?? 3000, windowMs: 60_000 }, timing.now),
    recipients: new MemoryRecipientLimiter(undefined, timing.now),
    practices: async () => ({ name: 'Riverside Surgery' }),
    metrics,
    log,
    clock: new ManualClock('2026-11-30T10:00:00Z'),
    timing,
    publicUrl: 'https://gp.example.nhs.uk',
    policy: { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 4, ...options.policy },
    sweepMs: 3_600_000,
  });
  const send = (...ds: (ConsultationDecidedV1 | string)[]) =>
    bus.publish(
      TOPICS.decided,
      ds.map((d) => ({ key: 'A81001', value: typeof d === 'string' ? d : JSON.stringify(d) })),
    );
  const events = (topic: string) => published.get(topic)!.map((v) => JSON.parse(v) as Record<string, unknown>);
  const sent = () => events(TOPICS.notificationSent);
  const failed = () => events(TOPICS.notificationFailed);
  const dlq = () => events(`${TOPICS.decided}.dlq`);
  return {
    bus,
    notify,
    notifier,
    metrics,
    lines,
    holds,
    send,
    sent,
    failed,
    dlq,
    published,
    until,
    counter: async (name: string, labels: Record<string, string>) => {
      const m = (await metrics.registry.getSingleMetric(name)?.get())?.values ?? [];
      return m
        .filter((v) => Object.entries(labels).every(([k, val]) => v.labels[k] === val))
        .reduce((s, v) => s + v.value, 0);
    },
    stop: async () => {
      await notifier.stop();
      await bus.close();
      await notify.close();
    },
  };
}
