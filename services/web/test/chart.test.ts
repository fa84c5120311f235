import { emptyDemand } from '@sluice/capacity-store';
import { demandChart } from '../src';

const demand = (counts: Record<number, number>) => {
  const d = emptyDemand('2026-11-30');
  for (const [h, n] of Object.entries(counts)) d.clinical[Number(h)] = n;
  return d;
};

describe('demandChart', () => {
  it('happy: shows core hours with a running total, and says when demand reached safe capacity', () => {
    const c = demandChart(demand({ 8: 3, 9: 4, 11: 2 }), 6);
    expect(c.rows[0]!.label).toBe('08:00 to 09:00');
    expect(c.rows.at(-1)!.label).toBe('18:00 to 19:00');
    expect(c.rows.map((r) => r.cumulative).slice(0, 4)).toEqual([3, 7, 7, 9]);
    expect(c.total).toBe(9);
    expect(c.reachedAt).toBe('09:00 to 10:00');
    expect(c.svg.match(/class="app-chart__bar"/g)).toHaveLength(3);
    expect(c.svg).toContain(
      '<desc id="chart-desc">9 clinical requests so far today against a safe capacity of 6. Demand reached safe capacity between 09:00 to 10:00.</desc>',
    );
  });

  it('happy: widens the hours to include demand before opening or after closing', () => {
    const c = demandChart(demand({ 6: 1, 21: 2 }), 10);
    expect(c.rows[0]!.hour).toBe(6);
    expect(c.rows.at(-1)!.hour).toBe(21);
    expect(c.reachedAt).toBeNull();
  });

  it('happy: the running total stops at the current hour; odd hours can be dropped on a phone', () => {
    const c = demandChart(demand({ 8: 3, 9: 4 }), 6, 9);
    const points = /class="app-chart__running" points="([^"]+)"/.exec(c.svg)![1]!.split(' ');
    expect(points).toHaveLength(1 + 2); // the origin, then 08:00 and 09:00 only
    expect(c.svg.match(/app-chart__hour--odd/g)).toHaveLength(5); // 09, 11, 13, 15, 17
  });

  it('security: draws with classes only (no style attributes, which the CSP would block) and no script', () => {
    const c = demandChart(demand({ 10: 5 }), 0);
    expect(c.svg).not.toMatch(/style=|<script|on[a-z]+=/i);
    expect(c.svg).toMatch(/^<svg [^>]*role="img"/);
  });
});
