import request from 'supertest';
import type { Page } from 'playwright-core';
import { loadEnv } from '@sluice/config';
import { createCalendar } from '@sluice/domain';
import { syntheticHistory } from '@sluice/forecast';
import { startSluice, type Sluice } from '../src';
import { checkAndCapture, openBrowser, type TestBrowser } from './browser';
import { reflowProblems } from './reflow';

/**
 * The console's Plan page in Debian's Chromium against the embedded default: the next five working
 * days from eight weeks of imported history, a day's chart with its table, and a what-if of a past
 * Monday. axe (WCAG 2.2 AA) at desktop and mobile widths, and no horizontal scroll at 320 px.
 */
const OPERATOR = 'operator-key-for-plan-page-tests-0123';
const NOW = '2026-11-30T07:00:00Z'; // Monday, before opening
jest.setTimeout(180_000);

describe('the Plan page in a real browser', () => {
  let sluice: Sluice;
  let browser: TestBrowser;
  let page: Page;
  const a11y: string[] = [];
  const op = () => ({ Authorization: `Bearer ${OPERATOR}` });
  const gps = (n: number) => ({
    clinicians: Array.from({ length: n }, (_, i) => ({ id: `gp${i + 1}`, role: 'GP', contacts: 25 })),
  });

  beforeAll(async () => {
    sluice = await startSluice(
      loadEnv({ PORT: '0', LOG_LEVEL: 'silent', SLUICE_NOW: NOW, SLUICE_OPERATOR_KEY: OPERATOR }),
      { tickMs: 0 },
    );
    const weekly = Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((d) => [d, gps(4)]));
    await request(sluice.server).put('/v1/practices/A81001/rota/weekly').set(op()).send(weekly).expect(200);
    const history = syntheticHistory({
      listSize: 9000,
      from: '2026-10-05',
      weeks: 8,
      calendar: createCalendar(),
      seed: 4,
    });
    const csv = [
      'received_at,kind,urgency',
      ...history.map((r) => `${r.receivedAt.toISOString()},${r.kind},${r.urgency}`),
    ].join('\n');
    await request(sluice.server)
      .post('/v1/practices/A81001/history')
      .set(op())
      .set('content-type', 'text/csv')
      .send(csv)
      .expect(201);
    browser = await openBrowser();
    page = browser.page;
    await page.goto(`${sluice.url}/sign-in`);
    await page.fill('#key', OPERATOR);
    await page.click('button:has-text("Sign in")');
    await page.waitForURL(/\/icb/);
  });
  afterAll(async () => {
    await browser?.close();
    await sluice?.stop();
  });

  it('shows the next five working days, Monday busiest, with a chart and a suggestion', async () => {
    await page.goto(`${sluice.url}/console/A81001/plan`);
    const rows = page.locator('table').first().locator('tbody tr');
    expect(await rows.count()).toBe(5);
    expect(await rows.first().textContent()).toContain('Monday 30 November 2026');
    // Each cell starts with its column's name for narrow screens (aria-hidden); the figure follows it.
    const expected = await rows.evaluateAll((trs) =>
      trs.map((tr) => Number(tr.querySelectorAll('td')[1]?.lastChild?.textContent?.trim())),
    );
    expect(expected[0]).toBeGreaterThan(expected[4]!);
    expect(await page.locator('svg.app-chart title').textContent()).toBe(
      'Expected demand against safe capacity, by hour',
    );
    expect(await page.locator('.nhsuk-inset-text').textContent()).toMatch(/last 8 Mondays/);
    a11y.push(...(await checkAndCapture(page, 'plan')));
  });

  it('replays a past Monday with one more GP beside the rota it had', async () => {
    await page.fill('#date', '2026-11-23');
    await page.fill('#extra', '25');
    await page.click('button:has-text("Replay the day")');
    await page.waitForURL(/date=2026-11-23/);
    const table = page.locator('table', { hasText: 'What happened on Monday 23 November 2026' });
    const told = await table
      .locator('tr', { hasText: 'Told tomorrow or later' })
      .locator('td')
      .evaluateAll((tds) => tds.map((td) => Number(td.lastChild?.textContent?.trim())));
    expect(told[1]).toBeLessThan(told[0]!);
    a11y.push(...(await checkAndCapture(page, 'plan-what-if')));
  });

  it('says what is wrong with a what-if of a day that has not happened', async () => {
    await page.goto(`${sluice.url}/console/A81001/plan?date=2026-12-02&extra=0`);
    expect(await page.locator('.nhsuk-error-summary').textContent()).toContain('Choose a day before today');
  });

  it('reflows at 320 px without horizontal scrolling, and passes axe throughout', async () => {
    await page.goto(`${sluice.url}/console/A81001/plan`);
    // The shared check: it lets nhsuk's header settle after the resize before measuring.
    expect(await reflowProblems(page, 'plan')).toEqual([]);
    expect(a11y).toEqual([]);
  });
});
