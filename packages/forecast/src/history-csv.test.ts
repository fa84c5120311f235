import fc from 'fast-check';
import { parseHistoryCsv } from './index';

const HEADER = 'received_at,kind,urgency';

describe('parseHistoryCsv', () => {
  it('reads the three columns in any order, ignores the rest, and keeps nothing else', () => {
    const csv = [
      'Urgency,patient_name,received_at,KIND',
      'routine,Jane Doe,2026-03-02T08:15:00+00:00,clinical',
      'urgent,John Roe,2026-03-02T09:00:00Z,clinical',
    ].join('\n');
    const r = parseHistoryCsv('A81001', csv);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rows.map(({ receivedAt, kind, urgency }) => ({ at: receivedAt.toISOString(), kind, urgency }))).toEqual([
      { at: '2026-03-02T08:15:00.000Z', kind: 'clinical', urgency: 'routine' },
      { at: '2026-03-02T09:00:00.000Z', kind: 'clinical', urgency: 'urgent' },
    ]);
    expect(JSON.stringify(r.rows)).not.toMatch(/Jane|John/);
  });

  it('names every failing row and imports nothing when any row is bad', () => {
    const csv = [
      HEADER,
      '2026-03-02T08:15:00+00:00,clinical,routine',
      '2026-03-02 08:15,clinical,routine',
      '2026-03-02T08:20:00+00:00,medical,soon',
    ].join('\n');
    const r = parseHistoryCsv('A81001', csv);
    expect(r).toEqual({
      ok: false,
      detail: '2 rows could not be read; nothing was imported.',
      rows: [
        { line: 3, problems: [expect.stringMatching(/^received_at: /)] },
        { line: 4, problems: [expect.stringMatching(/^kind: /), expect.stringMatching(/^urgency: /)] },
      ],
    });
  });

  it('refuses a file without the columns, or that is not CSV', () => {
    expect(parseHistoryCsv('A81001', 'when,kind\n2026-03-02T08:15:00Z,clinical')).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/missing: received_at, urgency/),
    });
    expect(parseHistoryCsv('A81001', '')).toMatchObject({ ok: false });
    expect(parseHistoryCsv('A81001', `${HEADER}\n"2026-03-02T08:15:00Z,clinical,routine`)).toMatchObject({
      ok: false,
      detail: 'The file is not valid CSV.',
    });
  });

  it('gives a row the same key each time the file is read, and identical rows keys of their own', () => {
    const csv = [
      HEADER,
      '2026-03-02T08:15:00+00:00,clinical,routine',
      '2026-03-02T08:15:00Z,clinical,routine',
      '2026-03-02T08:16:00Z,clinical,routine',
    ].join('\n');
    const a = parseHistoryCsv('A81001', csv);
    const b = parseHistoryCsv('A81001', csv);
    if (!a.ok || !b.ok) throw new Error('expected both to parse');
    expect(a.rows.map((r) => r.key)).toEqual(b.rows.map((r) => r.key));
    expect(new Set(a.rows.map((r) => r.key)).size).toBe(3);
    const other = parseHistoryCsv('B82002', csv);
    if (!other.ok) throw new Error('expected it to parse');
    expect(other.rows[0]!.key).not.toBe(a.rows[0]!.key);
  });

  it('never throws, whatever the file holds', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const r = parseHistoryCsv('A81001', `${HEADER}\n${text}`);
        expect(typeof r.ok).toBe('boolean');
      }),
    );
  });
});
