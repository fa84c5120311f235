// Intake as the tests run it: express alone or the listener's fast path in front, one known practice
// pair (A81001, B82002), the operator's key, limits the tests choose.
import type { IncomingMessage, ServerResponse } from 'node:http';
import request from 'supertest';
import { ManualClock } from '@sluice/config';
import { ADVICE_MAX, ConsultationRequestedV1, TOPICS } from '@sluice/contracts';
import { InProcessEventBus, type EventBus } from '@sluice/event-bus';
import { createFastListener, createHttpApp, finishHttpApp } from '@sluice/http-kit';
import { createLogger, createMetrics } from '@sluice/observability';
import { MemoryPracticeRepository } from '@sluice/capacity-store';
import { MemoryRequestLedger } from '@sluice/request-ledger';
import { createClientDirectory } from './clients';
import { createIntakeRouter, intakeFastRoutes } from './intake-router';
import { createIntakeLimiter } from './rate-limits';
import type { Screen } from './screen';

export const CONCERN_ADVICE = 'Call 999 if you cannot feel your legs.';
/**
 * A screen that signposts any text containing "EMERGENCY" and flags "CONCERN" (with "LONG", a rule text
 * over ADVICE_MAX): intake's behaviour, not the rules, is under test here.
 */
const screen: Screen = ({ description }) =>
  /EMERGENCY/.test(description)
    ? {
        outcome: 'emergency',
        ruleId: 'test-rule',
        category: 'test',
        destination: '999',
        reasonText: 'Call 999 now.',
        rulesVersion: 't',
      }
    : /CONCERN/.test(description)
      ? {
          outcome: 'concern',
          ruleId: 'test-concern',
          category: 'test',
          reasonText: /LONG/.test(description) ? 'x'.repeat(ADVICE_MAX + 1) : CONCERN_ADVICE,
          rulesVersion: 't',
        }
      : { outcome: 'clear', rulesVersion: 't' };

/** Every test runs twice: through express alone, and through the listener's fast path as Sluice serves it. */
export const STACKS = ['express', 'fast path'] as const;
let stack: (typeof STACKS)[number] = 'express';

export const OPERATOR_KEY = 'slo_operator-key-for-intake-tests';
/** A post as a client sends it: with a key (the operator's unless told). */
export const post = (app: Parameters<typeof request>[0], path: string, key = OPERATOR_KEY) =>
  request(app).post(path).set('Authorization', `Bearer ${key}`);

export function intake(
  bus: EventBus = new InProcessEventBus(),
  o: { practicePerMinute?: number; clientPerMinute?: number } = {},
) {
  const ledger = new MemoryRequestLedger();
  const repo = new MemoryPracticeRepository();
  for (const p of ['A81001', 'B82002']) void repo.putWeeklyRota(p, {});
  const metrics = createMetrics({ service: 'intake', defaults: false });
  const log = createLogger({ service: 'intake', level: 'silent' });
  const express = createHttpApp({ service: 'intake', metrics, log, readiness: [] });
  const deps = {
    bus,
    ledger,
    clock: new ManualClock('2026-11-30T10:00:00Z'),
    screen,
    metrics,
    log,
    publicUrl: 'http://sluice.test',
    retentionSeconds: 3600,
    contactHashSalt: 'salt-0123456789abcdef',
    clients: createClientDirectory({ operatorKey: OPERATOR_KEY, repo, cacheMs: 0 }),
    limiter: createIntakeLimiter(),
    rateLimits: { practicePerMinute: o.practicePerMinute ?? 1000, clientPerMinute: o.clientPerMinute ?? 1000 },
  };
  express.use(createIntakeRouter(deps));
  finishHttpApp(express, log);
  const viaExpress: string[] = [];
  const counted = (req: IncomingMessage, res: ServerResponse) => {
    viaExpress.push(`${req.method} ${req.url}`);
    express(req, res);
  };
  const app =
    stack === 'express'
      ? express
      : createFastListener(counted as never, {
          service: 'intake',
          metrics,
          log,
          routes: intakeFastRoutes(deps),
          open: () => true,
        });
  return { app, ledger, metrics, viaExpress, repo };
}

export async function published(bus: InProcessEventBus): Promise<ConsultationRequestedV1[]> {
  const got: ConsultationRequestedV1[] = [];
  const sub = await bus.subscribe({
    groupId: `read-${Math.random()}`,
    topics: [TOPICS.requested],
    handleBatch: async (ms) => void got.push(...ms.map((m) => ConsultationRequestedV1.parse(JSON.parse(m.value)))),
  });
  await new Promise((r) => setTimeout(r, 20));
  await sub.stop();
  return got;
}

export const smallest = {
  kind: 'clinical',
  description: 'Rash on my arm for two weeks',
  contact: { sms: '07700900123' },
};

/** Which stack `intake()` builds for the tests that follow. */
export function useStack(s: (typeof STACKS)[number]): void {
  stack = s;
}
