import { levelReason } from '../src/console/levels';

const t = { amberPct: 80, queueAgeAmberMinutes: 60 };
const at = (iso: string) => `at ${iso}`;
const state = (
  level: 'GREEN' | 'AMBER' | 'RED' | 'BLACK',
  routine: [number, number],
  urgent: [number, number],
  extra: { oldest?: number; paused?: boolean } = {},
) => ({
  level,
  shares: {
    routine: { used: routine[0], safe: routine[1] },
    urgent: { used: urgent[0], safe: urgent[1] },
    admin: { used: 0, safe: 20 },
  },
  queue: { oldestWaitingMinutes: extra.oldest ?? null },
  paused: extra.paused ? { until: '2026-12-01T18:00:00Z', reason: 'Flood', by: 'Dr A Patel' } : null,
});

describe('levelReason', () => {
  it('happy: BLACK says which of its three causes holds: declared, no rota, or the urgent share used', () => {
    expect(levelReason(state('BLACK', [0, 8], [0, 2], { paused: true }), t, at)).toMatchObject({
      code: 'declared',
      text: expect.stringContaining('paused until at 2026-12-01T18:00:00Z (Flood, decided by Dr A Patel)'),
    });
    expect(levelReason(state('BLACK', [0, 0], [0, 0]), t, at).code).toBe('no-rota');
    expect(levelReason(state('BLACK', [8, 8], [2, 2]), t, at)).toEqual({
      code: 'urgent-used',
      text: 'Urgent share used: 2 of 2 urgent places taken, and 8 of 8 routine places.',
    });
  });
  it('happy: RED, AMBER and GREEN name the figures; AMBER from a long wait says so', () => {
    expect(levelReason(state('RED', [8, 8], [0, 2]), t, at).text).toBe(
      'Routine share used: 8 of 8 routine places taken.',
    );
    expect(levelReason(state('AMBER', [7, 8], [0, 2]), t, at).code).toBe('routine-nearly-used');
    expect(levelReason(state('AMBER', [1, 8], [0, 2], { oldest: 90 }), t, at).text).toContain(
      'waited 90 minutes (more than 60)',
    );
    expect(levelReason(state('GREEN', [1, 8], [0, 2]), t, at).code).toBe('within-limits');
  });
});
