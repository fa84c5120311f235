import { Router } from 'express';
import { pageSecurity, type Render } from './pages';

/** `/`: a page, not a JSON 404: patients go to their status page, staff to sign-in. */
export function createHomeRouter(deps: { render: Render; secure: boolean }): Router {
  const r = Router();
  r.get('/', pageSecurity({ secure: deps.secure }), (_req, res) => deps.render(res, 'home.njk', { title: 'Sluice' }));
  return r;
}
