import type { NextFunction, Request, Response } from 'express';
import { problem } from '@sluice/contracts';
import type { PracticeRepository } from '@sluice/capacity-store';
import { sendProblem } from '@sluice/http-kit';
import { authenticate, canReach } from '@sluice/practice-admin';

/** 401 without a valid key; 403 when the key's practice is not the one in the path. */
export function requireAuth(operatorKey: string, repo: PracticeRepository, options: { operatorOnly?: boolean } = {}) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const principal = await authenticate(req.get('authorization'), operatorKey, repo);
      if (!principal) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="sluice"');
        return sendProblem(res, problem(401, 'Unauthorised', 'Send a valid API key as Authorization: Bearer <key>.'));
      }
      const ods = typeof req.params.ods === 'string' ? req.params.ods.toUpperCase() : undefined;
      if ((options.operatorOnly && principal.role !== 'operator') || (ods && !canReach(principal, ods))) {
        return sendProblem(res, problem(403, 'Forbidden', 'This key does not reach that practice.'));
      }
      res.locals.principal = principal;
      next();
    } catch (e) {
      next(e);
    }
  };
}
