import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadEnv } from '@sluice/config';
import { startSluice, type Sluice } from '@sluice/embedded';
import { DASHBOARDS_DIR, GRAFANA_PROVISIONING_DIR, RULES_DIR } from './support/paths';
import { exportedFamilies, metricNames, queryableNames } from './support/promql';

interface Target {
  expr?: string;
  datasource?: { type?: string; uid?: string };
}
interface Panel {
  id: number;
  type: string;
  title: string;
  targets?: Target[];
  panels?: Panel[];
  gridPos?: { x: number; y: number; w: number; h: number };
}
interface Dashboard {
  uid: string;
  title: string;
  panels: Panel[];
  templating?: { list: { name: string; query?: string | { query?: string } }[] };
}

const files = readdirSync(DASHBOARDS_DIR).filter((f) => f.endsWith('.json'));
const dashboards = files.map((f) => ({
  file: f,
  dash: JSON.parse(readFileSync(path.join(DASHBOARDS_DIR, f), 'utf8')) as Dashboard,
}));
const panels = (d: Dashboard): Panel[] => d.panels.flatMap((p) => [p, ...(p.panels ?? [])]);
/** Series the rules record: dashboards may read them as well as what the services export. */
const recorded = readdirSync(RULES_DIR)
  .filter((f) => f.endsWith('.yml'))
  .flatMap((f) =>
    [...readFileSync(path.join(RULES_DIR, f), 'utf8').matchAll(/^\s*- record: (\S+)/gm)].map((m) => m[1]!),
  );
/** Written by Prometheus itself for every target. */
const PROMETHEUS_OWN = ['up'];

describe('Grafana dashboards', () => {
  let sluice: Sluice;
  let exported: Set<string>;
  beforeAll(async () => {
    // The list of metric names comes from a running Sluice's /metrics, not from reading the source.
    sluice = await startSluice(loadEnv({ PORT: '0', LOG_LEVEL: 'silent', SLUICE_LAG_INTERVAL_MS: '0' }), { tickMs: 0 });
    exported = queryableNames(
      exportedFamilies(await (await fetch(`${sluice.url.replace('localhost', '127.0.0.1')}/metrics`)).text()),
    );
  });
  afterAll(async () => sluice?.stop());

  it('happy: the ICB overview and the service dashboard are both there, with unique uids', () => {
    expect(files.sort()).toEqual(['icb-overview.json', 'service.json']);
    expect(new Set(dashboards.map((d) => d.dash.uid)).size).toBe(dashboards.length);
  });

  it.each(dashboards.map((d) => [d.file, d.dash] as const))(
    'happy: every query in %s names only metrics Sluice exports (or the rules record)',
    (_file, dash) => {
      const allowed = new Set([...exported, ...recorded, ...PROMETHEUS_OWN]);
      const unknown: string[] = [];
      const read = new Set<string>();
      const check = (where: string, expr: string) => {
        const names = metricNames(expr);
        expect({ where, names: names.length > 0 }).toEqual({ where, names: true });
        for (const n of names) {
          read.add(n);
          if (!allowed.has(n)) unknown.push(`${where}: ${n}`);
        }
      };
      for (const p of panels(dash)) for (const t of p.targets ?? []) check(`panel "${p.title}"`, t.expr ?? '');
      for (const v of dash.templating?.list ?? [])
        check(`variable $${v.name}`, typeof v.query === 'string' ? v.query : (v.query?.query ?? ''));
      expect(unknown).toEqual([]);
      expect(read.size).toBeGreaterThanOrEqual(8);
    },
  );

  it.each(dashboards.map((d) => [d.file, d.dash] as const))(
    'happy: %s is well formed: unique panel ids, on the grid, every query on the provisioned Prometheus',
    (_file, dash) => {
      const provisioned = parse(
        readFileSync(path.join(GRAFANA_PROVISIONING_DIR, 'datasources', 'prometheus.yml'), 'utf8'),
      ) as { datasources: { uid: string }[] };
      const uid = provisioned.datasources[0]!.uid;
      const ps = panels(dash);
      expect(new Set(ps.map((p) => p.id)).size).toBe(ps.length);
      for (const p of ps) {
        expect(p.gridPos && p.gridPos.x + p.gridPos.w <= 24).toBe(true);
        for (const t of p.targets ?? [])
          expect({ panel: p.title, uid: t.datasource?.uid }).toEqual({ panel: p.title, uid });
      }
      expect(ps.filter((p) => p.type !== 'row').every((p) => (p.targets ?? []).length > 0)).toBe(true);
    },
  );

  it('happy: the ICB overview shows practices by level, demand against safe capacity and outcomes over time', () => {
    const icb = dashboards.find((d) => d.file === 'icb-overview.json')!.dash;
    const exprs = panels(icb).flatMap((p) => (p.targets ?? []).map((t) => t.expr ?? ''));
    expect(exprs.some((e) => e.includes('level:sluice_practices:count'))).toBe(true);
    expect(exprs.some((e) => e.includes('sluice_practice_capacity_safe') && e.includes('practice'))).toBe(true);
    expect(exprs.some((e) => e.includes('sluice_decisions'))).toBe(true);
  });
});
