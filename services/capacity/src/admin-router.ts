import { Router, type Request, type Response } from 'express';
import { OdsCode } from '@sluice/contracts';
import { z } from 'zod';
import { sendValidationProblem } from '@sluice/http-kit';
import { createPracticeAdmin } from '@sluice/practice-admin';
import type { AdminDeps, AdminRoutes } from './admin-routes';
import { keyRoutes } from './key-routes';
import { requireAuth } from './require-auth';
import { settingsRoutes } from './settings-routes';
import { waitingRoutes } from './waiting-routes';

export type { AdminDeps } from './admin-routes';

const Ods = z.object({ ods: OdsCode });

/**
 * The practice admin API: config, rotas, state, cancellations, the exceptional-circumstances pause and
 * API keys. Every route needs a bearer key; a practice key reaches only its own practice.
 */
export function createAdminRouter(deps: AdminDeps): Router {
  const router = Router();
  const auth = requireAuth(deps.operatorKey, deps.repo);
  const operatorOnly = requireAuth(deps.operatorKey, deps.repo, { operatorOnly: true });
  const admin = createPracticeAdmin(deps);

  const ods = (req: Request, res: Response): string | null => {
    const params = Ods.safeParse(req.params);
    if (!params.success) {
      sendValidationProblem(res, params.error, 'The practice code is not valid');
      return null;
    }
    return params.data.ods;
  };
  const routes: AdminRoutes = { deps, admin, auth, operatorOnly, ods };
  settingsRoutes(router, routes);
  waitingRoutes(router, routes);
  keyRoutes(router, routes);
  return router;
}
