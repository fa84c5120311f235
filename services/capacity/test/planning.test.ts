import express from 'express';
import request from 'supertest';
import { createHttpApp, finishHttpApp } from '@sluice/http-kit';
import { createLogger, createMetrics } from '@sluice/observability';
import { createCalendar } from '@sluice/domain';
import { dailyDemand, syntheticHistory, type DemandRecord } from '@sluice/forecast';
import { createPlanning, createPracticeAdmin, hashKey, MemoryDemandHistory } from '@sluice/practice-admin';
import { createPlanningRouter } from '../src';
import { capacityHarness, OPERATOR_KEY } from './harness';

const calendar = createCalendar();
const P = 'A81001';
const gp = (n: number) => ({
  clinicians: Array.from({ length: n }, (_, i) => ({ id: `gp${i + 1}`, role: 'GP' as const, contacts: 25 })),
});
const weekly = (n: number) =>
  Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((d) => [d, gp(n)]));

function toCsv(records: DemandRecord[]): string {
  return [
    'received_at,kind,urgency',
    ...records.map((r) => `${r.receivedAt.toISOString()},${r.kind},${r.urgency}`),
  ].join('\n');
}

// Nine weeks from one generator: the first eight are imported, the ninth is the truth.
const all = syntheticHistory({ listSize: 10_000, from: '2026-01-05', weeks: 9, calendar, seed: 17 });
const imported = all.filter((r) => r.receivedAt < new Date('2026-03-01T18:30:00Z'));
const truth = new Map(dailyDemand(all, calendar).map((d) => [d.day, d.total]));

async function planningHarness() {
  const h = await capacityHarness('2026-03-02T07:00:00Z'); // a Monday, before the practice opens
  const log = createLogger({ service: 'test', level: 'silent' });
  const admin = createPracticeAdmin({
    store: h.store,
    repo: h.repo,
    bus: h.bus,
    clock: h.clock,
    log,
    monitor: h.service.monitor,
  });
  const history = new MemoryDemandHistory();
  const planning = createPlanning({ admin, history, clock: h.clock, log });
  const app: express.Express = createHttpApp({
    service: 'test',
    metrics: createMetrics({ service: 'test', defaults: false }),
    log,
    readiness: [],
  });
  app.use(createPlanningRouter({ planning, repo: h.repo, operatorKey: OPERATOR_KEY }));
  finishHttpApp(app, log);
  await h.repo.putWeeklyRota(P, weekly(3));
  return { ...h, app, history };
}

describe('planning routes', () => {
  let h: Awaited<ReturnType<typeof planningHarness>>;
  beforeEach(async () => {
    h = await planningHarness();
  });
  afterEach(async () => h.stop());

  const importCsv = (csv: string, type = 'text/csv') =>
    request(h.app).post(`/v1/practices/${P}/history`).set(h.auth).set('content-type', type).send(csv);

  it('imports a history file once: the same file again adds nothing', async () => {
    const first = await importCsv(toCsv(imported));
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ practice: P, rows: imported.length, imported: imported.length, alreadyImported: 0 });
    const again = await importCsv(toCsv(imported));
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ practice: P, rows: imported.length, imported: 0, alreadyImported: imported.length });
  });

  it('refuses a file with a bad row as a whole, naming the row, and a body that is not CSV', async () => {
    const bad = await importCsv(
      'received_at,kind,urgency\n2026-03-02T08:15:00Z,clinical,routine\nyesterday,clinical,routine',
    );
    expect(bad.status).toBe(422);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body).toMatchObject({
      status: 422,
      title: 'History not imported',
      rows: [{ line: 3, problems: [expect.stringMatching(/^received_at/)] }],
    });
    expect(await h.history.demand(P, new Date(0), new Date('2100-01-01'))).toEqual([]);
    expect((await importCsv('{"received_at":1}', 'application/json')).status).toBe(415);
  });

  it('forecasts Monday from eight weeks of history within 15 % of the truth, inside its interval, above Friday', async () => {
    await importCsv(toCsv(imported));
    const res = await request(h.app).get(`/v1/practices/${P}/forecast?from=2026-03-02&days=5`).set(h.auth);
    expect(res.status).toBe(200);
    const [monday, , , , friday] = res.body.days;
    const actual = truth.get('2026-03-02')!;
    expect(monday).toMatchObject({
      date: '2026-03-02',
      dayType: 'monday',
      basis: 'history',
      capacity: { total: 75, routine: 60, urgent: 15 },
    });
    expect(Math.abs(monday.expected - actual) / actual).toBeLessThanOrEqual(0.15);
    expect(actual).toBeGreaterThanOrEqual(monday.low);
    expect(actual).toBeLessThanOrEqual(monday.high);
    expect(monday.expected).toBeGreaterThan(friday.expected);
    // Three GPs cannot take a Monday of ~190 requests: the day reaches RED, and the suggestion says what would hold AMBER.
    expect(monday.levels.reach.RED).toMatch(/^\d\d:\d\d$/);
    expect(monday.suggestion.extraContacts).toBeGreaterThan(0);
    expect(monday.suggestion.endLevel.suggested).toMatch(/GREEN|AMBER/);
  });

  it('falls back to the list size with no history, and gives no figure without either', async () => {
    const none = await request(h.app).get(`/v1/practices/${P}/forecast?days=1`).set(h.auth);
    expect(none.body.days[0]).toMatchObject({ basis: 'none', expected: null, levels: null, suggestion: null });
    await h.repo.putConfig(P, { listSize: 8000 });
    const prior = await request(h.app).get(`/v1/practices/${P}/forecast?days=1`).set(h.auth);
    // 8,000 patients × 6.5 % a week × Monday's 28 %.
    expect(prior.body.days[0]).toMatchObject({ basis: 'list-size-prior', expected: 145.6 });
  });

  it('replays a past Monday with a bigger rota: fewer queued, every request accounted for', async () => {
    await importCsv(toCsv(all.filter((r) => r.receivedAt < new Date('2026-02-23T18:30:00Z'))));
    const res = await request(h.app)
      .post(`/v1/practices/${P}/what-if`)
      .set(h.auth)
      .send({ date: '2026-02-23', rota: gp(6) });
    expect(res.status).toBe(200);
    const { requests, actual, whatIf } = res.body;
    expect(requests).toBe(truth.get('2026-02-23'));
    for (const r of [actual, whatIf]) expect(r.totals.accepted + r.totals.queued + r.totals.redirected).toBe(requests);
    expect(whatIf.totals.queued).toBeLessThan(actual.totals.queued);
    expect(whatIf.toldTomorrowOrLater).toBeLessThan(actual.toldTomorrowOrLater);
  });

  it('checks what-if settings and dates like every other body', async () => {
    const bad = await request(h.app).post(`/v1/practices/${P}/what-if`).set(h.auth).send({ date: '2026-02-30' });
    expect(bad.status).toBe(400);
    const settings = await request(h.app)
      .post(`/v1/practices/${P}/what-if`)
      .set(h.auth)
      .send({ date: '2026-02-23', settings: { urgentSharePct: 500 } });
    expect(settings.status).toBe(400);
    expect(settings.body.title).toBe('The settings are not valid');
  });

  it('needs a key: none is 401, another practice’s key is 403', async () => {
    expect((await request(h.app).get(`/v1/practices/${P}/forecast`)).status).toBe(401);
    await h.repo.putApiKey({
      id: 'b82002key001',
      practice: 'B82002',
      hash: hashKey('slk_B82002_practice_key_0123456789'),
      createdAt: '2026-03-01T00:00:00Z',
    });
    const other = await request(h.app)
      .get(`/v1/practices/${P}/forecast`)
      .set('Authorization', 'Bearer slk_B82002_practice_key_0123456789');
    expect(other.status).toBe(403);
  });
});
