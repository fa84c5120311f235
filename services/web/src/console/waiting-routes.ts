import type { Response, Router } from 'express';
import { CANCEL_REASONS, CancelReason, RequestId, requestReference } from '@sluice/contracts';
import type { ActOnResult, WaitingItem } from '@sluice/practice-admin';
import { field, formBody } from '../pages';
import type { RouteDeps } from './deps';
import { notFound } from './guard';

/** What staff pick from when they cancel; the patient reads the same words ("because …"). */
const REASON_LABELS: Record<CancelReason, string> = {
  'dealt-with': 'Already dealt with',
  duplicate: 'Sent more than once',
  'spoken-to': 'Spoken to the patient another way',
  'patient-asked': 'The patient asked to cancel',
  'wrong-practice': 'Not registered with this practice',
};

const KIND = (i: WaitingItem): string =>
  `${i.kind === 'admin' ? 'Admin' : 'Clinical'}, ${i.urgency === 'urgent' ? 'urgent' : 'routine'}`;

/**
 * `/console/{ods}/waiting`: every queued request in order, with *take on now* and *cancel* (with a
 * reason the patient is told). Both call the same practice-admin functions as the JSON API.
 */
export function waitingRoutes(r: Router, deps: RouteDeps): void {
  const { render, admin, signedIn, csrf, practice } = deps;

  const refused = (res: Response, result: Exclude<ActOnResult, { ok: true }>) =>
    result.status === 404
      ? notFound(render, res)
      : render(
          res,
          'error.njk',
          {
            title: 'This request is no longer waiting',
            paragraphs: [`It has been ${result.outcome} already, perhaps by someone else.`],
            link: { href: `${res.locals.base}/waiting`, text: 'Go back to the waiting list' },
          },
          409,
        );

  r.get('/console/:ods/waiting', signedIn, practice, async (_req, res) => {
    const ods = res.locals.ods as string;
    const [{ day, items }, state] = await Promise.all([admin.waiting(ods), admin.state(ods)]);
    const full = state.shares.routine.used >= state.shares.routine.safe;
    render(res, 'console/waiting.njk', {
      title: 'Waiting list',
      day,
      full,
      items: items.map((i) => ({ ...i, kindText: KIND(i) })),
      readOnly: res.locals.readOnly === true,
    });
  });

  r.post('/console/:ods/waiting/:id/take-on', formBody, signedIn, practice, csrf, async (req, res) => {
    const id = RequestId.safeParse(req.params.id);
    if (!id.success) return notFound(render, res);
    const result = await admin.promote(res.locals.ods as string, id.data);
    if (!result.ok) return refused(res, result);
    res.redirect(
      303,
      `${res.locals.base}/waiting?done=${result.overbooked ? 'taken-on-over' : 'taken-on'}&ref=${requestReference(id.data)}`,
    );
  });

  const cancelPage = (res: Response, id: string, error?: string) =>
    render(
      res,
      'console/waiting-cancel.njk',
      {
        title: `Cancel request ${requestReference(id)}`,
        id,
        reference: requestReference(id),
        back: { href: `${res.locals.base}/waiting`, text: 'Back to the waiting list' },
        reasons: CancelReason.options.map((value) => ({
          value,
          text: REASON_LABELS[value],
          hint: { text: `The patient is told: "because ${CANCEL_REASONS[value]}".` },
        })),
        ...(error ? { errorList: [{ text: error, href: '#reason' }], error } : {}),
      },
      error ? 400 : 200,
    );

  r.get('/console/:ods/waiting/:id/cancel', signedIn, practice, (req, res) => {
    const id = RequestId.safeParse(req.params.id);
    if (!id.success) return notFound(render, res);
    cancelPage(res, id.data);
  });

  r.post('/console/:ods/waiting/:id/cancel', formBody, signedIn, practice, csrf, async (req, res) => {
    const id = RequestId.safeParse(req.params.id);
    if (!id.success) return notFound(render, res);
    const reason = CancelReason.safeParse(field(req.body, 'reason'));
    if (!reason.success) return cancelPage(res, id.data, 'Select why you are cancelling this request');
    const result = await admin.cancel(res.locals.ods as string, id.data, reason.data);
    if (!result.ok) return refused(res, result);
    res.redirect(303, `${res.locals.base}/waiting?done=cancelled&ref=${requestReference(id.data)}`);
  });
}
