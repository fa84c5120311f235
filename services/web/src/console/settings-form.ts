import { CLINICIAN_ROLES, PracticeConfig, SignpostTarget, type PracticeConfigInput } from '@sluice/contracts';
import { field } from '../pages';
import type { FormError } from './rota-form';

/** The settings form's fields, as strings, so a bad entry is shown back as typed. */
export type SettingsValues = Record<string, string>;

export const SIGNPOST_LABELS: Record<SignpostTarget, string> = {
  'pharmacy-first': 'Pharmacy First',
  'extended-access-hub': 'Extended access hub',
  'nhs-111-online': 'NHS 111 online',
};

/** What each field must be, in words for the error summary (zod finds the field; these say what to do). */
const MESSAGES: Record<string, string> = {
  name: 'Enter the practice name, in 100 characters or fewer',
  phone: 'Enter the practice telephone number, like 020 7946 0000, or leave it blank',
  policy: 'Choose a policy profile',
  urgentSharePct: 'Urgent share must be a number from 0 to 90',
  adminAllowance: 'Admin allowance must be a whole number from 0 to 10,000',
  amberPct: 'Amber threshold must be a number from 1 to 99',
  hysteresisPct: 'Hysteresis must be a number from 0 to 50',
  queueAgeAmberMinutes: 'Queue age must be a whole number of minutes from 1 to 10,080, or left blank',
  outOfHours: 'Choose what happens outside core hours',
  beyondCapacity: 'Choose what happens to routine requests beyond capacity',
  'signpost-1': 'Choose signposting targets, each once',
  hubName: 'Enter the extended access hub name to signpost to it',
  hubPhone: 'Enter the hub telephone number, like 0300 123 4567',
  protectedCohorts: 'Protected cohorts must be lower-case words joined by hyphens, like palliative-care, up to 20',
  closures: 'Closure days must be dates like 2026-12-24, one a line',
};

const ZOD_FIELD: Record<string, string> = {
  'thresholds.amberPct': 'amberPct',
  'thresholds.hysteresisPct': 'hysteresisPct',
  'thresholds.queueAgeAmberMinutes': 'queueAgeAmberMinutes',
  signpostTargets: 'signpost-1',
  'extendedAccessHub.name': 'hubName',
  'extendedAccessHub.phone': 'hubPhone',
  extendedAccessHub: 'hubName',
};

export function valuesFromConfig(c: PracticeConfig): SettingsValues {
  const v: SettingsValues = {
    name: c.name,
    phone: c.phone ?? '',
    policy: c.policy,
    urgentSharePct: String(c.urgentSharePct),
    adminAllowance: String(c.adminAllowance),
    amberPct: String(c.thresholds.amberPct),
    hysteresisPct: String(c.thresholds.hysteresisPct),
    queueAgeAmberMinutes:
      c.thresholds.queueAgeAmberMinutes === undefined ? '' : String(c.thresholds.queueAgeAmberMinutes),
    outOfHours: c.outOfHours,
    beyondCapacity: c.beyondCapacity,
    hubName: c.extendedAccessHub?.name ?? '',
    hubPhone: c.extendedAccessHub?.phone ?? '',
    protectedCohorts: c.protectedCohorts.join('\n'),
    closures: c.closures.join('\n'),
  };
  [0, 1, 2].forEach((i) => (v[`signpost-${i + 1}`] = c.signpostTargets[i] ?? ''));
  for (const role of CLINICIAN_ROLES) v[`role-${role}`] = String(c.roleContacts[role]);
  return v;
}

const num = (s: string): number | string | undefined =>
  s === '' ? undefined : /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
const lines = (s: string) =>
  s
    .split(/[\n,]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * Reads the settings form into a PracticeConfig. Fields the form does not show (fair use) are kept
 * from the current config, so saving the page never quietly resets them.
 */
export function parseSettingsForm(
  body: unknown,
  current: PracticeConfig,
): { values: SettingsValues; config: PracticeConfig | null; errors: FormError[] } {
  const names = [...Object.keys(MESSAGES), 'signpost-2', 'signpost-3', ...CLINICIAN_ROLES.map((r) => `role-${r}`)];
  const values: SettingsValues = Object.fromEntries(names.map((n) => [n, field(body, n)]));
  const targets = [values['signpost-1'], values['signpost-2'], values['signpost-3']].filter((t): t is string => !!t);
  const input: Record<string, unknown> = {
    name: values.name,
    ...(values.phone ? { phone: values.phone } : {}),
    policy: values.policy,
    urgentSharePct: num(values.urgentSharePct!),
    adminAllowance: num(values.adminAllowance!),
    roleContacts: Object.fromEntries(
      CLINICIAN_ROLES.map((r) => [r, num(values[`role-${r}`]!)]).filter(([, v]) => v !== undefined),
    ),
    thresholds: {
      amberPct: num(values.amberPct!),
      hysteresisPct: num(values.hysteresisPct!),
      ...(values.queueAgeAmberMinutes ? { queueAgeAmberMinutes: num(values.queueAgeAmberMinutes) } : {}),
    },
    outOfHours: values.outOfHours,
    beyondCapacity: values.beyondCapacity,
    signpostTargets: targets,
    ...(values.hubName || values.hubPhone
      ? { extendedAccessHub: { name: values.hubName, ...(values.hubPhone ? { phone: values.hubPhone } : {}) } }
      : {}),
    protectedCohorts: lines(values.protectedCohorts!),
    fairUse: current.fairUse,
    closures: lines(values.closures!),
  } satisfies Partial<Record<keyof PracticeConfigInput, unknown>>;
  const errors: FormError[] = [];
  if (new Set(targets).size !== targets.length) errors.push({ text: MESSAGES['signpost-1']!, href: '#signpost-1' });
  const parsed = PracticeConfig.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String);
      const key =
        path[0] === 'roleContacts'
          ? `role-${path[1]}`
          : (ZOD_FIELD[path.join('.')] ?? ZOD_FIELD[path.slice(0, 2).join('.')] ?? path[0]!);
      const text = key.startsWith('role-')
        ? `Contacts a day for ${key.slice(5)} must be a whole number from 0 to 200`
        : (MESSAGES[key] ?? `Check ${key}`);
      if (!errors.some((e) => e.href === `#${key}`)) errors.push({ text, href: `#${key}` });
    }
  }
  return { values, config: errors.length || !parsed.success ? null : parsed.data, errors };
}
