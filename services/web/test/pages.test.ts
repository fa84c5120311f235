import type { PracticeState } from '@sluice/capacity';
import { sortStates } from '../src/icb/icb-routes';
import { CONCERN_999, statusView } from '../src/status/status-view';

const state = (practice: string, level: PracticeState['level'], routine: [number, number], queue = 0): PracticeState => ({
  practice,
  day: '2026-11-30',
  level,
  shares: { routine: { used: routine[0], safe: routine[1] }, urgent: { used: 0, safe: 2 }, admin: { used: 0, safe: 20 } },
  overbooked: 0,
  queue: { clinical: queue, admin: 0, oldestWaitingMinutes: queue ? 5 : null },
  paused: null,
});

describe('ICB sort', () => {
  const states = [state('A00001', 'AMBER', [7, 8]), state('B00002', 'GREEN', [1, 8]), state('C00003', 'AMBER', [9, 10], 3), state('D00004', 'BLACK', [0, 0])];
  it('happy: pressure puts the highest level first, then the fuller routine share', () => {
    expect(sortStates(states, 'pressure', 'desc').map((s) => s.practice)).toEqual(['D00004', 'C00003', 'A00001', 'B00002']);
    expect(sortStates(states, 'pressure', 'asc').map((s) => s.practice)).toEqual(['B00002', 'A00001', 'C00003', 'D00004']);
    expect(sortStates(states, 'queue', 'desc')[0]!.practice).toBe('C00003');
  });
});

describe('status view', () => {
  const base = { id: '6f1c1b7e-4a51-4d2f-9b7e-2f7b6b1a9c11', practice: 'A81001', updatedAt: '2026-11-30T10:00:00Z' };
  it('happy: a queued request shows its place and expected day; an emergency says where to go now', () => {
    const q = statusView({ ...base, status: 'queued', reason: { code: 'queued-capacity', text: 'On the list.' }, queue: { position: 2, expectedDay: '2026-12-01' } });
    expect(q.facts.map((f) => f.value.text)).toEqual(['Number 2', 'Tuesday 1 December']);
    const e = statusView({ ...base, status: 'redirected', destination: '999', reason: { code: 'redirected-emergency', text: 'Call 999 now.' } });
    expect(e.go).toMatchObject({ href: 'tel:999', emergency: true });
    expect(e.heading).toBe('You need to get help now');
  });

  describe('a concern (the screen could not rule something out)', () => {
    const advice = 'Call 999 if your legs go weak or numb.';
    const concern = { ...base, screening: 'concern' as const, advice };
    it('safety: accepted, it says a doctor or nurse looks today, with one instruction about 999: the rule’s', () => {
      const v = statusView({ ...concern, status: 'accepted', day: '2026-11-30', reason: { code: 'concern-duty-clinician', text: `Long text. ${advice}` } });
      expect(v.heading).toBe('A doctor or nurse will look at your request today');
      expect(v.call999).toBe(advice);
      const words = [v.heading, v.reason, ...v.next].join(' ');
      expect(words).not.toMatch(/999/);
      expect(words).toMatch(/call 111/);
    });
    it('safety: sent to NHS 111 while the practice is closed, it says call 111 now, and when to call 999', () => {
      const v = statusView({ ...concern, status: 'redirected', destination: 'nhs-111', reason: { code: 'redirected-concern', text: 'x' } });
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
      expect(statusView({ ...base, screening: 'clear', status: 'accepted', reason: { code: 'accepted-routine', text: 'ok' } }).call999).toBeUndefined();
    });
  });
});
