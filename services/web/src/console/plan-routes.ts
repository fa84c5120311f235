import type { Router } from 'express';
import { z } from 'zod';
import { IsoDay, POLICY_PROFILES, type RotaBody } from '@sluice/contracts';
import type { PlannedDay, Planning } from '@sluice/practice-admin';
import type { RouteDeps } from './deps';
import { LEVEL_INFO } from './levels';
import { planChart } from './plan-chart';

const weekdayName = new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'Europe/London' });
const dateWithYear = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});
/** "Monday 30 November 2026": the year too, as a plan can reach into next year. */
const dayLabel = (day: string) => {
  const noon = new Date(`${day}T12:00:00Z`);
  return `${weekdayName.format(noon)} ${dateWithYear.format(noon)}`;
};

const WhatIfQuery = z.object({
  date: IsoDay,
  extra: z.coerce.number().int().min(-500).max(500).default(0),
  policy: z.enum(POLICY_PROFILES).optional(),
});

/** The rota with `extra` contacts added (as extra sessions of at most 25) or taken away (from the last clinicians first). */
function adjusted(
  rota: RotaBody | null,
  extra: number,
  roleContacts: (role: RotaBody['clinicians'][number]['role']) => number,
): RotaBody {
  const clinicians = (rota?.clinicians ?? []).map((c) => ({ ...c, contacts: c.contacts ?? roleContacts(c.role) }));
  for (let left = extra, i = 1; left > 0; left -= 25, i++)
    clinicians.push({ id: `what-if-${i}`, role: 'GP', contacts: Math.min(25, left) });
  for (let cut = -extra, i = clinicians.length - 1; cut > 0 && i >= 0; i--) {
    const take = Math.min(cut, clinicians[i]!.contacts);
    clinicians[i]!.contacts -= take;
    cut -= take;
  }
  return { clinicians };
}

function dayRow(d: PlannedDay) {
  const level = d.levels ? LEVEL_INFO[d.levels.endLevel] : null;
  return {
    date: d.date,
    label: dayLabel(d.date),
    expected: d.expected === null ? 'No forecast' : String(Math.round(d.expected)),
    range: d.low === null || d.high === null ? '' : `${Math.round(d.low)} to ${Math.round(d.high)}`,
    safe: String(d.capacity.routine + d.capacity.urgent),
    red: d.levels ? (d.levels.reach.RED ?? 'Not expected') : '',
    level,
    extra: d.suggestion
      ? d.suggestion.extraContacts === 0
        ? 'None needed'
        : `Add ${d.suggestion.extraContacts} contacts`
      : '',
  };
}

/** The Plan page: the next five working days' forecast against the rota, and a what-if of any past day. */
export function planRoutes(r: Router, deps: RouteDeps & { planning: Planning }): void {
  const { render, signedIn, practice, planning, admin } = deps;

  r.get('/console/:ods/plan', signedIn, practice, async (req, res) => {
    const ods = res.locals.ods as string;
    const forecast = await planning.forecast(ods, undefined, 5);
    const selected = forecast.days.find((d) => d.date === req.query.day) ?? forecast.days[0]!;
    const chart = planChart(selected);
    let whatIf: Record<string, unknown> | null = null;
    let whatIfErrors: { text: string; href: string }[] = [];
    const asked = req.query.date !== undefined;
    const form = {
      date: String(req.query.date ?? ''),
      extra: String(req.query.extra ?? '0'),
      policy: String(req.query.policy ?? ''),
    };
    if (asked) {
      const q = WhatIfQuery.safeParse({
        date: req.query.date,
        extra: req.query.extra || 0,
        policy: req.query.policy || undefined,
      });
      if (!q.success) {
        whatIfErrors = q.error.issues.map((i) => ({
          text:
            i.path[0] === 'date'
              ? 'Enter a real date, like 2026-11-30'
              : 'Enter a whole number of contacts between -500 and 500',
          href: i.path[0] === 'date' ? '#date' : '#extra',
        }));
      } else if (q.data.date >= forecast.asOf) {
        whatIfErrors = [
          { text: 'Choose a day before today: a what-if replays a day that has happened', href: '#date' },
        ];
      } else {
        const ctx = await admin.load(ods);
        const rota = adjusted(
          await ctx.rota(q.data.date),
          q.data.extra,
          (role) => ctx.settings.config.roleContacts[role],
        );
        const result = await planning.whatIf(ods, {
          date: q.data.date,
          rota,
          ...(q.data.policy ? { policy: q.data.policy } : {}),
        });
        const row = (name: string, pick: (o: typeof result.actual) => number) => [
          { text: name },
          { text: String(pick(result.actual)), format: 'numeric' },
          { text: String(pick(result.whatIf)), format: 'numeric' },
        ];
        whatIf = {
          label: dayLabel(result.date),
          requests: result.requests,
          rows: [
            row('Accepted', (o) => o.totals.accepted),
            row('Put on the waiting list', (o) => o.totals.queued),
            row('Sent elsewhere', (o) => o.totals.redirected),
            row('Told tomorrow or later', (o) => o.toldTomorrowOrLater),
            row('Accepted beyond safe capacity', (o) => o.overbooked),
          ],
        };
      }
    }
    render(
      res,
      'console/plan.njk',
      {
        title: 'Plan ahead',
        basisText: forecast.days[0]?.basisText,
        days: forecast.days.map(dayRow),
        selected: { ...dayRow(selected), suggestion: selected.suggestion },
        chart,
        form,
        asked,
        whatIf,
        errorList: whatIfErrors,
        policies: [
          { value: '', text: 'As set now' },
          ...POLICY_PROFILES.map((p) => ({
            value: p,
            text: p === 'gms-contract-2025' ? 'GMS contract 2025' : 'BMA safe working',
            selected: form.policy === p,
          })),
        ],
      },
      whatIfErrors.length ? 400 : 200,
    );
  });
}
