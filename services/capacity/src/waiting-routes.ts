import type { Response, Router } from 'express';
import { z } from 'zod';
import { CancelBody, Contact, contactHash, NhsNumber, problem, RequestId } from '@sluice/contracts';
import { requireJson, sendProblem, sendValidationProblem } from '@sluice/http-kit';
import type { ActOnResult } from '@sluice/practice-admin';
import type { AdminRoutes } from './admin-routes';

/** The waiting list and staff actions on it: take on, cancel, lift the fair-use limit for a patient. */
export function waitingRoutes(router: Router, { deps, admin, auth, ods }: AdminRoutes): void {
  router.get('/v1/practices/:ods/waiting', auth, async (req, res) => {
    const practice = ods(req, res);
    if (!practice) return;
    res.json({ practice, ...(await admin.waiting(practice)) });
  });

  /** A staff action's answer: 404 for no such request, 409 for one that is no longer waiting or open. */
  const acted = (res: Response, result: ActOnResult, verb: string) => {
    if (result.ok) {
      const { ok: _ok, ...body } = result;
      return res.json(body);
    }
    if (result.status === 404)
      return sendProblem(res, problem(404, 'Request not found', 'This practice has no such request.'));
    return sendProblem(
      res,
      problem(
        409,
        `Cannot ${verb}`,
        `This request is ${result.outcome} and cannot be ${verb === 'cancel' ? 'cancelled' : 'taken on'}.`,
      ),
    );
  };

  router.post('/v1/practices/:ods/requests/:id/promote', auth, async (req, res) => {
    const practice = ods(req, res);
    if (!practice) return;
    const id = RequestId.safeParse(req.params.id);
    if (!id.success) return sendProblem(res, problem(404, 'Request not found'));
    acted(res, await admin.promote(practice, id.data), 'take on');
  });

  router.post('/v1/practices/:ods/requests/:id/cancel', auth, async (req, res) => {
    const practice = ods(req, res);
    if (!practice) return;
    const id = RequestId.safeParse(req.params.id);
    if (!id.success) return sendProblem(res, problem(404, 'Request not found'));
    const body = CancelBody.safeParse(req.body ?? {});
    if (!body.success) return sendValidationProblem(res, body.error);
    acted(res, await admin.cancel(practice, id.data, body.data.reason), 'cancel');
  });

  router.post('/v1/practices/:ods/fair-use/overrides', auth, requireJson, async (req, res) => {
    const practice = ods(req, res);
    if (!practice) return;
    const body = z
      .object({
        contact: Contact,
        nhsNumber: NhsNumber.optional(),
        hours: z.number().int().min(1).max(168).default(24),
      })
      .strict()
      .safeParse(req.body);
    if (!body.success) return sendValidationProblem(res, body.error);
    if (!deps.contactHashSalt)
      return sendProblem(res, problem(409, 'Fair use not configured', 'Set SLUICE_CONTACT_HASH_SALT to use fair use.'));
    const until = deps.clock.now().getTime() + body.data.hours * 3600_000;
    await deps.repo.putFairUseOverride(
      practice,
      contactHash(body.data.contact, deps.contactHashSalt, body.data.nhsNumber),
      until,
    );
    deps.log.info({ practice, hours: body.data.hours }, 'fair-use limit lifted for a patient by staff');
    res.status(201).json({ until: new Date(until).toISOString() });
  });
}
