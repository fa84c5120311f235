import type { Clock } from '@sluice/config';
import type { EventBus } from '@sluice/event-bus';
import type { Logger, Metrics } from '@sluice/observability';
import type { RequestLedger } from '@sluice/request-ledger';
import type { ClientDirectory } from './clients';
import type { IntakeLimiter } from './rate-limits';
import type { Screen } from './screen';

/** What intake's routes (express and the fast path) run on. */
export interface IntakeDeps {
  bus: EventBus;
  ledger: RequestLedger;
  clock: Clock;
  screen: Screen;
  metrics: Metrics;
  log: Logger;
  /** Base URL for status links. */
  publicUrl: string;
  /** Salt for the fair-use contact hash; without it no hash is sent. */
  contactHashSalt?: string;
  /** Live waiting-list position, when the capacity store is reachable from here. */
  livePosition?: (practice: string, id: string) => Promise<number | null>;
  retentionSeconds: number;
  /** Who may post for which practice, and which practices exist. */
  clients: ClientDirectory;
  limiter: IntakeLimiter;
  /** Requests a minute: each practice's unless its settings say otherwise, and each client's unless its record does. */
  rateLimits: { practicePerMinute: number; clientPerMinute: number };
}
