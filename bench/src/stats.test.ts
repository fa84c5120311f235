import { figure, median, percentile, rate, table } from './stats';

describe('bench statistics', () => {
  it('happy: percentiles are nearest-rank over sorted samples', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile(xs, 100)).toBe(100);
    expect(median([5, 1, 3])).toBe(3);
  });

  it('edge: an empty sample has no percentile', () => {
    expect(percentile([], 50)).toBeNaN();
  });

  it('happy: a figure carries its ratio to the anchor, and the table shows pass and MISS', () => {
    const f = figure({
      section: 'capacity',
      name: 'batched',
      value: 60_000,
      unit: 'ops/s',
      anchor: { name: 'raw', value: 100_000 },
      target: { text: '≥ 0.5×', pass: true },
    });
    expect(f.ratio).toBeCloseTo(0.6);
    expect(rate(500, 250)).toBe(2000);
    const t = table([
      f,
      figure({ section: 'e2e', name: 'req/s', value: 10, unit: 'req/s', target: { text: '≥ 5,000', pass: false } }),
    ]);
    expect(t).toContain('0.60×');
    expect(t).toContain('pass');
    expect(t).toContain('MISS');
  });
});
