import type { Router } from 'express';
import { MAX_PAUSE_DAYS } from '@sluice/contracts';
import { field, formBody } from '../pages';
import type { RouteDeps } from './deps';
import { parsePauseForm, type PauseValues } from './pause-form';
import type { FormError } from './rota-form';

/**
 * The exceptional-circumstances pause: a form (reason, named person, end), a confirmation page that
 * says what will happen, then the pause. Resume is one button, on every console page while paused.
 */
export function pauseRoutes(r: Router, deps: RouteDeps): void {
  const { render, admin, signedIn, csrf, practice } = deps;
  const blank: PauseValues = {
    reason: '',
    by: '',
    'until-day': '',
    'until-month': '',
    'until-year': '',
    'until-time': '',
  };

  const form = (res: Parameters<typeof render>[0], values: PauseValues, errors: FormError[] = []) =>
    render(
      res,
      'console/pause.njk',
      {
        title: 'Pause online requests',
        v: values,
        maxDays: MAX_PAUSE_DAYS,
        errorList: errors,
        errorsByField: Object.fromEntries(errors.map((e) => [e.href.slice(1), e.text])),
      },
      errors.length ? 400 : 200,
    );

  r.get('/console/:ods/pause', signedIn, practice, (_req, res) => form(res, blank));

  r.post('/console/:ods/pause', formBody, signedIn, practice, csrf, async (req, res) => {
    const ods = res.locals.ods as string;
    const { values, pause, errors } = parsePauseForm(req.body, admin.now());
    if (!pause) return form(res, values, errors);
    if (field(req.body, 'action') !== 'confirm') {
      return render(res, 'console/pause-confirm.njk', {
        title: 'Check before you pause online requests',
        v: values,
        pause,
        back: { href: `${res.locals.base}/pause`, text: 'Back' },
      });
    }
    const result = await admin.pause(ods, pause);
    if (!result.ok)
      return form(res, values, [{ text: 'The pause must end within 4 days and in the future', href: '#until-day' }]);
    res.redirect(303, `${res.locals.base}?done=paused`);
  });

  r.post('/console/:ods/resume', formBody, signedIn, practice, csrf, async (_req, res) => {
    await admin.resume(res.locals.ods as string);
    res.redirect(303, `${res.locals.base}?done=resumed`);
  });
}
