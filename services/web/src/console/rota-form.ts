import { CLINICIAN_ROLES, MAX_CONTACTS_PER_CLINICIAN, RotaBody, type ClinicianRole } from '@sluice/contracts';
import { field } from '../pages';

/** One row of the rota form as the manager typed it (strings), so a bad entry is shown back unchanged. */
export interface RotaRow {
  id: string;
  role: string;
  contacts: string;
}

export interface FormError {
  text: string;
  href: string;
}

export const ROLE_LABELS: Record<ClinicianRole, string> = {
  GP: 'GP',
  ANP: 'Advanced nurse practitioner',
  pharmacist: 'Clinical pharmacist',
  physio: 'Physiotherapist',
  nurse: 'Practice nurse',
  paramedic: 'Paramedic',
  'mental-health': 'Mental health practitioner',
  other: 'Other clinician',
};

/** Blank rows offered below the filled ones, so clinicians can be added without JavaScript. */
export const SPARE_ROWS = 2;
const MAX_ROWS = 100;

export function rowsFromRota(rota: RotaBody | null): RotaRow[] {
  return (rota?.clinicians ?? []).map((c) => ({
    id: c.id,
    role: c.role,
    contacts: c.contacts === undefined ? '' : String(c.contacts),
  }));
}

export function withSpareRows(rows: RotaRow[], spare = SPARE_ROWS): RotaRow[] {
  const n = Math.min(MAX_ROWS, rows.length + spare);
  return [...rows, ...Array.from({ length: n - rows.length }, () => ({ id: '', role: 'GP', contacts: '' }))];
}

/**
 * Reads the rota form (`id-N`, `role-N`, `contacts-N`, `closed`): rows left blank are dropped; every
 * problem is named against its field, in words a practice manager can act on.
 */
export function parseRotaForm(body: unknown): {
  rows: RotaRow[];
  closed: boolean;
  rota: RotaBody | null;
  errors: FormError[];
} {
  const count = Math.min(MAX_ROWS, Math.max(0, Number.parseInt(field(body, 'rows'), 10) || 0));
  const rows: RotaRow[] = [];
  const errors: FormError[] = [];
  const clinicians: { id: string; role: ClinicianRole; contacts?: number }[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < count; i++) {
    const row = {
      id: field(body, `id-${i}`),
      role: field(body, `role-${i}`) || 'GP',
      contacts: field(body, `contacts-${i}`),
    };
    if (!row.id && !row.contacts) continue;
    const n = rows.length;
    rows.push(row);
    if (!row.id) errors.push({ text: `Enter a name or initials for clinician ${n + 1}`, href: `#id-${n}` });
    else if (row.id.length > 40)
      errors.push({ text: `Name or initials for clinician ${n + 1} must be 40 characters or fewer`, href: `#id-${n}` });
    else if (seen.has(row.id.toLowerCase()))
      errors.push({ text: `${row.id} is listed twice: give each clinician once`, href: `#id-${n}` });
    seen.add(row.id.toLowerCase());
    if (!(CLINICIAN_ROLES as readonly string[]).includes(row.role))
      errors.push({ text: `Choose a role for clinician ${n + 1}`, href: `#role-${n}` });
    let contacts: number | undefined;
    if (row.contacts !== '') {
      contacts = Number(row.contacts);
      if (!/^\d+$/.test(row.contacts) || contacts > MAX_CONTACTS_PER_CLINICIAN) {
        errors.push({
          text: `Contacts for clinician ${n + 1} must be a whole number from 0 to ${MAX_CONTACTS_PER_CLINICIAN}`,
          href: `#contacts-${n}`,
        });
      }
    }
    clinicians.push({ id: row.id, role: row.role as ClinicianRole, ...(contacts !== undefined ? { contacts } : {}) });
  }
  const closed = field(body, 'closed') === 'yes';
  if (errors.length) return { rows, closed, rota: null, errors };
  const parsed = RotaBody.safeParse({ clinicians, ...(closed ? { closed: true } : {}) });
  if (!parsed.success)
    return {
      rows,
      closed,
      rota: null,
      errors: [{ text: 'Check the rota: ' + parsed.error.issues[0]!.message, href: '#id-0' }],
    };
  return { rows, closed, rota: parsed.data, errors };
}
