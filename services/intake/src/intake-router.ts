import { Router, type Request, type Response } from 'express';
import { problem } from '@sluice/contracts';
import { expressRoute, requireJson, sendProblem, type FastRoute } from '@sluice/http-kit';
import { createStatusReader } from '@sluice/request-ledger';
import type { IntakeDeps } from './deps';
import { takeRequestRoute } from './take-request';

export type { IntakeDeps } from './deps';

/** What a patient is told when their request's status cannot be read just now. */
const STATUS_UNAVAILABLE =
  'We cannot show the status of your request just now. It has reached us and will be decided: please check again in a few minutes. ' +
  'If you need help urgently, use NHS 111 online or call 111. In an emergency, call 999.';

/**
 * Intake's routes through express. The create route's handler is `takeRequestRoute`, which the HTTP
 * listener also serves on its fast path (createFastListener: pass it `intakeFastRoutes(deps)`); a request
 * the fast path does not take (another content type, a chunked or encoded body) comes here.
 */
export function createIntakeRouter(deps: IntakeDeps): Router {
  const router = Router();
  const take = takeRequestRoute(deps);
  router.post(take.path, requireJson, expressRoute(take));

  const readStatus = createStatusReader(deps);
  router.get('/v1/requests/:id', async (req: Request, res: Response) => {
    let doc;
    try {
      doc = await readStatus(String(req.params.id));
    } catch (e) {
      // The read-model is away (Redis down): say so plainly rather than 500. The request itself is
      // safe on the bus and will be decided; only its status cannot be shown right now.
      deps.log.warn({ err: (e as Error).message }, 'status store unreachable; answered 503');
      res.setHeader('Retry-After', '5');
      return sendProblem(res, problem(503, 'Status unavailable', STATUS_UNAVAILABLE));
    }
    if (!doc)
      return sendProblem(
        res,
        problem(404, 'Request not found', 'No request has this id. Check the link you were sent.'),
      );
    res.json(doc);
  });

  return router;
}

/** Intake's routes for the HTTP listener's fast path (the same handlers as the router's). */
export const intakeFastRoutes = (deps: IntakeDeps): FastRoute[] => [takeRequestRoute(deps)];
