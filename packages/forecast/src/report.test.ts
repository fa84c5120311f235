import { parse } from 'csv-parse/sync';
import { practiceDayReports, reportCsv, type ReportDecision } from './index';

const decision = (over: Partial<ReportDecision> & Pick<ReportDecision, 'requestId' | 'outcome'>): ReportDecision => ({
  sequence: 1,
  practice: 'A81001',
  day: '2026-11-30',
  reasonCode: 'accepted-routine',
  flags: [],
  kind: 'clinical',
  urgency: 'routine',
  receivedAt: '2026-11-30T09:00:00Z',
  decidedAt: '2026-11-30T09:00:01Z',
  ...over,
});

describe('practiceDayReports', () => {
  const decisions: ReportDecision[] = [
    decision({ requestId: 'r1', outcome: 'accepted' }),
    decision({
      requestId: 'r2',
      outcome: 'accepted',
      urgency: 'urgent',
      flags: ['duty-clinician'],
      reasonCode: 'accepted-duty-clinician',
    }),
    decision({ requestId: 'r3', outcome: 'redirected', destination: '999', reasonCode: 'redirected-emergency' }),
    decision({ requestId: 'r4', outcome: 'queued', reasonCode: 'queued-capacity', receivedAt: '2026-11-30T10:00:00Z' }),
    decision({
      requestId: 'r4',
      sequence: 2,
      outcome: 'accepted',
      flags: ['promoted'],
      decidedAt: '2026-11-30T11:30:00Z',
    }),
    decision({
      requestId: 'r5',
      outcome: 'queued',
      kind: 'admin',
      reasonCode: 'queued-capacity',
      receivedAt: '2026-11-30T12:00:00Z',
    }),
    decision({ requestId: 'r5', sequence: 2, outcome: 'accepted', decidedAt: '2026-11-30T12:10:00Z' }),
    decision({ requestId: 'r6', outcome: 'queued', reasonCode: 'queued-capacity' }), // still waiting
    decision({
      requestId: 'b1',
      practice: 'B82002',
      outcome: 'redirected',
      destination: 'pharmacy-first',
      reasonCode: 'redirected-signpost',
    }),
  ];
  const levelChanges = [
    { practice: 'A81001', day: '2026-11-30', level: 'AMBER' as const, at: '2026-11-30T10:00:00Z' },
    { practice: 'A81001', day: '2026-11-30', level: 'RED' as const, at: '2026-11-30T12:00:00Z' },
  ];
  const pauses = [
    {
      practice: 'A81001',
      reason: 'Flooded waiting room',
      by: 'Dr Patel',
      from: '2026-11-30T16:00:00Z',
      to: '2026-11-30T20:00:00Z',
    },
  ];
  const [a, b] = practiceDayReports({ decisions, levelChanges, pauses });

  it('counts each request once, by its first decision: a promotion ends a wait, it is not more demand', () => {
    expect(a).toMatchObject({
      practice: 'A81001',
      day: '2026-11-30',
      demand: 6,
      demandClinicalRoutine: 4,
      demandClinicalUrgent: 1,
      demandAdmin: 1,
    });
    expect(a).toMatchObject({
      accepted: 2,
      acceptedBeyondSafeCapacity: 1,
      queued: 3,
      redirected: 1,
      redirectedTo: { '999': 1 },
    });
    expect(b).toMatchObject({ practice: 'B82002', demand: 1, redirectedTo: { 'pharmacy-first': 1 } });
  });

  it('gives the waits of requests taken on from the waiting list, and none for a practice whose list never moved', () => {
    expect(a!.waitMedianMinutes).toBe(50); // 90 and 10 minutes
    expect(a!.waitP90Minutes).toBe(82); // interpolated between the two waits
    expect(b!.waitMedianMinutes).toBeNull();
  });

  it('splits core hours (08:00–18:30) between the levels, and counts the pause inside them', () => {
    expect([a!.minutesGreen, a!.minutesAmber, a!.minutesRed, a!.minutesBlack]).toEqual([120, 120, 390, 0]);
    expect(a!.minutesGreen + a!.minutesAmber + a!.minutesRed + a!.minutesBlack).toBe(630);
    expect(a).toMatchObject({ pauses: 1, pauseMinutes: 150, pauseReasons: 'Flooded waiting room by Dr Patel' });
  });

  it('writes one CSV row per practice-day that a spreadsheet reads back, with no formula cells', () => {
    const withFormula = practiceDayReports({
      decisions,
      levelChanges,
      pauses: [{ ...pauses[0]!, reason: '=HYPERLINK("x")' }],
    });
    const csv = reportCsv(withFormula);
    const parsed = parse(csv, { columns: true }) as Record<string, string>[];
    expect(parsed).toHaveLength(2);
    expect(parsed[0]).toMatchObject({
      practice: 'A81001',
      day: '2026-11-30',
      demand: '6',
      redirected_999: '1',
      minutes_red: '390',
      wait_median_minutes: '50',
    });
    expect(parsed[0]?.pause_reasons?.startsWith("'=")).toBe(true);
    expect(parsed[1]).toMatchObject({ practice: 'B82002', redirected_pharmacy_first: '1', wait_median_minutes: '' });
  });
});
