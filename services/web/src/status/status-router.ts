import { Router } from 'express';
import type { StatusReader } from '@sluice/request-ledger';
import { pageSecurity, type Render } from '../pages';
import { statusView, type PracticeFacts } from './status-view';

const FOOTER = 'This page shows the progress of a request you sent to your GP practice. It shows no personal details.';

export interface StatusPageDeps {
  readStatus: StatusReader;
  /** The practice's name, phone and whether it is paused now (its settings); without it, generic words. */
  practiceFacts?: (ods: string) => Promise<PracticeFacts>;
  now?: () => Date;
  render: Render;
  secure: boolean;
}

/**
 * `/status/{id}`: the page a patient's message links to (intake role: it reads the same status
 * read-model as `GET /v1/requests/{id}`). No sign-in: the unguessable request id is the only key, and
 * the page shows nothing personal. A malformed or unknown id gets the same friendly 404, so the page
 * says nothing about which ids exist.
 */
export function createStatusPageRouter(deps: StatusPageDeps): Router {
  const r = Router();
  r.use('/status', pageSecurity({ secure: deps.secure }), (_req, res, next) => {
    // The id in the address is the key to this page: never send it on to another site.
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Robots-Tag', 'noindex');
    next();
  });
  const notFound = (res: Parameters<Render>[0]) =>
    deps.render(
      res,
      'status/not-found.njk',
      { title: 'We cannot find this request', serviceName: 'Your GP request', footerText: FOOTER },
      404,
    );

  r.get('/status/:id', async (req, res) => {
    const doc = await deps.readStatus(String(req.params.id));
    if (!doc) return notFound(res);
    const practice = deps.practiceFacts ? await deps.practiceFacts(doc.practice) : undefined;
    const view = statusView(doc, practice, deps.now?.() ?? new Date());
    deps.render(res, 'status/status.njk', {
      title: view.heading,
      view,
      doc,
      serviceName: 'Your GP request',
      footerText: FOOTER,
    });
  });
  // The home page's lookup form: a well-formed id goes to its page (which says "not found" like any other).
  r.get(['/status', '/status/'], (req, res) => {
    const id = String(req.query.id ?? '')
      .trim()
      .toLowerCase();
    if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id))
      return res.redirect(303, `/status/${id}`);
    notFound(res);
  });
  return r;
}
