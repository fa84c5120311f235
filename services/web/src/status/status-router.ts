import { Router } from 'express';
import type { StatusReader } from '@sluice/intake';
import { pageSecurity, type Render } from '../pages';
import { statusView } from './status-view';

const FOOTER = 'This page shows the progress of a request you sent to your GP practice. It shows no personal details.';

export interface StatusPageDeps {
  readStatus: StatusReader;
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
    deps.render(res, 'status/not-found.njk', { title: 'We cannot find this request', serviceName: 'Your GP request', footerText: FOOTER }, 404);

  r.get('/status/:id', async (req, res) => {
    const doc = await deps.readStatus(String(req.params.id));
    if (!doc) return notFound(res);
    const view = statusView(doc);
    deps.render(res, 'status/status.njk', { title: view.heading, view, doc, serviceName: 'Your GP request', footerText: FOOTER });
  });
  r.get(['/status', '/status/'], (_req, res) => notFound(res));
  return r;
}
