import { randomUUID } from 'node:crypto';
import { RedisCapacityStore, RedisPracticeRepository, type ShareLimits } from '@sluice/capacity-store';
import type { Clock } from '@sluice/config';
import { ConsultationDecidedV1, TOPICS, type ConsultationRequestedV1 } from '@sluice/contracts';
import { KafkaEventBus } from '@sluice/event-bus';
import { createMetrics, type Logger } from '@sluice/observability';
import { redisUrl, uniqueName } from '@sluice/testkit';
import { startCapacityService, type CapacityService } from '../src';

// Shared by the integration tests that run capacity replicas on a real broker and Redis
// (replicas.int.test.ts, replicas-backlog.int.test.ts).

export interface ReplicaSetup {
  brokers: () => string[];
  /** Redis key prefix shared by every replica (one store, as in production). */
  prefix: string;
  /** The replicas' consumer group. */
  group: string;
  clock: Clock;
  log: Logger;
  /** Where the replicas' kafkajs log lines go (crashes, restarts, rebalances). */
  onKafkaLog?: (level: 'error' | 'warn' | 'info', message: string) => void;
}

export interface Replica extends CapacityService {
  /** This replica's own Kafka client (its consumerLag() reads the group's committed offsets). */
  bus: KafkaEventBus;
  /** Closes the Kafka client and the Redis connection; call after stop(). */
  close(): Promise<void>;
}

/** One capacity-service replica in-process, with its own Kafka client and Redis connection, as a process of its own has. */
export async function startReplica(setup: ReplicaSetup, n: number): Promise<Replica> {
  const store = new RedisCapacityStore({ url: redisUrl(), prefix: setup.prefix });
  const bus = new KafkaEventBus({
    brokers: setup.brokers(),
    clientId: `replica-${n}`,
    ...(setup.onKafkaLog ? { onLog: setup.onKafkaLog } : {}),
  });
  try {
    const service = await startCapacityService({
      bus,
      store,
      repo: new RedisPracticeRepository(store.redis, setup.prefix),
      clock: setup.clock,
      log: setup.log,
      metrics: createMetrics({ service: `r${n}`, defaults: false }),
      groupId: setup.group,
      tickMs: 0,
    });
    return {
      ...service,
      bus,
      close: async () => {
        await bus.close();
        await store.close();
      },
    };
  } catch (e) {
    await bus.close();
    await store.close();
    throw e;
  }
}

/**
 * Collects every decision published on the decided topic into `into`, from the beginning, in a group of
 * its own. A record that is not a decision is counted in `unreadable()` and skipped, never thrown: a throw
 * makes kafkajs redeliver the batch for ever, so every decision behind it on that partition goes unseen.
 * That was the "stalled replica" of docs/decisions/0007-consumer-concurrency.md: on the shared broker,
 * the notifier's crash test leaves a poison decided record, and this collector (then throwing) stopped there.
 */
export async function collectDecisions(
  bus: KafkaEventBus,
  into: ConsultationDecidedV1[],
): Promise<{ unreadable: () => number }> {
  let unreadable = 0;
  await bus.subscribe({
    groupId: uniqueName('collector'),
    topics: [TOPICS.decided],
    handleBatch: async (ms) => {
      for (const m of ms) {
        const d = ConsultationDecidedV1.safeParse(parseJson(m.value));
        if (d.success) into.push(d.data);
        else unreadable += 1;
      }
    },
  });
  return { unreadable: () => unreadable };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A random practice code (ODS-shaped). */
export const practiceCode = (): string => `R${String(10000 + Math.floor(Math.random() * 89999))}`;

/** A consultation request received now by `clock`. */
export function requestEvent(
  practice: string,
  clock: Clock,
  over: Partial<ConsultationRequestedV1> = {},
): ConsultationRequestedV1 {
  return {
    type: 'consultation.requested',
    version: 1,
    id: randomUUID(),
    practice,
    receivedAt: clock.now().toISOString(),
    kind: 'clinical',
    urgency: 'routine',
    description: 'test',
    contact: { sms: '07700900123' },
    screening: { outcome: 'clear' },
    ...over,
  };
}

/**
 * The first decision (sequence 1) of each request in `ids`. A redelivery repeats it (same outcome and
 * share), never makes a new one: a request whose sequence-1 decisions disagree was decided twice, and
 * is listed in `doubled`.
 */
export function firstDecisions(decided: readonly ConsultationDecidedV1[], ids: ReadonlySet<string>) {
  const first = new Map<string, ConsultationDecidedV1>();
  const doubled = new Set<string>();
  for (const d of decided) {
    if (d.sequence !== 1 || !ids.has(d.id)) continue;
    const prev = first.get(d.id);
    if (prev && (prev.outcome !== d.outcome || prev.share !== d.share)) doubled.add(d.id);
    if (!prev) first.set(d.id, d);
  }
  return { first, doubled };
}

/**
 * What the store admitted on a practice-day against its limits and against the first decisions:
 * `overAdmitted` counts places used beyond a share's safe capacity (overbooking aside), `miscounted`
 * names each share whose used count differs from the accepted first decisions (a request counted twice,
 * or counted and never announced).
 */
export async function checkAdmissions(
  store: RedisCapacityStore,
  practice: string,
  day: string,
  limits: ShareLimits,
  first: ReadonlyMap<string, ConsultationDecidedV1>,
): Promise<{ overAdmitted: number; miscounted: string[] }> {
  const u = await store.usage(practice, day);
  const shares = ['routine', 'urgent', 'admin'] as const;
  const overAdmitted = shares.reduce((n, s) => n + Math.max(0, u.used[s] - u.overbooked[s] - limits[s]), 0);
  const accepted = (share: string) =>
    [...first.values()].filter((d) => d.practice === practice && d.outcome === 'accepted' && d.share === share).length;
  const miscounted = (['routine', 'admin'] as const)
    .filter((s) => u.used[s] !== accepted(s))
    .map((s) => `${practice} ${s}: used ${u.used[s]}, accepted ${accepted(s)}`);
  return { overAdmitted, miscounted };
}
