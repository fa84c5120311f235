import type { PracticeState } from '@sluice/practice-admin';
import { sortStates } from '../src/icb/icb-routes';
import { CONCERN_999, statusView } from '../src/status/status-view';

const state = (
  practice: string,
  level: PracticeState['level'],
  routine: [number, number],
  queue = 0,
): PracticeState => ({
  practice,
  day: '2026-11-30',
  level,
  shares: {
    routine: { used: routine[0], safe: routine[1] },
    urgent: { used: 0, safe: 2 },
    admin: { used: 0, safe: 20 },
  },
  overbooked: 0,
  queue: { clinical: queue, admin: 0, oldestWaitingMinutes: queue ? 5 : null },
  paused: null,
});

describe('ICB sort', () => {
  const states = [
    state('A00001', 'AMBER', [7, 8]),
    state('B00002', 'GREEN', [1, 8]),
    state('C00003', 'AMBER', [9, 10], 3),
    state('D00004', 'BLACK', [0, 0]),
  ];
  it('happy: pressure puts the highest level first, then the fuller routine share', () => {
    expect(sortStates(states, 'pressure', 'desc').map((s) => s.practice)).toEqual([
      'D00004',
      'C00003',
      'A00001',
      'B00002',
    ]);
    expect(sortStates(states, 'pressure', 'asc').map((s) => s.practice)).toEqual([
      'B00002',
      'A00001',
      'C00003',
      'D00004',
    ]);
    expect(sortStates(states, 'queue', 'desc')[0]!.practice).toBe('C00003');
  });
});

describe('status view', () => {
  const base = { id: '6f1c1b7e-4a51-4d2f-9b7e-2f7b6b1a9c11', practice: 'A81001', updatedAt: '2026-11-30T10:00:00Z' };
  it('happy: a queued request shows its place and expected day; an emergency says where to go now', () => {
    const q = statusView({
      ...base,
      status: 'queued',
      reason: { code: 'queued-capacity', text: 'On the list.' },
      queue: { position: 2, expectedDay: '2026-12-01' },
    });
    expect(q.facts.map((f) => f.value.text)).toEqual(['Number 2', 'Tuesday 1 December']);
    const e = statusView({
      ...base,
      status: 'redirected',
      destination: '999',
      reason: { code: 'redirected-emergency', text: 'Call 999 now. If you are not sure what to do, call 111.' },
    });
    expect(e.go).toMatchObject({ href: 'tel:999', emergency: true });
    expect(e.heading).toBe('Call 999 now');
    // One message: no 111 fallback, no "while you wait", no second number to call.
    expect(JSON.stringify(e)).not.toMatch(/111|while you wait/i);
    expect(e.worse).toBe(false);
    expect(e.contact).toBeUndefined();
    expect(e.reference).toBe('6F1C-1B7E');
  });

  it('happy: accepted says when and how the practice will be in touch; cancelled gives no "while you wait"', () => {
    const practice = { name: 'Riverside Surgery', phone: '020 7946 0000', paused: false };
    const a = statusView(
      { ...base, status: 'accepted', day: '2026-11-30', reason: { code: 'accepted-routine', text: 'x' } },
      practice,
      new Date('2026-11-30T10:00:00Z'),
    );
    expect(a.next[0]).toBe(
      'The team will look at it on Monday 30 November and contact you that day, by text message or email, the way you asked.',
    );
    expect(a.contact).toEqual({ name: 'Riverside Surgery', phone: '020 7946 0000' });
    const nextYear = statusView(
      { ...base, status: 'accepted', day: '2027-01-04', reason: { code: 'accepted-routine', text: 'x' } },
      practice,
      new Date('2026-12-30T10:00:00Z'),
    );
    expect(nextYear.facts[0]!.value.text).toBe('Monday 4 January 2027');
    const c = statusView(
      {
        ...base,
        status: 'cancelled',
        reason: {
          code: 'cancelled',
          text: 'Riverside Surgery cancelled your request because you sent the same request more than once.',
        },
      },
      practice,
    );
    expect(c.reason).toContain('because you sent the same request more than once');
    expect(c.worse).toBe(false);
  });

  it('happy: a request queued during a pause no longer says "paused" once the pause has ended; fair use leads with the request already sent', () => {
    const queued = {
      ...base,
      status: 'queued' as const,
      day: '2026-11-30',
      reason: {
        code: 'queued-paused' as const,
        text: 'Riverside Surgery has paused online requests until 6:30pm on Monday 30 November.',
      },
      queue: { position: 1, expectedDay: '2026-12-01' },
    };
    expect(statusView(queued, { name: 'Riverside Surgery', paused: true }).reason).toContain('paused');
    const after = statusView(queued, { name: 'Riverside Surgery', paused: false }).reason;
    expect(after).not.toContain('paused');
    expect(after).toContain('Tuesday 1 December');
    const f = statusView({
      ...base,
      status: 'redirected',
      destination: 'nhs-111-online',
      reason: { code: 'fair-use-limit', text: 'x' },
    });
    expect(f.heading).toBe('Your practice already has a request from you');
  });

  describe('a concern (the screen could not rule something out)', () => {
    const advice = 'Call 999 if your legs go weak or numb.';
    const concern = { ...base, screening: 'concern' as const, advice };
    it('safety: accepted, it says a doctor or nurse looks today, with one instruction about 999: the rule’s', () => {
      const v = statusView({
        ...concern,
        status: 'accepted',
        day: '2026-11-30',
        reason: { code: 'concern-duty-clinician', text: `Long text. ${advice}` },
      });
      expect(v.heading).toBe('A doctor or nurse will look at your request today');
      expect(v.call999).toBe(advice);
      const words = [v.heading, v.reason, ...v.next].join(' ');
      expect(words).not.toMatch(/999/);
      expect(words).toMatch(/call 111/);
    });
    it('safety: sent to NHS 111 while the practice is closed, it says call 111 now, and when to call 999', () => {
      const v = statusView({
        ...concern,
        status: 'redirected',
        destination: 'nhs-111',
        reason: { code: 'redirected-concern', text: 'x' },
      });
      expect(v.heading).toBe('Call 111 now');
      expect(v.go).toMatchObject({ href: 'tel:111', emergency: true });
      expect(v.call999).toBe(advice);
      expect(v.reason).not.toMatch(/today/);
    });
    it('safety: not decided yet, or without the rule’s advice, it still says when to call 999', () => {
      const { advice: _a, ...noAdvice } = concern;
      const v = statusView({ ...noAdvice, status: 'received', reason: { code: 'received', text: 'x' } });
      expect(v.call999).toBe(CONCERN_999);
    });
    it('happy: a clear request keeps the general advice', () => {
      expect(
        statusView({
          ...base,
          screening: 'clear',
          status: 'accepted',
          reason: { code: 'accepted-routine', text: 'ok' },
        }).call999,
      ).toBeUndefined();
    });
  });
});
