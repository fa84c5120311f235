import { PracticeConfig } from '@sluice/contracts';
import { parsePauseForm } from '../src/console/pause-form';
import { parseRotaForm } from '../src/console/rota-form';
import { parseSettingsForm, valuesFromConfig } from '../src/console/settings-form';

describe('rota form', () => {
  it('happy: reads filled rows, drops blank ones, and leaves contacts out when blank (the role figure applies)', () => {
    const r = parseRotaForm({
      rows: '4',
      'id-0': 'AP',
      'role-0': 'GP',
      'contacts-0': '',
      'id-1': '',
      'contacts-1': '',
      'id-2': 'JS',
      'role-2': 'ANP',
      'contacts-2': '20',
    });
    expect(r.errors).toEqual([]);
    expect(r.rota).toEqual({
      clinicians: [
        { id: 'AP', role: 'GP' },
        { id: 'JS', role: 'ANP', contacts: 20 },
      ],
    });
  });

  it('error: names each problem against its field, in words a manager can act on', () => {
    const r = parseRotaForm({
      rows: '3',
      'id-0': '',
      'contacts-0': '12',
      'id-1': 'AP',
      'role-1': 'wizard',
      'contacts-1': '2.5',
      'id-2': 'ap',
      'role-2': 'GP',
    });
    expect(r.rota).toBeNull();
    expect(r.errors).toEqual([
      { text: 'Enter a name or initials for clinician 1', href: '#id-0' },
      { text: 'Choose a role for clinician 2', href: '#role-1' },
      { text: 'Contacts for clinician 2 must be a whole number from 0 to 200', href: '#contacts-1' },
      { text: 'ap is listed twice: give each clinician once', href: '#id-2' },
    ]);
    expect(r.rows).toHaveLength(3); // shown back as typed
  });

  it('happy: a closed day is a rota with closed: true', () => {
    expect(parseRotaForm({ rows: '1', closed: 'yes' }).rota).toEqual({ clinicians: [], closed: true });
  });
});

describe('settings form', () => {
  const current = PracticeConfig.parse({ fairUse: { enabled: true } });

  it('happy: the current config round-trips through the form unchanged, fair use included', () => {
    const r = parseSettingsForm(valuesFromConfig(current), current);
    expect(r.errors).toEqual([]);
    expect(r.config).toEqual(current);
  });

  it('error: bad numbers, a repeated signpost and a hub target without a hub name are each named', () => {
    const v = {
      ...valuesFromConfig(current),
      urgentSharePct: '95',
      'role-GP': 'lots',
      'signpost-1': 'nhs-111-online',
      'signpost-2': 'nhs-111-online',
      'signpost-3': 'extended-access-hub',
    };
    const r = parseSettingsForm(v, current);
    expect(r.config).toBeNull();
    expect(r.errors.map((e) => e.href).sort()).toEqual(['#role-GP', '#signpost-1', '#urgentSharePct']);
    // The hub check needs the rest to be valid first (a refinement on the whole config).
    const hub = parseSettingsForm({ ...valuesFromConfig(current), 'signpost-1': 'extended-access-hub' }, current);
    expect(hub.errors).toEqual([{ text: 'Enter the extended access hub name to signpost to it', href: '#hubName' }]);
  });
});

describe('pause form', () => {
  const now = new Date('2026-11-30T10:00:00Z');
  const form = {
    reason: 'Flood in the waiting room',
    by: 'Dr A Patel',
    'until-day': '1',
    'until-month': '12',
    'until-year': '2026',
    'until-time': '18:00',
  };

  it('happy: reads the end as London time', () => {
    expect(parsePauseForm(form, now).pause).toEqual({
      reason: 'Flood in the waiting room',
      by: 'Dr A Patel',
      until: '2026-12-01T18:00:00.000Z',
    });
  });

  it('error: an end more than 4 days ahead, in the past, or not a real date is refused', () => {
    expect(parsePauseForm({ ...form, 'until-day': '9' }, now).errors[0]!.text).toMatch(/within 4 days/);
    expect(parsePauseForm({ ...form, 'until-day': '29', 'until-month': '11' }, now).errors[0]!.text).toMatch(
      /in the future/,
    );
    expect(parsePauseForm({ ...form, 'until-day': '31', 'until-month': '11' }, now).errors[0]!.text).toMatch(
      /real date/,
    );
    expect(parsePauseForm({ ...form, reason: 'flood', by: '' }, now).errors.map((e) => e.href)).toEqual([
      '#reason',
      '#by',
    ]);
  });
});
