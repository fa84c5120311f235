import request from 'supertest';
import type { Page } from 'playwright-core';
import { loadEnv } from '@sluice/config';
import { startSluice, type Sluice } from '../src';
import { checkAndCapture, openBrowser, type TestBrowser } from './browser';
import { reflowProblems } from './reflow';

/**
 * Today at a glance in Debian's Chromium (embedded default, Monday 30 November 2026, 09:30 in London):
 * it says why the practice is at its level and brings itself up to date without a reload.
 */
const OPERATOR = 'operator-key-for-today-tests-01234';
const TODAY = '2026-11-30';
jest.setTimeout(180_000);

describe('Today at a glance in a real browser', () => {
  let sluice: Sluice;
  let browser: TestBrowser;
  let page: Page;
  const problems: string[] = [];
  const url = (path: string) => `${sluice.url}${path}`;
  const op = () => ({ Authorization: `Bearer ${OPERATOR}` });
  const reason = async () => (await page.locator('#level-reason').textContent())?.trim();
  const post = async () => {
    const res = await request(sluice.server)
      .post('/v1/practices/A81001/requests')
      .set(op())
      .send({ kind: 'clinical', contact: { sms: '07700900123' }, description: 'Rash on my arm' })
      .expect(202);
    for (let i = 0; i < 300; i++) {
      if ((await request(sluice.server).get(`/v1/requests/${res.body.id}`)).body.status !== 'received') return;
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  beforeAll(async () => {
    sluice = await startSluice(
      loadEnv({ PORT: '0', LOG_LEVEL: 'silent', SLUICE_NOW: '2026-11-30T09:30:00Z', SLUICE_OPERATOR_KEY: OPERATOR }),
      { tickMs: 0 },
    );
    const key = (await request(sluice.server).post('/v1/practices/A81001/keys').set(op()).send({}).expect(201)).body
      .key;
    await request(sluice.server)
      .put('/v1/practices/A81001/config')
      .set(op())
      .send({ name: 'Riverside Surgery', urgentSharePct: 0 })
      .expect(200);
    browser = await openBrowser();
    page = browser.page;
    await page.clock.install({ time: new Date('2026-11-30T09:30:00Z') });
    await page.goto(url('/sign-in'));
    await page.fill('#key', key);
    await page.click('button:has-text("Sign in")');
    await page.waitForURL(/\/console\/A81001$/);
  });
  afterAll(async () => {
    await browser?.close();
    await sluice?.stop();
  });

  it('happy: BLACK with no rota says "No rota", and shows when it was last updated', async () => {
    expect((await page.locator('#level').textContent())?.trim()).toBe('Black');
    expect(await reason()).toMatch(/^No rota: there is no safe capacity today/);
    expect(await page.locator('#updated').textContent()).toBe('09:30:00');
    problems.push(...(await checkAndCapture(page, 'today-no-rota')), ...(await reflowProblems(page, 'today-no-rota')));
  });

  it('happy: the page follows changes by itself (no reload) and the chart line ends at the current hour', async () => {
    await request(sluice.server)
      .put(`/v1/practices/A81001/rota/${TODAY}`)
      .set(op())
      .send({ clinicians: [{ id: 'gp1', role: 'GP', contacts: 2 }] })
      .expect(200);
    for (let i = 0; i < 2; i++) await post();
    const marker = await page.evaluate(() => ((globalThis as unknown as { marker: number }).marker = 42));
    await page.clock.fastForward(31_000);
    await page.locator('#level', { hasText: 'Red' }).waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as { marker?: number }).marker)).toBe(marker); // the same document: no reload
    expect(await reason()).toBe('Routine share used: 2 of 2 routine places taken.');
    expect(await page.locator('#live-status').textContent()).toBe('Safeguard level is now Red.');
    // An emergency is sent to 999: counted by destination, not in the demand the level counts.
    const e = await request(sluice.server)
      .post('/v1/practices/A81001/requests')
      .set(op())
      .send({
        kind: 'clinical',
        contact: { sms: '07700900123' },
        description: 'crushing chest pain going down my left arm',
      })
      .expect(202);
    expect(e.body.status).toBe('redirected');
    // Intake answers at once; capacity counts it a moment later: the next refresh or the one after shows it.
    for (
      let i = 0;
      i < 20 && !/Sent elsewhere today\s*999: 1/.test((await page.locator('.nhsuk-summary-list').textContent()) ?? '');
      i++
    ) {
      await page.clock.fastForward(31_000);
      await page.waitForTimeout(100);
    }
    expect(await page.locator('.nhsuk-summary-list').textContent()).toMatch(/Sent elsewhere today\s*999: 1/);
    expect(await page.locator('#chart-desc').textContent()).toMatch(/^2 clinical requests so far today/);
    // 09:30: the running line has the origin, 08:00 and 09:00, not the hours to come.
    const points = (await page.locator('polyline.app-chart__running').getAttribute('points'))!.trim().split(' ');
    expect(points).toHaveLength(3);
    problems.push(
      ...(await checkAndCapture(page, 'today-red-live')),
      ...(await reflowProblems(page, 'today-red-live')),
    );
  });

  it('happy: staff can stop the updates', async () => {
    await page.click('#live-toggle');
    expect(await page.locator('#live-toggle').textContent()).toBe('Start updating');
    await post(); // queued: the day is full
    await page.clock.fastForward(61_000);
    await page.waitForTimeout(200);
    expect(await page.locator('.nhsuk-summary-list').textContent()).toContain('0 clinical requests');
    await page.click('#live-toggle');
    await page.clock.fastForward(31_000);
    await page.locator('.nhsuk-summary-list', { hasText: '1 clinical request,' }).waitFor();
  });

  it('accessibility: no WCAG 2.2 AA violation, no horizontal scroll at 320 px, no console error or CSP violation', () => {
    expect(problems).toEqual([]);
    expect(browser.problems).toEqual([]);
  });
});
