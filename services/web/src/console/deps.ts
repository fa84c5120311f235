import type { NextFunction, Request, Response } from 'express';
import type { PracticeAdmin, Planning } from '@sluice/practice-admin';
import type { CapacityStore, PracticeRepository } from '@sluice/capacity-store';
import type { Logger } from '@sluice/observability';
import type { Render } from '../pages';
import type { Sessions } from '../session/sessions';
import type { SignInThrottle } from './sign-in-throttle';

/** What the console and ICB pages run on. */
export interface ConsoleDeps {
  admin: PracticeAdmin;
  store: CapacityStore;
  repo: PracticeRepository;
  operatorKey: string;
  sessions: Sessions;
  render: Render;
  log: Logger;
  secure: boolean;
  /** Forecast and what-if for the Plan page (none: the page is not offered). */
  planning?: Planning;
  /** Slows and then refuses repeated failed sign-ins (default: in this process's memory). */
  signInThrottle?: SignInThrottle;
}

type Handler = (req: Request, res: Response, next: NextFunction) => Promise<void> | void;

/** What each group of console routes gets: the console's deps and its guards. */
export type RouteDeps = ConsoleDeps & { signedIn: Handler; csrf: Handler; practice: Handler };
