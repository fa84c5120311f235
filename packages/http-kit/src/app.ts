import { STATUS_CODES } from 'node:http';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { problem, MAX_BODY_BYTES, type Problem } from '@sluice/contracts';
import { httpObservability, type Logger, type Metrics } from '@sluice/observability';
import { HttpProblem, internalError, logUnhandled, malformedJson, sendProblem } from './problem';

export interface ReadinessCheck {
  name: string;
  check: () => Promise<boolean>;
}

export interface HttpAppOptions {
  service: string;
  metrics: Metrics;
  log: Logger;
  readiness: ReadinessCheck[];
  /** Served behind TLS (SLUICE_SECURE_COOKIES): only then is HSTS sent. */
  tls?: boolean;
  /** A check that has not answered in this long counts as failed (default 2 s): a probe must not hang. */
  readinessTimeoutMs?: number;
}

/**
 * An express app with what every Sluice service needs before its own routes: security headers,
 * RED metrics, a JSON body parser with a size limit, /healthz, /readyz and /metrics. Call
 * `finishHttpApp` after mounting routes to add the 404 and error handlers.
 */
/**
 * Helmet's headers as Sluice sends them, on both stacks: HSTS only when served behind TLS (over plain
 * HTTP it would tell a browser to insist on TLS the server does not have), and one frame protection,
 * the CSP's frame-ancestors (X-Frame-Options is its older duplicate).
 */
export function helmetOptions(tls: boolean): Parameters<typeof helmet>[0] {
  return {
    strictTransportSecurity: tls ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    xFrameOptions: false,
  };
}

export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  // No ETag on answers: they are JSON written per request (a status, a decision) or pages with a CSRF
  // token, never worth a conditional GET; it also keeps the fast path's answers the same as express's.
  // Static assets keep serve-static's own ETag and Last-Modified.
  app.set('etag', false);
  app.use(helmet(helmetOptions(options.tls ?? false)));
  app.use(httpObservability(options.service, options.metrics, options.log));
  app.use(express.json({ limit: MAX_BODY_BYTES, type: ['application/json', 'application/*+json'] }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: options.service });
  });
  const timeoutMs = options.readinessTimeoutMs ?? 2000;
  const readiness = () =>
    Promise.all(options.readiness.map(async (r) => [r.name, await withTimeout(r.check(), timeoutMs)] as const));
  app.get('/readyz', async (_req, res) => {
    const results = await readiness();
    const ready = results.every(([, ok]) => ok);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not-ready', checks: Object.fromEntries(results) });
  });
  // Prometheus scrapes /metrics, not /readyz: each scrape runs the same checks into sluice_ready{check},
  // so "up but not ready" (a broker or store unreachable) can alert.
  app.get('/metrics', async (_req, res) => {
    for (const [check, ok] of await readiness()) options.metrics.ready.set({ check }, ok ? 1 : 0);
    res.type(options.metrics.registry.contentType).send(await options.metrics.registry.metrics());
  });
  return app;
}

function withTimeout(check: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([check.catch(() => false), late]).finally(() => clearTimeout(timer));
}

/** Methods with a body must send JSON; anything else is refused before a handler sees it. */
export function requireJson(req: Request, res: Response, next: NextFunction): void {
  if (!req.is(['application/json', 'application/*+json'])) {
    sendProblem(res, problem(415, 'Unsupported media type', 'Send the body as application/json.'));
    return;
  }
  next();
}

/**
 * A 4xx raised by middleware rather than a route (serve-static's missing file, a malformed path
 * escape), titled for what it is: a missing stylesheet is "Not found", not "Bad request".
 */
function clientError(status: number, req: Request): Problem {
  if (status === 404) return problem(404, 'Not found', `Nothing is at ${req.method} ${req.path}.`);
  const name = STATUS_CODES[status];
  const title = name ? `${name.charAt(0)}${name.slice(1).toLowerCase()}` : 'Bad request';
  return problem(status, title, 'The request could not be read.');
}

export function finishHttpApp(app: Express, log: Logger): void {
  app.use((req, res) => {
    sendProblem(res, problem(404, 'Not found', `Nothing is at ${req.method} ${req.path}.`));
  });
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof HttpProblem) return sendProblem(res, err.problem);
    const e = err as { type?: string; status?: number; message?: string };
    if (e.type === 'entity.too.large')
      return sendProblem(
        res,
        problem(413, 'Request body too large', `The largest body taken is ${MAX_BODY_BYTES} bytes.`),
      );
    if (e.type === 'entity.parse.failed') return sendProblem(res, malformedJson());
    if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported')
      return sendProblem(res, problem(415, 'Unsupported encoding', 'Send UTF-8 JSON.'));
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500)
      return sendProblem(res, clientError(e.status, req));
    logUnhandled(log, err);
    if (res.headersSent) return;
    sendProblem(res, internalError());
  });
}
