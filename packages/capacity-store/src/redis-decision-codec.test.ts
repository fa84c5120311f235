import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DecideInput } from './capacity-store';
import { decodeDecision, decodeRecord, planArg, RECORD_FIELDS } from './redis-decision-codec';

describe('redis decision codec', () => {
  it('happy: a record whose payload holds the separator keeps its payload whole', () => {
    const r = decodeRecord(
      'A81001',
      'r1',
      'queued|queued-capacity|||0|2|2026-11-30|clinical|0000000000000007|{"a":"x|y||z"}',
    );
    expect(r).toEqual({
      promotion: {
        decision: {
          requestId: 'r1',
          practice: 'A81001',
          day: '2026-11-30',
          outcome: 'queued',
          reasonCode: 'queued-capacity',
          sequence: 2,
          list: 'clinical',
        },
        payload: '{"a":"x|y||z"}',
      },
      ticket: '0000000000000007',
    });
  });

  it('happy: a duplicate reply with a position decodes to the stored decision and its position', () => {
    const input = { practice: 'A81001', requestId: 'r2' } as DecideInput;
    expect(decodeDecision(input, '1|3|accepted|accepted-duty-clinician|urgent||1|1|2026-11-30|')).toEqual({
      decision: {
        requestId: 'r2',
        practice: 'A81001',
        day: '2026-11-30',
        outcome: 'accepted',
        reasonCode: 'accepted-duty-clinician',
        share: 'urgent',
        overbooked: true,
        sequence: 1,
      },
      duplicate: true,
      position: 3,
    });
  });

  it('happy: every plan is six fields, shares as initials in order, a plain redirect or queue with none', () => {
    expect(
      planArg({ type: 'redirect', day: '2026-11-30', destination: '999', reasonCode: 'redirected-emergency' }),
    ).toBe('||redirect|999||redirected-emergency');
    expect(
      planArg({ type: 'queue', day: '2026-11-30', list: 'admin', priority: 2, reasonCode: 'queued-capacity' }),
    ).toBe('||queue|admin|2|queued-capacity');
    expect(
      planArg({
        type: 'reserve',
        day: '2026-11-30',
        shares: ['urgent', 'routine'],
        acceptedReason: 'accepted-urgent',
        onFull: { type: 'overbook', share: 'urgent', reasonCode: 'accepted-duty-clinician' },
      }),
    ).toBe('accepted-urgent|ur|overbook|urgent||accepted-duty-clinician');
  });

  it('error: a reply or record with too few fields is refused', () => {
    expect(() => decodeDecision({ practice: 'A81001', requestId: 'r3' } as DecideInput, '0|1|queued')).toThrow(
      /3 fields, not 10/,
    );
    expect(() => decodeRecord('A81001', 'r3', 'accepted|x')).toThrow(/2 fields, not 10/);
  });

  it("happy: the record has the fields, in the order, that the scripts' include defines", () => {
    const lua = readFileSync(join(__dirname, '..', 'lua', 'includes', 'decision-record.lua'), 'utf8');
    expect(/fields: (\S+)/.exec(lua)?.[1]).toBe(RECORD_FIELDS.join('|'));
    // readRecord's pattern captures one field per name, the payload last and whole.
    expect(lua).toContain(`'^${'([^|]*)|'.repeat(RECORD_FIELDS.length - 1)}(.*)$'`);
    const head = /local function recordHead\(([^)]*)\)/.exec(lua)?.[1]?.split(', ');
    expect(head).toEqual(RECORD_FIELDS.slice(0, RECORD_FIELDS.indexOf('ticket')));
  });
});
