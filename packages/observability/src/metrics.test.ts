import { createMetrics } from './metrics';

describe('createMetrics', () => {
  it('happy: Node default metrics are there, without the gauges prom-client misnames `_total`', async () => {
    const m = createMetrics({ service: 't' });
    const text = await m.registry.metrics();
    expect(text).toMatch(/^# TYPE process_cpu_seconds_total counter$/m);
    expect(text).toMatch(/^# TYPE nodejs_heap_size_used_bytes gauge$/m);
    expect(text).toMatch(/^# TYPE nodejs_active_handles gauge$/m);
    // Prometheus convention: only counters end in _total.
    const types = [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map(([, name, type]) => ({ name: name!, type: type! }));
    expect(types.filter((t) => t.name.endsWith('_total') && t.type !== 'counter')).toEqual([]);
  });

  it('happy: every Sluice metric follows the naming rules: sluice_ prefix, _total counters, base units, practice only on sluice_practice_*', () => {
    const m = createMetrics({ service: 't', defaults: false });
    const metrics = m.registry.getMetricsAsArray();
    expect(metrics.length).toBeGreaterThan(15);
    for (const metric of metrics) {
      const {
        name,
        type,
        labelNames: labels,
      } = metric as unknown as { name: string; type: string; labelNames: string[] };
      expect(name).toMatch(/^sluice_[a-z_]+$/);
      if (type === 'counter') expect(name).toMatch(/_total$/);
      else expect(name).not.toMatch(/_total$/);
      if (type === 'histogram') expect(name).toMatch(/_seconds$/);
      expect(name).not.toMatch(/_(ms|milliseconds|minutes|hours|days|percent)(_|$)/);
      if (labels.includes('practice')) expect(name).toMatch(/^sluice_practice_/);
    }
  });
});
