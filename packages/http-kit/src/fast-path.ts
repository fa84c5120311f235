import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Express, RequestHandler } from 'express';
import helmet from 'helmet';
import { MAX_BODY_BYTES } from '@sluice/contracts';
import type { Logger, Metrics } from '@sluice/observability';
import { helmetOptions } from './app';
import { internalError, logUnhandled, malformedJson } from './problem';
import { problemReply, sendReply, type HttpReply } from './reply';

/** The request as a route sees it: path parameters in order, headers (lower-case names), the parsed body. */
export interface RouteRequest {
  params: string[];
  header(name: string): string | undefined;
  body: unknown;
}

/** A JSON route that can be served on the fast path as well as through express. */
export interface FastRoute {
  method: 'POST';
  /** The route's express pattern, also its metrics label (e.g. `/v1/practices/:ods/requests`). */
  path: string;
  handle(req: RouteRequest): Promise<HttpReply>;
}

/** The route as an express handler (params in the pattern's order). */
export function expressRoute(route: FastRoute): RequestHandler {
  const names = paramNames(route.path);
  return (req, res, next) => {
    route
      .handle({
        params: names.map((n) => String(req.params[n] ?? '')),
        header: (name) => req.get(name),
        body: req.body,
      })
      .then((reply) => sendReply(res, reply))
      .catch(next);
  };
}

const paramNames = (path: string): string[] => [...path.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1]!);

function patternOf(path: string): RegExp {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z_]+/g, '([^/?#]+)');
  return new RegExp(`^${escaped}$`);
}

/** The security headers helmet sets, read once from helmet itself, so the fast path sends exactly the same. */
function helmetHeaders(tls: boolean): [string, string][] {
  const headers = new Map<string, string>();
  const res = {
    setHeader: (k: string, v: string | number | string[]) =>
      void headers.set(k, Array.isArray(v) ? v.join(', ') : String(v)),
    removeHeader: (k: string) => void headers.delete(k),
    getHeader: (k: string) => headers.get(k),
  };
  let done = false;
  helmet(helmetOptions(tls))({ headers: {}, method: 'POST', url: '/' } as never, res as never, () => {
    done = true;
  });
  if (!done) throw new Error('helmet did not call next synchronously: the fast path cannot copy its headers');
  return [...headers];
}

export interface FastPathOptions {
  service: string;
  metrics: Metrics;
  log: Logger;
  /** Routes served on the fast path; may be added to after the server is listening. */
  routes: FastRoute[];
  /** Served behind TLS: the same as the express app's option (HSTS only then). */
  tls?: boolean;
  /** While false every request goes to express (its start-up gate answers them). */
  open: () => boolean;
}

const JSON_TYPES = new Set(['application/json', 'application/json; charset=utf-8', 'application/json;charset=utf-8']);

/**
 * The node:http listener: the common shape of a fast route's request — the route's method and exact
 * path, a JSON body of declared length within the limit, no content encoding — is read, parsed and
 * answered here, without express's per-request work (prototype swaps, the middleware stack, helmet's
 * dozen calls); everything else, however unusual, goes to express, which has the full body-parser and
 * error handling. Both end in the route's one handler. Express costs more than all of intake's own work
 * (docs/performance.md); this keeps it for every other route.
 */
export function createFastListener(app: Express, o: FastPathOptions): RequestListener {
  const security = helmetHeaders(o.tls ?? false);
  const compiled = new Map<FastRoute, RegExp>();
  const requests = new Map<string, ReturnType<Metrics['httpRequests']['labels']>>();
  const durations = new Map<string, ReturnType<Metrics['httpDuration']['labels']>>();
  const counter = (route: string, status: number) => {
    const k = `${route} ${status}`;
    let c = requests.get(k);
    if (!c)
      requests.set(
        k,
        (c = o.metrics.httpRequests.labels({ service: o.service, method: 'POST', route, status: String(status) })),
      );
    return c;
  };
  const timer = (route: string) => {
    let h = durations.get(route);
    if (!h) durations.set(route, (h = o.metrics.httpDuration.labels({ service: o.service, method: 'POST', route })));
    return h;
  };

  const match = (req: IncomingMessage): { route: FastRoute; params: string[] } | null => {
    if (req.method !== 'POST' || !o.open()) return null;
    const type = req.headers['content-type'];
    const length = req.headers['content-length'];
    // A declared, non-empty length within the limit (an empty body is body-parser's `{}`: express's to read).
    if (
      type === undefined ||
      !JSON_TYPES.has(type.toLowerCase()) ||
      length === undefined ||
      !(Number(length) > 0 && Number(length) <= MAX_BODY_BYTES)
    )
      return null;
    const encoding = req.headers['content-encoding'];
    if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return null;
    for (const route of o.routes) {
      let re = compiled.get(route);
      if (!re) compiled.set(route, (re = patternOf(route.path)));
      const m = re.exec(req.url ?? '');
      if (!m) continue;
      const params = m.slice(1).map(decodeParam);
      // A malformed escape is express's to refuse (its 400), as for any other route.
      return params.includes(null) ? null : { route, params: params as string[] };
    }
    return null;
  };

  const write = (res: ServerResponse, route: string, start: bigint, reply: HttpReply) => {
    const text = JSON.stringify(reply.body);
    for (const [k, v] of security) res.setHeader(k, v);
    if (reply.headers) for (const [k, v] of Object.entries(reply.headers)) res.setHeader(k, v);
    res.setHeader(
      'Content-Type',
      reply.problem ? 'application/problem+json; charset=utf-8' : 'application/json; charset=utf-8',
    );
    res.setHeader('Content-Length', Buffer.byteLength(text));
    res.statusCode = reply.status;
    res.end(text);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    counter(route, reply.status).inc();
    timer(route).observe(seconds);
    o.log.debug({ method: 'POST', route, status: reply.status, ms: Math.round(seconds * 1000) }, 'http');
  };

  return (req, res) => {
    const hit = match(req);
    if (!hit) return void app(req, res);
    const start = process.hrtime.bigint();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = undefined;
      }
      // body-parser's strict mode: only an object or an array is a JSON body.
      if (body === null || typeof body !== 'object') {
        return write(res, hit.route.path, start, problemReply(malformedJson()));
      }
      const failed = (err: unknown) => logUnhandled(o.log, err, { route: hit.route.path });
      hit.route
        .handle({ params: hit.params, header: (name) => headerOf(req, name), body })
        .then(
          (reply) => write(res, hit.route.path, start, reply),
          (err: unknown) => {
            failed(err);
            write(res, hit.route.path, start, problemReply(internalError()));
          },
        )
        // Writing the answer failed (a reply that will not serialise, a socket gone): never an unhandled
        // rejection, which would end the process. A 500 as express would answer, or, once the head is out,
        // the connection closed.
        .catch((err: unknown) => {
          failed(err);
          if (res.headersSent) return void res.destroy();
          try {
            write(res, hit.route.path, start, problemReply(internalError()));
          } catch {
            res.destroy();
          }
        });
    });
  };
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(', ') : v;
}

/** As express decodes a path parameter; null for a malformed escape. */
function decodeParam(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}
