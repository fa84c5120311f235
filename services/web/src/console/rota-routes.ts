import type { Request, Response, Router } from 'express';
import { CLINICIAN_ROLES, IsoDay, type RotaBody, type WeeklyRotaBody } from '@sluice/contracts';
import { addDays, formatDay, safeCapacity, weekday } from '@sluice/domain';
import { field, formBody } from '../pages';
import type { RouteDeps } from './deps';
import { notFound } from './guard';
import {
  parseRotaForm,
  ROLE_LABELS,
  rowsFromRota,
  SPARE_ROWS,
  withSpareRows,
  type FormError,
  type RotaRow,
} from './rota-form';

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;
type Weekday = (typeof WEEKDAYS)[number];
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** "Tuesday 1 December 2026": a rota date can be in any year. */
const dayYear = (day: IsoDay) => `${formatDay(day)} ${day.slice(0, 4)}`;
/** Days listed on the rota page: today and the next two weeks. */
const AHEAD = 14;

/** `/rota/monday` edits the weekly template's Monday; `/rota/2026-12-01` one date. Anything else: null. */
function target(param: string): { kind: 'weekday'; key: Weekday } | { kind: 'date'; day: IsoDay } | null {
  if ((WEEKDAYS as readonly string[]).includes(param)) return { kind: 'weekday', key: param as Weekday };
  const d = IsoDay.safeParse(param);
  return d.success ? { kind: 'date', day: d.data } : null;
}

/**
 * The rota pages: the weekly template (one weekday per form) and per-date overrides. Each form has a
 * "check" button that shows the safe capacity the rota would give without saving it (no JavaScript
 * needed), and the app script shows the same figure live as the manager types.
 */
export function rotaRoutes(r: Router, deps: RouteDeps): void {
  const { render, admin, signedIn, csrf, practice } = deps;

  r.get('/console/:ods/rota', signedIn, practice, async (req, res) => {
    const ods = res.locals.ods as string;
    const [weekly, config, today] = await Promise.all([
      admin.weeklyRota(ods),
      admin.config(ods),
      admin.serviceDay(ods),
    ]);
    const template = WEEKDAYS.map((key) => {
      const rota = weekly[key] ?? null;
      return {
        key,
        name: cap(key),
        clinicians: rota?.clinicians.length ?? 0,
        closed: rota?.closed ?? false,
        capacity: safeCapacity(rota, config),
      };
    });
    const days = [];
    for (let i = 0; i < AHEAD; i++) {
      const d = await admin.dayRota(ods, addDays(today, i));
      days.push({ ...d, label: formatDay(d.date), tomorrow: i === 1 });
    }
    const errorList = req.query['bad-date']
      ? [{ text: 'Enter a real date, for example 1 12 2026', href: '#pick-day' }]
      : [];
    render(res, 'console/rota.njk', { title: 'Rota', template, days, today, errorList });
  });

  // The "change another date" form is a GET with the NHS date input's three fields.
  r.get('/console/:ods/rota/pick', signedIn, practice, (req, res) => {
    const [d, m, y] = ['day', 'month', 'year'].map((k) => Number.parseInt(String(req.query[k] ?? ''), 10));
    const day = d && m && y ? `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` : '';
    if (!IsoDay.safeParse(day).success) return res.redirect(303, `${res.locals.base}/rota?bad-date=1`);
    res.redirect(303, `${res.locals.base}/rota/${day}`);
  });

  /** What makes a save risky: no safe capacity at all, a date already past, or closing today. */
  const riskyRota = async (
    ods: string,
    t: NonNullable<ReturnType<typeof target>>,
    rota: RotaBody,
  ): Promise<string[]> => {
    const risks: string[] = [];
    const today = await admin.serviceDay(ods);
    if (safeCapacity(rota, await admin.config(ods)).total === 0) {
      risks.push(
        t.kind === 'weekday'
          ? `Every ${cap(t.key)} without its own rota will have no safe capacity: the level is Black all day and online requests wait.`
          : 'This day will have no safe capacity: the level is Black all day and online requests wait.',
      );
    }
    if (t.kind === 'date' && t.day < today)
      risks.push(`${dayYear(t.day)} is in the past. Changing it changes the record of that day.`);
    if (t.kind === 'date' && t.day === today && rota.closed)
      risks.push('This closes the practice today. Online requests today will wait for the next working day.');
    return risks;
  };

  const page = async (
    res: Response,
    t: NonNullable<ReturnType<typeof target>>,
    form?: {
      rows: RotaRow[];
      closed: boolean;
      errors: FormError[];
      check?: RotaBody | null;
      focusRow?: number;
      spare?: number;
      risks?: string[];
    },
  ) => {
    const ods = res.locals.ods as string;
    const config = await admin.config(ods);
    let rota: RotaBody | null;
    let heading: string;
    let source = '';
    if (t.kind === 'weekday') {
      rota = (await admin.weeklyRota(ods))[t.key] ?? null;
      heading = `${cap(t.key)}s in your weekly rota`;
    } else {
      const d = await admin.dayRota(ods, t.day);
      rota = d.rota;
      heading = `Rota for ${dayYear(t.day)}`;
      source = d.dated ? 'date' : rota ? 'template' : weekday(t.day) > 5 ? 'weekend' : 'none';
    }
    const rows = withSpareRows(form?.rows ?? rowsFromRota(rota), form?.spare);
    const check = form?.check ? safeCapacity(form.check, config) : null;
    render(
      res,
      'console/rota-day.njk',
      {
        title: heading,
        back: { href: `${res.locals.base}/rota`, text: 'Back to rota' },
        target: t,
        rows,
        closed: form ? form.closed : (rota?.closed ?? false),
        current: safeCapacity(rota, config),
        check,
        source,
        errorList: form?.errors ?? [],
        risks: form?.risks ?? [],
        focusRow: form?.focusRow ?? -1,
        errorsByField: Object.fromEntries((form?.errors ?? []).map((e) => [e.href.slice(1), e.text])),
        roles: CLINICIAN_ROLES.map((value) => ({ value, text: ROLE_LABELS[value] })),
        roleContactsJson: JSON.stringify(config.roleContacts),
        urgentSharePct: config.urgentSharePct,
        adminAllowance: config.adminAllowance,
      },
      form?.errors.length ? 400 : 200,
    );
  };

  r.get('/console/:ods/rota/:target', signedIn, practice, async (req, res) => {
    const t = target(String(req.params.target));
    if (!t) return notFound(render, res);
    await page(res, t);
  });

  r.post('/console/:ods/rota/:target', formBody, signedIn, practice, csrf, async (req: Request, res: Response) => {
    const t = target(String(req.params.target));
    if (!t) return notFound(render, res);
    const ods = res.locals.ods as string;
    const form = parseRotaForm(req.body);
    const action = field(req.body, 'action');
    if (form.errors.length || !form.rota) return page(res, t, form);
    if (action === 'add-row') {
      // One more blank row than were sent, and focus on it (the page reloads without JavaScript).
      const spare = Math.max(SPARE_ROWS, (Number.parseInt(field(req.body, 'rows'), 10) || 0) - form.rows.length + 1);
      return page(res, t, { ...form, check: form.rota, spare, focusRow: form.rows.length + spare - 1 });
    }
    if (action === 'check') return page(res, t, { ...form, check: form.rota });
    // Saves that are easy to get wrong ask first: the same form, with the risks named and a second button.
    if (action !== 'save-confirmed') {
      const risks = await riskyRota(ods, t, form.rota);
      if (risks.length) return page(res, t, { ...form, check: form.rota, risks });
    }
    if (t.kind === 'weekday') {
      const weekly: WeeklyRotaBody = { ...(await admin.weeklyRota(ods)), [t.key]: form.rota };
      await admin.saveWeeklyRota(ods, weekly);
    } else {
      await admin.saveDayRota(ods, t.day, form.rota);
    }
    res.redirect(303, `${res.locals.base}/rota?done=rota-saved`);
  });
}
