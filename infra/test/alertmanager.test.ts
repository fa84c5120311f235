import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ALERTMANAGER_CONFIG, PROMETHEUS_DIR, RULES_DIR } from './support/paths';
import { parse } from 'yaml';
import { amtool, run } from './support/tools';

type RuleFile = {
  groups: { rules: { alert?: string; labels?: Record<string, string>; annotations?: Record<string, string> }[] }[];
};

/** Each alert's labels and runbook, read from the rule files. */
const alerts = readdirSync(RULES_DIR)
  .filter((f) => f.endsWith('.yml'))
  .flatMap((f) => (parse(readFileSync(path.join(RULES_DIR, f), 'utf8')) as RuleFile).groups.flatMap((g) => g.rules))
  .filter((r) => r.alert !== undefined)
  .map((r) => ({ name: r.alert!, runbook: r.annotations?.runbook ?? '', labels: r.labels ?? {} }));

const routeOf = async (labels: Record<string, string>) => {
  const r = await run(amtool(), [
    'config',
    'routes',
    'test',
    `--config.file=${ALERTMANAGER_CONFIG}`,
    ...Object.entries(labels).map(([k, v]) => `${k}=${v}`),
  ]);
  expect({ code: r.code, err: r.stderr.replace(/Warning: .*\n/g, '') }).toEqual({ code: 0, err: '' });
  return r.stdout.trim();
};

/** The Alertmanager config as amtool sees it, and where each of the repo's alerts is routed. */
describe('Alertmanager config (amtool)', () => {
  it('happy: `amtool check-config` accepts alertmanager.yml', async () => {
    const r = await run(amtool(), ['check-config', ALERTMANAGER_CONFIG]);
    expect({ code: r.code, out: r.stdout + r.stderr }).toMatchObject({ code: 0 });
    expect(r.stdout).toMatch(/SUCCESS/);
  });

  it('happy: every ICB-facing alert reaches the ICB receiver, every ops alert an on-call one, by severity', async () => {
    expect(alerts.length).toBeGreaterThanOrEqual(13);
    const routed: Record<string, string> = {};
    for (const a of alerts)
      routed[`${a.name}/${a.labels.group ?? ''}`] = await routeOf({ alertname: a.name, ...a.labels });
    const want = Object.fromEntries(
      alerts.map((a) => [
        `${a.name}/${a.labels.group ?? ''}`,
        a.labels.audience === 'icb' ? 'icb' : a.labels.severity === 'critical' ? 'oncall-page' : 'oncall-ticket',
      ]),
    );
    expect(routed).toEqual(want);
    // The ICB hears of BLACK, RED sustained and pauses, and of nothing about Sluice's own health.
    expect(
      alerts
        .filter((a) => a.labels.audience === 'icb')
        .map((a) => a.name)
        .sort(),
    ).toEqual(
      [
        'SluicePracticeBlack',
        'SluicePracticePaused',
        'SluicePracticeRedSustained',
        'SluiceQueuedRequestOlderThanWorkingDay',
      ].sort(),
    );
  });

  it('happy: every alert carries a runbook link to its own section of docs/operations.md', () => {
    for (const a of alerts)
      expect({ alert: a.name, runbook: a.runbook }).toEqual({
        alert: a.name,
        runbook: `docs/operations.md#${a.name.toLowerCase()}`,
      });
  });

  it('happy: prometheus.yml sends alerts to the compose Alertmanager', () => {
    const config = parse(readFileSync(path.join(PROMETHEUS_DIR, 'prometheus.yml'), 'utf8')) as {
      alerting: { alertmanagers: { static_configs: { targets: string[] }[] }[] };
    };
    expect(config.alerting.alertmanagers.flatMap((a) => a.static_configs.flatMap((c) => c.targets))).toEqual([
      'alertmanager:9093',
    ]);
  });
});
