import type { Router } from 'express';
import { CLINICIAN_ROLES, POLICY_PROFILES } from '@sluice/contracts';
import { formBody } from '../pages';
import type { RouteDeps } from './deps';
import { ROLE_LABELS } from './rota-form';
import { parseSettingsForm, SIGNPOST_LABELS, valuesFromConfig, type SettingsValues } from './settings-form';
import type { FormError } from './rota-form';

const POLICY_TEXT: Record<(typeof POLICY_PROFILES)[number], { label: string; hint: string }> = {
  'gms-contract-2025': {
    label: 'GMS contract 2025',
    hint: 'Open all core hours. Requests beyond safe capacity wait for the duty clinician or the next day with room; none are sent to NHS 111 in core hours.',
  },
  'bma-safe-working': {
    label: 'BMA safe working',
    hint: 'Beyond safe capacity, routine requests wait or are signposted; urgent requests beyond the urgent share go to NHS 111. Protected cohorts are never signposted away.',
  },
};

/** The practice's rules: policy, thresholds, shares, out-of-hours, signposting and protected cohorts. */
export function settingsRoutes(r: Router, deps: RouteDeps): void {
  const { render, admin, signedIn, csrf, practice } = deps;

  const page = (res: Parameters<typeof render>[0], values: SettingsValues, errors: FormError[] = []) =>
    render(
      res,
      'console/settings.njk',
      {
        title: 'Settings',
        v: values,
        errorList: errors,
        errorsByField: Object.fromEntries(errors.map((e) => [e.href.slice(1), e.text])),
        policies: POLICY_PROFILES.map((value) => ({
          value,
          text: POLICY_TEXT[value].label,
          hint: { text: POLICY_TEXT[value].hint },
          checked: values.policy === value,
        })),
        signposts: Object.entries(SIGNPOST_LABELS).map(([value, text]) => ({ value, text })),
        roles: CLINICIAN_ROLES.map((value) => ({ value, text: ROLE_LABELS[value] })),
      },
      errors.length ? 400 : 200,
    );

  r.get('/console/:ods/settings', signedIn, practice, async (_req, res) => {
    page(res, valuesFromConfig(await admin.config(res.locals.ods as string)));
  });

  r.post('/console/:ods/settings', formBody, signedIn, practice, csrf, async (req, res) => {
    const ods = res.locals.ods as string;
    const { values, config, errors } = parseSettingsForm(req.body, await admin.config(ods));
    if (!config) return page(res, values, errors);
    await admin.saveConfig(ods, config);
    res.redirect(303, `${res.locals.base}/settings?done=settings-saved`);
  });
}
