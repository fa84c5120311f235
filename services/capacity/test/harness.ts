import { randomUUID } from 'node:crypto';
import express from 'express';
import { MemoryCapacityStore, MemoryPracticeRepository } from '@sluice/capacity-store';
import { ManualClock } from '@sluice/config';
import { ConsultationDecidedV1, TOPICS, type ConsultationRequestedV1, type LevelChangedV1 } from '@sluice/contracts';
import { InProcessEventBus } from '@sluice/event-bus';
import { createHttpApp, finishHttpApp } from '@sluice/http-kit';
import { createLogger, createMetrics } from '@sluice/observability';
import { createAdminRouter, startCapacityService } from '../src';

export const OPERATOR_KEY = 'test-operator-key-0123456789abcdef';
export const SALT = 'test-salt-0123456789abcdef';

/** The capacity service on the in-process bus and memory store, with a clock the test moves. */
export async function capacityHarness(start = '2026-11-30T09:00:00Z', levelRefreshMs = 0) {
  const bus = new InProcessEventBus();
  const store = new MemoryCapacityStore();
  const repo = new MemoryPracticeRepository();
  const clock = new ManualClock(start);
  const metrics = createMetrics({ service: 'test', defaults: false });
  const log = createLogger({ service: 'test', level: 'silent' });
  const service = await startCapacityService({ bus, store, repo, clock, metrics, log, tickMs: 0, levelRefreshMs });
  const decided: ConsultationDecidedV1[] = [];
  const levels: LevelChangedV1[] = [];
  await bus.subscribe({
    groupId: 'test-decided',
    topics: [TOPICS.decided],
    handleBatch: async (ms) => void decided.push(...ms.map((m) => ConsultationDecidedV1.parse(JSON.parse(m.value)))),
  });
  await bus.subscribe({
    groupId: 'test-levels',
    topics: [TOPICS.levelChanged],
    handleBatch: async (ms) => void levels.push(...ms.map((m) => JSON.parse(m.value))),
  });
  const app: express.Express = createHttpApp({ service: 'test', metrics, log, readiness: [] });
  app.use(
    createAdminRouter({
      store,
      repo,
      bus,
      clock,
      log,
      monitor: service.monitor,
      operatorKey: OPERATOR_KEY,
      contactHashSalt: SALT,
    }),
  );
  finishHttpApp(app, log);

  const request = (practice: string, over: Partial<ConsultationRequestedV1> = {}): ConsultationRequestedV1 => ({
    type: 'consultation.requested',
    version: 1,
    id: randomUUID(),
    practice,
    receivedAt: clock.now().toISOString(),
    kind: 'clinical',
    urgency: 'routine',
    description: 'Rash on my arm for two weeks',
    contact: { sms: '07700900123' },
    screening: { outcome: 'clear' },
    ...over,
  });
  const send = async (...events: ConsultationRequestedV1[]) => {
    await bus.publish(
      TOPICS.requested,
      events.map((e) => ({ key: e.practice, value: JSON.stringify(e) })),
    );
  };
  const settle = async (want: number) => {
    const t0 = Date.now();
    while (decided.length < want) {
      if (Date.now() - t0 > 5000) throw new Error(`only ${decided.length} of ${want} decisions arrived`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  return {
    bus,
    store,
    repo,
    clock,
    metrics,
    service,
    app,
    decided,
    levels,
    request,
    send,
    settle,
    auth: { Authorization: `Bearer ${OPERATOR_KEY}` },
    stop: async () => {
      await service.stop();
      await bus.close();
    },
  };
}
