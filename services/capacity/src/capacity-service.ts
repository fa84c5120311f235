import { ConsultationRequestedV1, TOPICS } from '@sluice/contracts';
import { typedBatchHandler, type Subscription } from '@sluice/event-bus';
import { createDecider } from './decider';
import { createPracticeMonitor, type MonitorDeps, type PracticeMonitor } from '@sluice/practice-admin';
import { createRefreshThrottle } from './refresh-throttle';

export interface CapacityServiceDeps extends MonitorDeps {
  groupId?: string;
  /** How often every practice is swept (day rollover promotion, outbox recovery, gauges). 0 turns it off. */
  tickMs?: number;
  maxBatchSize?: number;
  /** A practice's level and gauges are recomputed at most this often under load (default 1000 ms; 0: after every batch). See refresh-throttle.ts. */
  levelRefreshMs?: number;
}

export interface CapacityService {
  monitor: PracticeMonitor;
  subscription: Subscription;
  stop(): Promise<void>;
}

/** The capacity consumer group: decides every consultation.requested.v1 and sweeps practices on a timer. */
export async function startCapacityService(deps: CapacityServiceDeps): Promise<CapacityService> {
  // Bound once the subscription exists; until a Kafka consumer knows its partitions, it exports all.
  let subscription: Subscription | null = null;
  const monitor = createPracticeMonitor({ exportsPractice: (p) => subscription?.ownsKey?.(p) ?? true, ...deps });
  // The batch's own PracticeContexts: the refresh needs no second read of config, rota and pause.
  const levels = createRefreshThrottle(
    (ctx) => monitor.refresh(ctx.practice, ctx),
    deps.levelRefreshMs ?? 1000,
    deps.log,
  );
  const decide = createDecider({ ...deps, onPracticesTouched: (contexts) => levels.touched(contexts) });
  subscription = await deps.bus.subscribe({
    groupId: deps.groupId ?? 'sluice-capacity',
    topics: [TOPICS.requested],
    maxBatchSize: deps.maxBatchSize ?? 500,
    handleBatch: typedBatchHandler({
      bus: deps.bus,
      schema: ConsultationRequestedV1,
      onDeadLetter: (l) => {
        deps.metrics.deadLetters.inc({ topic: l.sourceTopic });
        deps.log.warn(
          { requestId: l.requestId, practice: l.practice, offset: l.offset, error: l.error },
          'dead-lettered a request',
        );
      },
      handle: async (events) => {
        await decide(events);
      },
    }),
  });

  let timer: NodeJS.Timeout | null = null;
  let ticking: Promise<void> | null = null;
  const tickMs = deps.tickMs ?? 30_000;
  if (tickMs > 0) {
    timer = setInterval(() => {
      if (ticking) return;
      ticking = monitor
        .tick()
        .catch((e) => deps.log.warn({ err: (e as Error).message }, 'sweep failed'))
        .finally(() => {
          ticking = null;
        });
    }, tickMs);
    timer.unref();
  }

  const sub = subscription;
  return {
    monitor,
    subscription: sub,
    stop: async () => {
      if (timer) clearInterval(timer);
      await ticking;
      await sub.stop();
      await levels.flush();
    },
  };
}
