import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROMETHEUS_DIR, RULE_TESTS_DIR, RULES_DIR } from './support/paths';
import { parse } from 'yaml';
import { promtool, run } from './support/tools';

const ruleFiles = readdirSync(RULES_DIR)
  .filter((f) => f.endsWith('.yml'))
  .map((f) => path.join(RULES_DIR, f));
const ruleTests = readdirSync(RULE_TESTS_DIR).filter((f) => f.endsWith('.test.yml'));
type RuleFile = { groups: { rules: { alert?: string }[] }[] };
type RuleTest = { tests: { alert_rule_test?: { alertname: string; exp_alerts?: { exp_labels?: unknown }[] }[] }[] };
const alertNames = ruleFiles.flatMap((f) =>
  (parse(readFileSync(f, 'utf8')) as RuleFile).groups.flatMap((g) =>
    g.rules.flatMap((r) => (r.alert ? [r.alert] : [])),
  ),
);

/** The Prometheus config and rules as promtool sees them; failures print promtool's own words. */
describe('Prometheus config and rules (promtool)', () => {
  it('happy: `promtool check config` accepts prometheus.yml and finds the rule files', async () => {
    const r = await run(promtool(), ['check', 'config', 'prometheus.yml'], { cwd: PROMETHEUS_DIR });
    expect(`${r.stdout}${r.stderr}`).toMatch(new RegExp(`SUCCESS: ${ruleFiles.length} rule files found`));
    expect({ code: r.code, out: r.stdout + r.stderr }).toMatchObject({ code: 0 });
  });

  it('happy: `promtool check rules` accepts every rule file', async () => {
    const r = await run(promtool(), ['check', 'rules', ...ruleFiles]);
    expect({ code: r.code, out: r.stdout + r.stderr }).toMatchObject({ code: 0 });
    expect(r.stdout).not.toMatch(/WARNING|FAILED/);
  });

  it('happy: `promtool test rules` passes every rule unit test', async () => {
    expect(ruleTests.length).toBeGreaterThan(0);
    const r = await run(promtool(), ['test', 'rules', ...ruleTests], { cwd: RULE_TESTS_DIR });
    expect({ code: r.code, out: r.stdout + r.stderr }).toMatchObject({ code: 0 });
    expect(r.stdout.match(/SUCCESS/g)).toHaveLength(ruleTests.length);
  });

  it('happy: every alert has a unit test that sees it fire, and a runbook entry in docs/operations.md', () => {
    expect(alertNames.length).toBeGreaterThanOrEqual(7);
    const cases = ruleTests.flatMap((f) =>
      (parse(readFileSync(path.join(RULE_TESTS_DIR, f), 'utf8')) as RuleTest).tests.flatMap(
        (t) => t.alert_rule_test ?? [],
      ),
    );
    const runbook = readFileSync(path.join(PROMETHEUS_DIR, '..', '..', 'docs', 'operations.md'), 'utf8');
    for (const alert of alertNames) {
      // A test that expects it with labels, i.e. sees it fire (not only `exp_alerts: []`).
      const fires = cases.some(
        (c) => c.alertname === alert && (c.exp_alerts ?? []).some((e) => e.exp_labels !== undefined),
      );
      expect({ alert, fires }).toEqual({ alert, fires: true });
      expect({ alert, runbook: runbook.includes(`### ${alert}`) }).toEqual({ alert, runbook: true });
    }
  });
});
