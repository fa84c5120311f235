import { sum } from './metrics';

describe('bench metrics', () => {
  const text = [
    '# HELP sluice_decisions_total Decisions',
    'sluice_decisions_total{outcome="accepted",reason="accepted-routine"} 7',
    'sluice_decisions_total{outcome="queued",reason="queued-capacity"} 5',
    'sluice_decisions_total{outcome="queued",reason="queued-paused"} 2',
    'sluice_decisions_total_other{outcome="queued"} 100',
  ].join('\n');

  it('happy: sums every label set of one metric, or those holding a label', () => {
    expect(sum(text, 'sluice_decisions_total')).toBe(14);
    expect(sum(text, 'sluice_decisions_total', 'outcome="queued"')).toBe(7);
    expect(sum(text, 'sluice_decisions_total', 'outcome="redirected"')).toBe(0);
  });
});
