import { PauseBody } from '@sluice/contracts';
import { checkPause, londonInstant } from '@sluice/domain';
import { field } from '../pages';
import type { FormError } from './rota-form';

export type PauseValues = Record<'reason' | 'by' | 'until-day' | 'until-month' | 'until-year' | 'until-time', string>;

/**
 * Reads the pause form: a reason, the person taking the decision, and when it ends as a London date
 * and time. The end is checked against the clock by the same rule the API uses (at most 4 days).
 */
export function parsePauseForm(
  body: unknown,
  now: Date,
): { values: PauseValues; pause: PauseBody | null; errors: FormError[] } {
  const values = Object.fromEntries(
    (['reason', 'by', 'until-day', 'until-month', 'until-year', 'until-time'] as const).map((n) => [n, field(body, n)]),
  ) as PauseValues;
  const errors: FormError[] = [];
  if (values.reason.length < 10)
    errors.push({ text: 'Say why you are pausing online requests, in at least 10 characters', href: '#reason' });
  else if (values.reason.length > 500)
    errors.push({ text: 'The reason must be 500 characters or fewer', href: '#reason' });
  if (!values.by) errors.push({ text: 'Enter the name and role of the person taking this decision', href: '#by' });
  else if (values.by.length > 100) errors.push({ text: 'The name must be 100 characters or fewer', href: '#by' });

  let until: string | null = null;
  const [d, m, y] = [values['until-day'], values['until-month'], values['until-year']].map((s) =>
    Number.parseInt(s, 10),
  );
  const time = /^(\d{1,2})[:.](\d{2})$/.exec(values['until-time']);
  if (!d || !m || !y || y < 2000) {
    errors.push({ text: 'Enter the date the pause ends, for example 2 12 2026', href: '#until-day' });
  } else if (!time) {
    errors.push({ text: 'Enter the time the pause ends, for example 18:30', href: '#until-time' });
  } else {
    try {
      const day = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      until = londonInstant(day, Number(time[1]), Number(time[2])).toISOString();
    } catch {
      errors.push({ text: 'Enter a real date and time, for example 2 12 2026 at 18:30', href: '#until-day' });
    }
  }
  if (errors.length || !until) return { values, pause: null, errors };

  const pause = PauseBody.parse({ reason: values.reason, by: values.by, until });
  const problems = checkPause(pause, now);
  if (problems.length) {
    const future = problems.some((p) => p.includes('future'));
    return {
      values,
      pause: null,
      errors: [
        {
          text: future
            ? 'The pause must end in the future'
            : 'The pause must end within 4 days. Pause again later to extend it',
          href: '#until-day',
        },
      ],
    };
  }
  return { values, pause, errors };
}
