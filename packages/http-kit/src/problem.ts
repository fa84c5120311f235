import type { Response } from 'express';
import { problem, zodProblem, type Problem } from '@sluice/contracts';
import type { ZodError } from 'zod';

export function sendProblem(res: Response, p: Problem): void {
  res.status(p.status).type('application/problem+json').send(JSON.stringify(p));
}

export function sendValidationProblem(res: Response, error: ZodError, title?: string): void {
  sendProblem(res, zodProblem(error, title));
}

/** A thrown HttpProblem becomes its problem+json answer; anything else becomes a 500 with no detail. */
export class HttpProblem extends Error {
  readonly problem: Problem;
  constructor(status: number, title: string, detail?: string, extra: Record<string, unknown> = {}) {
    super(title);
    this.problem = problem(status, title, detail, extra);
  }
}
