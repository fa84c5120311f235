import type { Response } from 'express';
import type { Problem } from '@sluice/contracts';

/**
 * What a route answers, whichever HTTP stack carried the request: the express route (sendReply) and the
 * listener's fast path (fast-path.ts) write the same reply, so a route's behaviour is written once (docs/decisions/0010-hot-route-fast-path.md).
 */
export interface HttpReply {
  status: number;
  body: unknown;
  /** `application/problem+json` instead of `application/json`. */
  problem?: boolean;
  headers?: Record<string, string>;
}

export const problemReply = (p: Problem, headers?: Record<string, string>): HttpReply => ({
  status: p.status,
  body: p,
  problem: true,
  ...(headers ? { headers } : {}),
});

/** Writes a reply through express (the path every request the fast path passes on takes). */
export function sendReply(res: Response, reply: HttpReply): void {
  if (reply.headers) for (const [k, v] of Object.entries(reply.headers)) res.setHeader(k, v);
  res
    .status(reply.status)
    .type(reply.problem ? 'application/problem+json' : 'application/json')
    .send(JSON.stringify(reply.body));
}
