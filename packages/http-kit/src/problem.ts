import type { Response } from 'express';
import { problem, zodProblem, type Problem } from '@sluice/contracts';
import type { Logger } from '@sluice/observability';
import type { ZodError } from 'zod';
import { problemReply, sendReply } from './reply';

export function sendProblem(res: Response, p: Problem): void {
  sendReply(res, problemReply(p));
}

/** The answers both HTTP stacks give for the same failures (app.ts's error handler and the fast path). */
export const malformedJson = (): Problem => problem(400, 'Malformed JSON', 'The body is not valid JSON.');
export const internalError = (): Problem =>
  problem(500, 'Internal error', 'Something went wrong on our side. Please try again shortly.');

/** An error no handler answered: its name and message only (never the request). */
export function logUnhandled(log: Logger, err: unknown, fields: Record<string, unknown> = {}): void {
  log.error({ err: { name: (err as Error)?.name, message: (err as Error)?.message }, ...fields }, 'unhandled error');
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
