import { randomBytes } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import nunjucks from 'nunjucks';
import { formatDay, formatInstant } from '@sluice/domain';
import { NHSUK_DIST, VIEWS } from './assets';

/** One nunjucks environment for every page: our views first, then nhsuk-frontend's macros. */
export function createViews(): nunjucks.Environment {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([VIEWS, NHSUK_DIST], { noCache: false }), {
    autoescape: true,
    throwOnUndefined: false,
  });
  env.addFilter('day', (d: string) => (d ? formatDay(d) : ''));
  env.addFilter('instant', (i: string) => (i ? formatInstant(i) : ''));
  env.addFilter('plural', (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`);
  return env;
}

/**
 * A strict Content-Security-Policy for HTML pages: scripts only from this server or carrying this
 * response's nonce (nhsuk-frontend's template sets `js-enabled` with one tiny inline script), styles
 * and everything else only from this server, no framing, forms post only here. It replaces helmet's
 * default policy, which allows inline styles.
 */
export function pageSecurity(options: { secure: boolean }) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const nonce = randomBytes(16).toString('base64');
    res.locals.cspNonce = nonce;
    const directives = [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "object-src 'none'",
      ...(options.secure ? ['upgrade-insecure-requests'] : []),
    ];
    res.setHeader('Content-Security-Policy', directives.join('; '));
    // Pages can show a practice's state: never from a shared cache, never from history after sign-out.
    res.setHeader('Cache-Control', 'no-store');
    next();
  };
}

/** Form bodies for page routes only (the JSON API never takes them). */
export const formBody = express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 400 });

/** A form field as one string: absent → '', repeated → the first. */
export function field(body: unknown, name: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s.trim() : '';
}

export type Render = (res: Response, view: string, context?: Record<string, unknown>, status?: number) => void;

export function createRender(env: nunjucks.Environment): Render {
  return (res, view, context = {}, status = 200) => {
    const html = env.render(view, { ...res.locals, ...context });
    res.status(status).type('html').send(html);
  };
}
