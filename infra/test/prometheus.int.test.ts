import { randomUUID } from 'node:crypto';
import { startSluiceProcess, waitFor, type SluiceProcess } from '@sluice/testkit';
import { startPrometheus, type PrometheusServer, type Sample } from './support/prometheus-server';
import { exportedFamilies, metricNames, queryableNames } from './support/promql';

/**
 * A real Prometheus, loaded with the repo's rules, scrapes a Sluice process (the embedded default:
 * in-process bus, memory store) every second through a short load. What it stores must be what
 * Sluice decided: the decision counters, the per-practice level series, the recorded practices by
 * level, and the BLACK alert firing for the practice that declared exceptional circumstances.
 */
describe('a real Prometheus scraping Sluice', () => {
  const operatorKey = `operator-${randomUUID()}`;
  let sluice: SluiceProcess;
  let prom: PrometheusServer;
  const t0 = Date.now();

  beforeAll(async () => {
    sluice = await startSluiceProcess({
      env: {
        SLUICE_NOW: '2026-11-30T10:00:00Z', // a Monday in core hours
        SLUICE_OPERATOR_KEY: operatorKey,
        SLUICE_LAG_INTERVAL_MS: '1000',
        LOG_LEVEL: 'warn',
      },
    });
    prom = await startPrometheus([`127.0.0.1:${sluice.port}`]);
  }, 90_000);
  afterAll(async () => {
    await prom?.stop();
    await sluice?.stop();
  });

  const auth = { Authorization: `Bearer ${operatorKey}`, 'content-type': 'application/json' };
  const put = (path: string, body: unknown) =>
    fetch(`${sluice.url}${path}`, { method: 'PUT', headers: auth, body: JSON.stringify(body) });
  const post = async (practice: string, description: string) => {
    const res = await fetch(`${sluice.url}/v1/practices/${practice}/requests`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ kind: 'clinical', description, contact: { sms: '07700900123' } }),
    });
    expect(res.status).toBe(202);
    return ((await res.json()) as { id: string }).id;
  };
  const status = async (id: string) =>
    ((await (await fetch(`${sluice.url}/v1/requests/${id}`)).json()) as { status: string }).status;
  const byLabel = (samples: Sample[], label: string) =>
    Object.fromEntries(samples.map((s) => [s.metric[label], s.value]));

  it('happy: after a short load Prometheus holds the decision counters, per-practice levels and the BLACK alert, as decided', async () => {
    // RED: a rota of 10 routine contacts (no urgent share) and 20 requests.
    expect((await put('/v1/practices/A81001/config', { urgentSharePct: 0 })).status).toBe(200);
    expect(
      (await put('/v1/practices/A81001/rota/2026-11-30', { clinicians: [{ id: 'gp1', role: 'GP', contacts: 10 }] }))
        .status,
    ).toBe(200);
    // BLACK: exceptional circumstances declared.
    expect(
      (await put('/v1/practices/B81002/rota/2026-11-30', { clinicians: [{ id: 'gp1', role: 'GP', contacts: 10 }] }))
        .status,
    ).toBe(200);
    const pause = await fetch(`${sluice.url}/v1/practices/B81002/pause`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        reason: 'Flooding closed the surgery building',
        by: 'Practice manager',
        until: '2026-11-30T18:00:00Z',
      }),
    });
    expect(pause.status).toBeLessThan(300);
    // GREEN: plenty of room, and one emergency.
    expect(
      (await put('/v1/practices/C81003/rota/2026-11-30', { clinicians: [{ id: 'gp1', role: 'GP', contacts: 25 }] }))
        .status,
    ).toBe(200);

    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await post('A81001', 'Sore knee for a week'));
    for (let i = 0; i < 3; i++) ids.push(await post('B81002', 'Sore knee for a week'));
    for (let i = 0; i < 5; i++) ids.push(await post('C81003', 'Rash on my arm for two weeks'));
    ids.push(await post('C81003', 'crushing chest pain going down my left arm'));
    const statuses = await waitFor(
      async () => {
        const s = await Promise.all(ids.map(status));
        return s.every((x) => x !== 'received') ? s : null;
      },
      { timeoutMs: 20_000, what: 'every request to be decided' },
    );
    const told: Record<string, number> = {};
    for (const s of statuses) told[s] = (told[s] ?? 0) + 1;
    expect(told.accepted).toBe(10 + 5);

    // Prometheus has it once a scrape after the load has landed.
    const decisions = await waitFor(
      async () => {
        const s = await prom.query('sum by (outcome) (sluice_decisions_total)');
        return s.reduce((n, x) => n + x.value, 0) === ids.length ? s : null;
      },
      { timeoutMs: 30_000, intervalMs: 250, what: `Prometheus to hold ${ids.length} decisions` },
    );
    expect(byLabel(decisions, 'outcome')).toEqual(told);
    expect(
      byLabel(await prom.query('sum by (reason) (sluice_decisions_total{outcome="redirected"})'), 'reason'),
    ).toMatchObject({ 'redirected-emergency': 1 });
    expect(byLabel(await prom.query('sum by (destination) (sluice_red_flags_total)'), 'destination')).toEqual({
      '999': 1,
    });
    expect(
      byLabel(await prom.query('sum by (outcome) (sluice_practice_decisions_total{practice="A81001"})'), 'outcome'),
    ).toEqual({ accepted: 10, queued: 10 });

    expect(byLabel(await prom.query('sluice_practice_level'), 'practice')).toEqual({ A81001: 2, B81002: 3, C81003: 0 });
    expect(byLabel(await prom.query('sluice_practice_queue_depth{practice="A81001"}'), 'practice')).toEqual({
      A81001: 10,
    });
    expect(
      byLabel(await prom.query('sluice_practice_capacity_safe{practice="A81001", share="routine"}'), 'practice'),
    ).toEqual({ A81001: 10 });

    // The rules, evaluated by this Prometheus every second: practices by level, and the BLACK alert.
    const levels = await waitFor(
      async () => {
        const s = byLabel(await prom.query('level:sluice_practices:count'), 'level');
        return s.BLACK === 1 ? s : null;
      },
      { timeoutMs: 15_000, intervalMs: 250, what: 'the recorded practices-by-level series' },
    );
    expect(levels).toEqual({ GREEN: 1, AMBER: 0, RED: 1, BLACK: 1 });
    const firing = await waitFor(
      async () => {
        const practices = (await prom.query('ALERTS{alertname="SluicePracticeBlack", alertstate="firing"}')).map(
          (s) => s.metric.practice,
        );
        return practices.length ? practices : null;
      },
      {
        timeoutMs: 15_000,
        intervalMs: 250,
        what: 'SluicePracticeBlack to fire',
      },
    );
    expect(firing).toEqual(['B81002']);
    // RED has not lasted 30 minutes: pending at most, never firing.
    expect(await prom.query('ALERTS{alertname="SluicePracticeRedSustained", alertstate="firing"}')).toEqual([]);

    const lag = await prom.query('sluice_consumer_lag_messages');
    // The history writer (the system of record's consumer) runs in the capacity role and reports its lag too.
    expect(new Set(lag.map((s) => s.metric.group))).toEqual(
      new Set(['sluice-capacity', 'sluice-history', 'sluice-intake-status', 'sluice-notifier']),
    );
    expect(byLabel(await prom.query('up{job="sluice"}'), 'job')).toEqual({ sluice: 1 });
    console.log(
      `Prometheus test: ${ids.length} requests; first query to alert firing done ${((Date.now() - t0) / 1000).toFixed(1)} s after start`,
    );
  }, 120_000);

  it('happy: every rule loads, evaluates without error, and reads only metrics Sluice exports', async () => {
    const exported = queryableNames(exportedFamilies(await (await fetch(`${sluice.url}/metrics`)).text()));
    type Rule = { name: string; query: string; health: string; lastError?: string; type: string };
    const { groups } = await prom.api<{ groups: { name: string; rules: Rule[] }[] }>('/api/v1/rules');
    const rules = groups.flatMap((g) => g.rules);
    expect(rules.filter((r) => r.type === 'alerting').length).toBeGreaterThanOrEqual(7);
    const recorded = new Set(rules.filter((r) => r.type === 'recording').map((r) => r.name));
    await waitFor(
      async () => {
        const { groups: gs } = await prom.api<{ groups: { rules: Rule[] }[] }>('/api/v1/rules');
        return gs.flatMap((g) => g.rules).every((r) => r.health === 'ok');
      },
      { timeoutMs: 15_000, what: 'every rule to have been evaluated' },
    );
    const unknown = rules.flatMap((r) =>
      metricNames(r.query)
        .filter((n) => !exported.has(n) && !recorded.has(n) && n !== 'up')
        .map((n) => `${r.name}: ${n}`),
    );
    expect(unknown).toEqual([]);
  });
});
