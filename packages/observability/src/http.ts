import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Metrics } from './metrics';

/**
 * RED metrics and one access-log line per request. The route label is the matched route pattern
 * (bounded), never the raw path, which carries ids.
 */
export function httpObservability(service: string, metrics: Metrics, log: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const route = routeLabel(req);
      metrics.httpRequests.inc({ service, method: req.method, route, status: String(res.statusCode) });
      metrics.httpDuration.observe({ service, method: req.method, route }, seconds);
      if (route !== '/metrics' && route !== '/healthz' && route !== '/readyz') {
        log.debug({ method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 1000) }, 'http');
      }
    });
    next();
  };
}

function routeLabel(req: Request): string {
  const path = (req.route as { path?: string } | undefined)?.path;
  if (typeof path === 'string') return `${req.baseUrl}${path}`;
  return req.baseUrl || 'unmatched';
}
