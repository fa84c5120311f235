import type { Router } from 'express';
import { z } from 'zod';
import {
  IsoDay,
  MAX_PAUSE_DAYS,
  PauseBody,
  PracticeConfig,
  problem,
  RotaBody,
  WeeklyRotaBody,
} from '@sluice/contracts';
import { requireJson, sendProblem, sendValidationProblem } from '@sluice/http-kit';
import type { AdminRoutes } from './admin-routes';

/** A practice's settings: config, weekly and dated rotas, today's state, the exceptional-circumstances pause. */
export function settingsRoutes(router: Router, { deps, admin, auth, operatorOnly, ods }: AdminRoutes): void {
  router.get('/v1/practices', operatorOnly, async (_req, res) => {
    res.json({ practices: await admin.states() });
  });

  /** A settings document: GET reads it, PUT validates, saves and echoes it. */
  const settingsDocument = <T>(
    path: string,
    schema: z.ZodType<T>,
    read: (practice: string) => Promise<unknown>,
    save: (practice: string, body: T) => Promise<unknown>,
  ) => {
    router.get(path, auth, async (req, res) => {
      const practice = ods(req, res);
      if (!practice) return;
      res.json(await read(practice));
    });
    router.put(path, auth, requireJson, async (req, res) => {
      const practice = ods(req, res);
      if (!practice) return;
      const body = schema.safeParse(req.body);
      if (!body.success) return sendValidationProblem(res, body.error);
      await save(practice, body.data);
      res.json(body.data);
    });
  };
  settingsDocument('/v1/practices/:ods/config', PracticeConfig, admin.config, admin.saveConfig);
  settingsDocument('/v1/practices/:ods/rota/weekly', WeeklyRotaBody, admin.weeklyRota, admin.saveWeeklyRota);

  router.get('/v1/practices/:ods/rota/:date', auth, async (req, res) => {
    const practice = ods(req, res);
    if (!practice) return;
    const day = IsoDay.safeParse(req.params.date);
    if (!day.success) return sendProblem(res, problem(400, 'Invalid date', 'Give the date as YYYY-MM-DD.'));
    const { date, rota, safeCapacity, dated } = await admin.dayRota(practice, day.data);
    res.json({ date, rota, safeCapacity, dated });
  });

  router.put('/v1/practices/:ods/rota/:date', auth, requireJson, async (req, res) => {
    const practice = ods(req, res);
    if (!practice) return;
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
    const capacity = await admin.saveDayRota(practice, day.data, body.data);
    res.json({ date: day.data, rota: body.data, safeCapacity: capacity });
  });

  router.get('/v1/practices/:ods/state', auth, async (req, res) => {
    const practice = ods(req, res);
    if (!practice) return;
    const q = z.object({ date: IsoDay.optional() }).safeParse(req.query);
    if (!q.success) return sendValidationProblem(res, q.error, 'The date is not valid');
    res.json(await admin.state(practice, q.data.date));
  });

  router.post('/v1/practices/:ods/pause', auth, requireJson, async (req, res) => {
    const practice = ods(req, res);
    if (!practice) return;
    const body = PauseBody.safeParse(req.body);
    if (!body.success) return sendValidationProblem(res, body.error);
    const result = await admin.pause(practice, body.data);
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

  router.delete('/v1/practices/:ods/pause', auth, async (req, res) => {
    const practice = ods(req, res);
    if (!practice) return;
    res.json({ paused: null, level: await admin.resume(practice) });
  });
}
