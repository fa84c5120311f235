import type { ZodError } from 'zod';
import type { Problem } from './api';

/** Turns a zod error into problem+json `errors`, naming each bad field by its path. */
export function zodProblem(error: ZodError, title = 'Your request has errors', status = 400): Problem {
  return {
    type: 'https://sluice.nhs.example/problems/validation',
    title,
    status,
    detail: error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '),
    errors: error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message })),
  };
}

export function problem(status: number, title: string, detail?: string, extra: Record<string, unknown> = {}): Problem {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/(^-|-$)/g, '');
  return {
    type: `https://sluice.nhs.example/problems/${slug}`,
    title,
    status,
    ...(detail ? { detail } : {}),
    ...extra,
  };
}
