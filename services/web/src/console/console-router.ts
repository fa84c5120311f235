import { Router, type Response } from 'express';
import { authenticateKey } from '@sluice/practice-admin';
import type { Destination } from '@sluice/contracts';
import { DESTINATIONS } from '../status/status-view';
import { field, formBody, pageSecurity } from '../pages';
import type { Session } from '../session/session-store';
import { icbRoutes } from '../icb/icb-routes';
import { demandChart } from './chart';
import { notFound, practicePages, principalOf, requireCsrf, requireSignIn } from './guard';
import { formatInstant } from '@sluice/domain';
import { LEVEL_INFO, levelReason } from './levels';
import { pauseRoutes } from './pause-routes';
import { planRoutes } from './plan-routes';
import { rotaRoutes } from './rota-routes';
import { settingsRoutes } from './settings-routes';
import type { ConsoleDeps } from './deps';
import { createSignInThrottle } from './sign-in-throttle';
import { waitingRoutes } from './waiting-routes';

export type { ConsoleDeps, RouteDeps } from './deps';

/** Messages shown after a redirect (`?done=`): a fixed list, so the query string cannot put words on the page. */
const DONE: Record<string, string> = {
  'rota-saved': 'Rota saved. Safe capacity has been updated.',
  'settings-saved': 'Settings saved.',
  paused: 'Online requests are paused. Your integrated care board has been told.',
  resumed: 'Online requests have resumed.',
  'taken-on': 'Request taken on for today. The patient has been told.',
  'taken-on-over':
    "Request taken on for today, beyond safe capacity: it is on the duty clinician's list. The patient has been told.",
  cancelled: 'Request cancelled. The patient has been told why.',
};
/** A reference shown with a done message: only its fixed shape, so the query string cannot put words on the page. */
const REF = /^[0-9A-F]{4}-[0-9A-F]{4}$/;

/** Where to go after sign-in: only a page of this console, never another site. */
const safeNext = (next: string): string | null =>
  /^\/(console|icb)(\/[A-Za-z0-9/_?=&.-]*)?$/.test(next) ? next : null;

const LONDON_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const LONDON_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const londonTime = (d: Date): string => LONDON_TIME.format(d);
/** The London hour now if `day` is today; past days are complete (24), a later service day has no hours yet (-1). */
function londonHour(d: Date, day: string): number {
  const today = LONDON_DAY.format(d);
  if (day < today) return 24;
  if (day > today) return -1;
  return Number(londonTime(d).slice(0, 2));
}

/** "999: 1, NHS 111 online: 2", biggest first, or "None". */
function sentElsewhere(counts: Partial<Record<Destination, number>>): string {
  const rows = (Object.entries(counts) as [Destination, number][]).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  return rows.length ? rows.map(([d, n]) => `${DESTINATIONS[d].name}: ${n}`).join(', ') : 'None';
}

/**
 * The practice console and the ICB overview (capacity role): sign in with a Sluice key, then pages that
 * call the same practice-admin functions as the JSON admin API. Never calls Sluice's own HTTP API.
 */
export function createConsoleRouter(deps: ConsoleDeps): Router {
  const r = Router();
  const { render, sessions, admin } = deps;
  const throttle = deps.signInThrottle ?? createSignInThrottle();
  const signedIn = requireSignIn(render);
  const csrf = requireCsrf(render);
  const practice = practicePages(render, admin);

  r.use(['/sign-in', '/sign-out', '/console', '/icb'], pageSecurity({ secure: deps.secure }), sessions.load);
  r.use(['/sign-in', '/sign-out', '/console', '/icb'], (req, res, next) => {
    const p = principalOf(res);
    res.locals.accountLabel = p
      ? p.role === 'operator'
        ? 'Integrated care board'
        : `Practice ${p.practice}`
      : undefined;
    const done = DONE[String(req.query.done ?? '')];
    const ref = String(req.query.ref ?? '');
    res.locals.done = done && REF.test(ref) ? `${done.replace(/^Request /, `Request ${ref} `)}` : done;
    next();
  });

  const home = (res: Response) => {
    const p = principalOf(res);
    return p?.role === 'practice' ? `/console/${p.practice}` : '/icb';
  };

  r.get('/sign-in', async (req, res) => {
    if (principalOf(res)) return res.redirect(303, home(res));
    const session = await sessions.ensure(req, res);
    render(res, 'sign-in.njk', {
      title: 'Sign in',
      session,
      next: safeNext(String(req.query.next ?? '')) ?? '',
      errors: {},
    });
  });

  // The sign-in form is CSRF-protected too (by its pre-session), so no other site can sign a browser in.
  r.post('/sign-in', formBody, csrf, async (req, res) => {
    const previous = res.locals.session as Session | null;
    const next = safeNext(field(req.body, 'next')) ?? '';
    const refuse = (message: string, status: number) =>
      render(
        res,
        'sign-in.njk',
        { title: 'Sign in', next, errors: { key: message }, errorList: [{ text: message, href: '#key' }] },
        status,
      );
    // The source is the peer address: Sluice trusts no forwarded header (a proxy in front is one source).
    const source = req.socket.remoteAddress ?? 'unknown';
    const wait = await throttle.blockedFor(source);
    if (wait > 0) {
      deps.log.warn({ retryAfterSeconds: wait }, 'console sign-in refused: too many failed attempts');
      res.setHeader('Retry-After', String(wait));
      return refuse(`Too many attempts to sign in. Try again in ${Math.ceil(wait / 60)} minutes.`, 429);
    }
    const principal = await authenticateKey(field(req.body, 'key'), deps.operatorKey, deps.repo);
    if (!principal) {
      const { failures, delayMs } = await throttle.failed(source);
      deps.log.warn({ failures, delayMs }, 'console sign-in failed: the key was not valid');
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return refuse('Enter a valid Sluice key', 401);
    }
    await throttle.succeeded(source);
    await sessions.signIn(res, principal, previous);
    deps.log.info(
      { role: principal.role, practice: principal.role === 'practice' ? principal.practice : undefined },
      'console sign-in',
    );
    res.redirect(303, next || home(res));
  });

  r.post('/sign-out', formBody, csrf, async (_req, res) => {
    await sessions.signOut(res, res.locals.session as Session | null);
    res.redirect(303, '/sign-in');
  });

  r.get('/console', signedIn, (_req, res) => res.redirect(303, home(res)));

  r.get('/console/:ods', signedIn, practice, async (_req, res) => {
    const ods = res.locals.ods as string;
    const [state, config] = await Promise.all([admin.state(ods), admin.config(ods)]);
    const demand = await deps.store.demandByHour(ods, state.day);
    const now = admin.now();
    const safe = state.shares.routine.safe + state.shares.urgent.safe;
    const names = { routine: 'Routine', urgent: 'Urgent (held back for same-day need)', admin: 'Admin' } as const;
    const shares = (['routine', 'urgent', 'admin'] as const).map((k) => ({
      name: names[k],
      // Strings: nhsuk-frontend's table macro leaves a cell empty for a falsy value such as 0.
      used: String(state.shares[k].used),
      safe: String(state.shares[k].safe),
      left: String(Math.max(0, state.shares[k].safe - state.shares[k].used)),
    }));
    render(res, 'console/today.njk', {
      title: 'Today at a glance',
      state,
      shares,
      level: LEVEL_INFO[state.level],
      reason: levelReason(state, config.thresholds, formatInstant),
      sentElsewhere: sentElsewhere(demand.redirected),
      updatedAt: now.toISOString(),
      updatedTime: londonTime(now),
      chart: demandChart(demand, safe, londonHour(now, state.day)),
    });
  });

  waitingRoutes(r, { ...deps, signedIn, csrf, practice });
  rotaRoutes(r, { ...deps, signedIn, csrf, practice });
  settingsRoutes(r, { ...deps, signedIn, csrf, practice });
  pauseRoutes(r, { ...deps, signedIn, csrf, practice });
  if (deps.planning) planRoutes(r, { ...deps, signedIn, csrf, practice, planning: deps.planning });
  icbRoutes(r, { ...deps, signedIn, csrf, practice });

  // Anything else under /console is a page that does not exist: say so as a page, not as JSON.
  r.use('/console', signedIn, (_req, res) => notFound(render, res));
  r.use('/icb', signedIn, (_req, res) => notFound(render, res));
  return r;
}
