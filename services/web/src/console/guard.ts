import type { NextFunction, Request, Response } from 'express';
import { canReach, type PracticeAdmin, type Principal } from '@sluice/practice-admin';
import { OdsCode, PracticeConfig } from '@sluice/contracts';
import type { Render } from '../pages';
import { validCsrf } from '../session/sessions';
import type { Session } from '../session/session-store';

const NAV = [
  { key: 'today', text: 'Today', path: '' },
  { key: 'waiting', text: 'Waiting list', path: '/waiting' },
  { key: 'rota', text: 'Rota', path: '/rota' },
  { key: 'plan', text: 'Plan', path: '/plan' },
  { key: 'settings', text: 'Settings', path: '/settings' },
  { key: 'pause', text: 'Pause', path: '/pause' },
] as const;

const DEFAULT_NAME = PracticeConfig.parse({}).name;
/** "Riverside Surgery (A81001)"; until the practice names itself, "Practice A81001" rather than the patients' default wording. */
export const practiceLabel = (ods: string, name: string): string =>
  name === DEFAULT_NAME ? `Practice ${ods}` : `${name} (${ods})`;

export const principalOf = (res: Response): Principal | null =>
  (res.locals.session as Session | null)?.principal ?? null;

export function forbidden(render: Render, res: Response, detail = 'You are signed in to a different practice.'): void {
  render(
    res,
    'error.njk',
    { title: 'You cannot see this page', paragraphs: [detail], link: { href: '/console', text: 'Go to your console' } },
    403,
  );
}

export function notFound(render: Render, res: Response): void {
  render(
    res,
    'error.njk',
    {
      title: 'Page not found',
      paragraphs: ['If you typed the web address, check it is correct.'],
      link: { href: '/console', text: 'Go to your console' },
    },
    404,
  );
}

/** Pages need a signed-in session: a GET goes to the sign-in page (and back afterwards); anything else is refused. */
export function requireSignIn(render: Render) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (principalOf(res)) return next();
    if (req.method === 'GET') return res.redirect(303, `/sign-in?next=${encodeURIComponent(req.originalUrl)}`);
    forbidden(render, res, 'Your session has ended. Sign in again.');
  };
}

/** Every POST must carry the session's synchronizer token. */
export function requireCsrf(render: Render) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (validCsrf(req, res.locals.session as Session | null)) return next();
    render(
      res,
      'error.njk',
      {
        title: 'This form has expired',
        paragraphs: ['For your security, the form could not be sent. Go back, reload the page and try again.'],
        link: { href: '/console', text: 'Go to your console' },
      },
      403,
    );
  };
}

/**
 * `/console/:ods/…`: the practice code must be valid and reachable by the session (its own practice,
 * or any for the operator); then the page context every console page shows (name, nav, pause banner).
 */
export function practicePages(render: Render, admin: PracticeAdmin) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const ods = OdsCode.safeParse(req.params.ods);
      if (!ods.success) return notFound(render, res);
      const principal = principalOf(res)!;
      if (!canReach(principal, ods.data)) return forbidden(render, res);
      const ctx = await admin.load(ods.data);
      const base = `/console/${ods.data}`;
      const section = /^\/console\/[^/]+\/([a-z]+)/.exec(req.path)?.[1] ?? 'today';
      Object.assign(res.locals, {
        ods: ods.data,
        base,
        // Until the practice names itself, show its code rather than the patients' default wording.
        practiceLabel: practiceLabel(ods.data, ctx.settings.config.name),
        paused: ctx.activePause(admin.now()),
        homeHref: base,
        nav: NAV.map((n) => ({ href: base + n.path, text: n.text, current: n.key === section })),
      });
      next();
    } catch (e) {
      next(e);
    }
  };
}
