import type { CapacityStore, PracticeRepository } from '@sluice/capacity-store';
import type { Clock } from '@sluice/config';
import type { IsoDay } from '@sluice/contracts';
import { createCalendar, type Calendar } from '@sluice/domain';
import type { EventBus } from '@sluice/event-bus';
import type { Logger, Metrics } from '@sluice/observability';

/** The calendar a practice's own closures give, on England's bank holidays. */
export const defaultCalendar = (closures: IsoDay[]): Calendar => createCalendar({ closures });

/** What the decider and the practice monitor both run on. */
export interface MonitorDeps {
  bus: EventBus;
  store: CapacityStore;
  repo: PracticeRepository;
  clock: Clock;
  metrics: Metrics;
  log: Logger;
  calendar?: (closures: IsoDay[]) => Calendar;
  /**
   * Whether this replica exports the practice's gauges: the one whose consumer holds the practice's
   * partition does, the others remove theirs, so each practice has one set of series however many
   * replicas sweep it. Default: every practice (one replica, the embedded default).
   */
  exportsPractice?: (practice: string) => boolean;
}
