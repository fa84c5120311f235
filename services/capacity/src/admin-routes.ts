import type { Request, RequestHandler, Response } from 'express';
import type { CapacityStore, PracticeRepository } from '@sluice/capacity-store';
import type { Clock } from '@sluice/config';
import type { EventBus } from '@sluice/event-bus';
import type { Logger } from '@sluice/observability';
import type { PracticeAdmin, PracticeMonitor } from '@sluice/practice-admin';

export interface AdminDeps {
  store: CapacityStore;
  repo: PracticeRepository;
  bus: EventBus;
  clock: Clock;
  log: Logger;
  monitor: PracticeMonitor;
  operatorKey: string;
  /** Needed to lift the fair-use limit for a patient (the same salt intake hashes contacts with). */
  contactHashSalt?: string;
}

/** What each group of admin routes is built from. */
export interface AdminRoutes {
  deps: AdminDeps;
  admin: PracticeAdmin;
  /** Any valid key that reaches the practice in the path. */
  auth: RequestHandler;
  /** The operator key only. */
  operatorOnly: RequestHandler;
  /** The practice code in the path, or null once a 400 has been sent. */
  ods: (req: Request, res: Response) => string | null;
}
