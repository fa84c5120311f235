import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import {
  CancelBody,
  Contact,
  contactHash,
  CreateClientBody,
  IsoDay,
  MAX_PAUSE_DAYS,
  NhsNumber,
  OdsCode,
  PauseBody,
  PracticeConfig,
  problem,
  RequestId,
  RotaBody,
  WeeklyRotaBody,
  type ClientView,
} from '@sluice/contracts';
import type { CapacityStore, ClientRecord, PracticeRepository } from '@sluice/capacity-store';
import type { Clock } from '@sluice/config';
import type { EventBus } from '@sluice/event-bus';
import { requireJson, sendProblem, sendValidationProblem } from '@sluice/http-kit';
import type { Logger } from '@sluice/observability';
import {
  createPracticeAdmin,
  hashKey,
  newClientKey,
  newPracticeKey,
  type ActOnResult,
  type PracticeMonitor,
  type Principal,
} from '@sluice/practice-admin';
import { requireAuth } from './require-auth';

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

const Ods = z.object({ ods: OdsCode });

/** A client as the API shows it: never the key nor its hash. */
const clientView = (c: ClientRecord): ClientView => ({
  clientId: c.id,
  name: c.name,
  practices: c.practices,
  createdAt: c.createdAt,
  ...(c.rateLimitPerMinute ? { rateLimitPerMinute: c.rateLimitPerMinute } : {}),
});

/**
 * The practice admin API: config, rotas, state, cancellations, the exceptional-circumstances pause and
 * API keys. Every route needs a bearer key; a practice key reaches only its own practice.
 */
export function createAdminRouter(deps: AdminDeps): Router {
  const r = Router();
  const auth = requireAuth(deps.operatorKey, deps.repo);
  const operatorOnly = requireAuth(deps.operatorKey, deps.repo, { operatorOnly: true });
  const admin = createPracticeAdmin(deps);

  const ods = (req: Request, res: Response): string | null => {
    const p = Ods.safeParse(req.params);
    if (!p.success) {
      sendValidationProblem(res, p.error, 'The practice code is not valid');
      return null;
    }
    return p.data.ods;
  };

  r.get('/v1/practices', operatorOnly, async (_req, res) => {
    res.json({ practices: await admin.states() });
  });

  r.get('/v1/practices/:ods/config', auth, async (req, res) => {
    const p = ods(req, res);
    if (!p) return;
    res.json(await admin.config(p));
  });

  r.put('/v1/practices/:ods/config', auth, requireJson, async (req, res) => {
    const p = ods(req, res);
    if (!p) return;
    const body = PracticeConfig.safeParse(req.body);
    if (!body.success) return sendValidationProblem(res, body.error);
    await admin.saveConfig(p, body.data);
    res.json(body.data);
  });

  r.get('/v1/practices/:ods/rota/weekly', auth, async (req, res) => {
    const p = ods(req, res);
    if (!p) return;
    res.json(await admin.weeklyRota(p));
  });

  r.put('/v1/practices/:ods/rota/weekly', auth, requireJson, async (req, res) => {
    const p = ods(req, res);
    if (!p) return;
    const body = WeeklyRotaBody.safeParse(req.body);
    if (!body.success) return sendValidationProblem(res, body.error);
    await admin.saveWeeklyRota(p, body.data);
    res.json(body.data);
  });

  r.get('/v1/practices/:ods/rota/:date', auth, async (req, res) => {
    const p = ods(req, res);
    if (!p) return;
    const day = IsoDay.safeParse(req.params.date);
    if (!day.success) return sendProblem(res, problem(400, 'Invalid date', 'Give the date as YYYY-MM-DD.'));
    const { date, rota, safeCapacity, dated } = await admin.dayRota(p, day.data);
    res.json({ date, rota, safeCapacity, dated });
  });

  r.put('/v1/practices/:ods/rota/:date', auth, requireJson, async (req, res) => {
    const p = ods(req, res);
    if (!p) return;
    const day = IsoDay.safeParse(req.params.date);
    if (!day.success) return sendProblem(res, problem(400, 'Invalid date', 'Give the date as YYYY-MM-DD.'));
    // A rota for year 9999 (or 0001) is a typo, and each is a stored key: this year ± 2 only.
    const year = deps.clock.now().getUTCFullYear();
    if (Math.abs(Number(day.data.slice(0, 4)) - year) > 2) {
      return sendProblem(
        res,
        problem(400, 'Date out of range', `Give a date from ${year - 2} to ${year + 2}.`, {
          errors: [{ path: 'date', message: `must be within ${year - 2}–${year + 2}` }],
        }),
      );
    }
    const body = RotaBody.safeParse(req.body);
    if (!body.success) return sendValidationProblem(res, body.error);
    const capacity = await admin.saveDayRota(p, day.data, body.data);
    res.json({ date: day.data, rota: body.data, safeCapacity: capacity });
  });

  r.get('/v1/practices/:ods/state', auth, async (req, res) => {
    const p = ods(req, res);
    if (!p) return;
    const q = z.object({ date: IsoDay.optional() }).safeParse(req.query);
    if (!q.success) return sendValidationProblem(res, q.error, 'The date is not valid');
    res.json(await admin.state(p, q.data.date));
  });

  r.get('/v1/practices/:ods/waiting', auth, async (req, res) => {
    const p = ods(req, res);
    if (!p) return;
    res.json({ practice: p, ...(await admin.waiting(p)) });
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

  r.post('/v1/practices/:ods/requests/:id/promote', auth, async (req, res) => {
    const p = ods(req, res);
    if (!p) return;
    const id = RequestId.safeParse(req.params.id);
    if (!id.success) return sendProblem(res, problem(404, 'Request not found'));
    acted(res, await admin.promote(p, id.data), 'take on');
  });

  r.post('/v1/practices/:ods/requests/:id/cancel', auth, async (req, res) => {
    const p = ods(req, res);
    if (!p) return;
    const id = RequestId.safeParse(req.params.id);
    if (!id.success) return sendProblem(res, problem(404, 'Request not found'));
    const body = CancelBody.safeParse(req.body ?? {});
    if (!body.success) return sendValidationProblem(res, body.error);
    acted(res, await admin.cancel(p, id.data, body.data.reason), 'cancel');
  });

  r.post('/v1/practices/:ods/pause', auth, requireJson, async (req, res) => {
    const p = ods(req, res);
    if (!p) return;
    const body = PauseBody.safeParse(req.body);
    if (!body.success) return sendValidationProblem(res, body.error);
    const result = await admin.pause(p, body.data);
    if (!result.ok) {
      return sendProblem(
        res,
        problem(
          422,
          'Pause end not allowed',
          `The pause must end in the future and at most ${MAX_PAUSE_DAYS} days ahead.`,
          { errors: result.problems.map((m) => ({ path: 'until', message: m.replace(/^until: /, '') })) },
        ),
      );
    }
    res.status(201).json({ paused: body.data, level: result.level });
  });

  r.delete('/v1/practices/:ods/pause', auth, async (req, res) => {
    const p = ods(req, res);
    if (!p) return;
    res.json({ paused: null, level: await admin.resume(p) });
  });

  r.post('/v1/practices/:ods/fair-use/overrides', auth, requireJson, async (req, res) => {
    const p = ods(req, res);
    if (!p) return;
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
      p,
      contactHash(body.data.contact, deps.contactHashSalt, body.data.nhsNumber),
      until,
    );
    deps.log.info({ practice: p, hours: body.data.hours }, 'fair-use limit lifted for a patient by staff');
    res.status(201).json({ until: new Date(until).toISOString() });
  });

  // Client keys: an online consultation tool posts requests for the practices its key names. The
  // operator issues, lists and revokes them; only the key's hash is kept.
  r.post('/v1/clients', operatorOnly, requireJson, async (req, res) => {
    const body = CreateClientBody.safeParse(req.body);
    if (!body.success) return sendValidationProblem(res, body.error);
    const practices = [...new Set(body.data.practices)];
    const unknown = [];
    for (const p of practices) if (!(await deps.repo.isKnownPractice(p))) unknown.push(p);
    if (unknown.length) {
      return sendProblem(
        res,
        problem(
          422,
          'Unknown practices',
          'Set each practice up (a rota or settings) before issuing a client key for it.',
          {
            errors: unknown.map((p) => ({
              path: `practices.${practices.indexOf(p)}`,
              message: `${p} is not a practice Sluice serves`,
            })),
          },
        ),
      );
    }
    const { key, id } = newClientKey();
    const record = {
      id,
      name: body.data.name,
      practices,
      hash: hashKey(key),
      createdAt: deps.clock.now().toISOString(),
      ...(body.data.rateLimitPerMinute ? { rateLimitPerMinute: body.data.rateLimitPerMinute } : {}),
    };
    await deps.repo.putClient(record);
    deps.log.info({ clientId: id, practices: practices.length }, 'client key issued');
    res.status(201).json({
      ...clientView(record),
      key,
      note: 'Store this key now: Sluice keeps only its hash and cannot show it again.',
    });
  });

  r.get('/v1/clients', operatorOnly, async (_req, res) => {
    res.json({ clients: (await deps.repo.listClients()).map(clientView) });
  });

  r.delete('/v1/clients/:clientId', operatorOnly, async (req, res) => {
    const id = z
      .string()
      .regex(/^[0-9a-f]{12}$/)
      .safeParse(req.params.clientId);
    if (!id.success || !(await deps.repo.revokeClient(id.data)))
      return sendProblem(res, problem(404, 'Client not found', 'No client has that id.'));
    deps.log.warn({ clientId: id.data }, 'client key revoked');
    res.status(204).end();
  });

  r.post('/v1/practices/:ods/keys', operatorOnly, async (req, res) => {
    const p = ods(req, res);
    if (!p) return;
    const label = z.object({ label: z.string().max(100).optional() }).safeParse(req.body ?? {});
    const { key, id } = newPracticeKey(p);
    await deps.repo.putApiKey({
      id,
      practice: p,
      hash: hashKey(key),
      createdAt: deps.clock.now().toISOString(),
      ...(label.success && label.data.label ? { label: label.data.label } : {}),
    });
    deps.log.info({ practice: p, keyId: id }, 'practice API key issued');
    res.status(201).json({
      practice: p,
      keyId: id,
      key,
      note: 'Store this key now: Sluice keeps only its hash and cannot show it again.',
    });
  });

  // A practice's keys (never their hashes), and revoking one: the operator or the practice itself (a
  // practice manager who thinks a key has leaked should not have to wait for anyone). Revoking ends
  // the console sessions signed in with that key on their next request.
  r.get('/v1/practices/:ods/keys', auth, async (req, res) => {
    const p = ods(req, res);
    if (!p) return;
    const keys = await deps.repo.listApiKeys(p);
    res.json({
      practice: p,
      keys: keys.map((k) => ({ keyId: k.id, createdAt: k.createdAt, ...(k.label ? { label: k.label } : {}) })),
    });
  });

  r.delete('/v1/practices/:ods/keys/:keyId', auth, async (req, res) => {
    const p = ods(req, res);
    if (!p) return;
    const keyId = z
      .string()
      .regex(/^[0-9a-f]{12}$/)
      .safeParse(req.params.keyId);
    if (!keyId.success || !(await deps.repo.revokeApiKey(p, keyId.data))) {
      return sendProblem(res, problem(404, 'Key not found', `Practice ${p} has no API key with that id.`));
    }
    const by = res.locals.principal as Principal;
    deps.log.warn(
      { practice: p, keyId: keyId.data, by: by.role === 'operator' ? 'operator' : `key ${by.keyId}` },
      'practice API key revoked',
    );
    res.status(204).end();
  });

  return r;
}
