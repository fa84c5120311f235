import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { IsoDay, OdsCode, PolicyProfile, PracticeConfig, problem, RotaBody } from '@sluice/contracts';
import type { PracticeRepository } from '@sluice/capacity-store';
import { requireJson, sendProblem, sendValidationProblem } from '@sluice/http-kit';
import { MAX_FORECAST_DAYS, type Planning } from '@sluice/practice-admin';
import { requireAuth } from './require-auth';

export interface PlanningRouterDeps {
  planning: Planning;
  repo: PracticeRepository;
  operatorKey: string;
}

/** A large practice's two years of requests as CSV (about 40 bytes a row). */
const MAX_CSV_BYTES = 20 * 1024 * 1024;

const Ods = z.object({ ods: OdsCode });
const ForecastQuery = z.object({
  from: IsoDay.optional(),
  days: z.coerce.number().int().min(1).max(MAX_FORECAST_DAYS).default(5),
});
const WhatIfBody = z
  .object({
    date: IsoDay,
    rota: RotaBody.optional(),
    /** Fields given here replace the practice's own for the replay. */
    settings: z.record(z.string(), z.unknown()).optional(),
    policy: PolicyProfile.optional(),
  })
  .strict();

/**
 * Planning routes (issue #19): import a practice's demand history, forecast its next working days
 * against its rota, and replay a past day under another rota, settings or policy. A practice key
 * reaches its own practice; the operator key every practice.
 */
export function createPlanningRouter(deps: PlanningRouterDeps): Router {
  const r = Router();
  const auth = requireAuth(deps.operatorKey, deps.repo);
  const csv = express.text({ type: ['text/csv', 'application/csv'], limit: MAX_CSV_BYTES });

  const ods = (req: Request, res: Response): string | null => {
    const p = Ods.safeParse(req.params);
    if (!p.success) {
      sendValidationProblem(res, p.error, 'The practice code is not valid');
      return null;
    }
    return p.data.ods;
  };

  r.post('/v1/practices/:ods/history', auth, csv, async (req, res) => {
    const p = ods(req, res);
    if (!p) return;
    if (typeof req.body !== 'string' || !req.is(['text/csv', 'application/csv'])) {
      return sendProblem(
        res,
        problem(
          415,
          'Unsupported media type',
          'Send the history as text/csv with the columns received_at, kind, urgency.',
        ),
      );
    }
    const result = await deps.planning.importHistory(p, req.body);
    if (!result.ok) return sendProblem(res, problem(422, 'History not imported', result.detail, { rows: result.rows }));
    res
      .status(result.added > 0 ? 201 : 200)
      .json({ practice: p, rows: result.rows, imported: result.added, alreadyImported: result.duplicates });
  });

  r.get('/v1/practices/:ods/forecast', auth, async (req, res) => {
    const p = ods(req, res);
    if (!p) return;
    const q = ForecastQuery.safeParse(req.query);
    if (!q.success) return sendValidationProblem(res, q.error, 'The forecast query is not valid');
    res.json(await deps.planning.forecast(p, q.data.from, q.data.days));
  });

  r.post('/v1/practices/:ods/what-if', auth, requireJson, async (req, res) => {
    const p = ods(req, res);
    if (!p) return;
    const body = WhatIfBody.safeParse(req.body);
    if (!body.success) return sendValidationProblem(res, body.error);
    if (body.data.settings !== undefined) {
      const settings = PracticeConfig.safeParse(body.data.settings);
      if (!settings.success) return sendValidationProblem(res, settings.error, 'The settings are not valid');
    }
    const { date, rota, settings, policy } = body.data;
    res.json(
      await deps.planning.whatIf(p, {
        date,
        ...(rota ? { rota } : {}),
        ...(settings ? { settings } : {}),
        ...(policy ? { policy } : {}),
      }),
    );
  });

  return r;
}
