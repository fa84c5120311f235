import { exportedFamilies, metricNames, queryableNames } from './support/promql';

/** The extractor the dashboard and rule checks rely on: if it missed names, those checks would pass vacuously. */
describe('metricNames', () => {
  it.each([
    ['sluice_decisions_total', ['sluice_decisions_total']],
    [
      'sum by (outcome, reason) (rate(sluice_decisions_total{outcome="queued", reason=~"q.*"}[5m]))',
      ['sluice_decisions_total'],
    ],
    [
      'histogram_quantile(0.99, sum by (le, route) (rate(sluice_http_request_duration_seconds_bucket{instance=~"$instance"}[$__rate_interval])))',
      ['sluice_http_request_duration_seconds_bucket'],
    ],
    ['a_total / on (practice) group_left (share) b_gauge > bool 2 and c offset 5m', ['a_total', 'b_gauge', 'c']],
    ['practice:sluice_practice_level:max >= 2', ['practice:sluice_practice_level:max']],
    ['count(x == 1e3) or vector(0)', ['x']],
    ['label_values(sluice_practice_level, practice)', ['sluice_practice_level']],
    ['label_values(up{job="sluice"}, instance)', ['up']],
    ['label_values(practice)', []],
  ])('happy: %s reads %p', (expr, names) => {
    expect(metricNames(expr).sort()).toEqual([...names].sort());
  });
});

describe('queryableNames', () => {
  it('happy: a histogram may be read through its _bucket, _sum and _count series; a counter only by its name', () => {
    const families = exportedFamilies('# HELP a x\n# TYPE a_seconds histogram\n# TYPE b_total counter\nb_total 1\n');
    expect([...queryableNames(families)].sort()).toEqual([
      'a_seconds',
      'a_seconds_bucket',
      'a_seconds_count',
      'a_seconds_sum',
      'b_total',
    ]);
  });
});
