import request from 'supertest';
import type { Page } from 'playwright-core';
import { loadEnv } from '@sluice/config';
import { startSluice, type Sluice } from '../src';
import { checkAndCapture, openBrowser, type TestBrowser } from './browser';
import { reflowProblems } from './reflow';

/** Rota entry in Debian's Chromium (Monday 30 November 2026, 10:00): Enter saves, risky saves ask first. */
const OPERATOR = 'operator-key-for-rota-tests-012345';
jest.setTimeout(180_000);

describe('rota entry in a real browser', () => {
  let sluice: Sluice;
  let browser: TestBrowser;
  let page: Page;
  const problems: string[] = [];
  const url = (path: string) => `${sluice.url}${path}`;
  const check = async (name: string) =>
    problems.push(...(await checkAndCapture(page, name)), ...(await reflowProblems(page, name)));

  beforeAll(async () => {
    sluice = await startSluice(
      loadEnv({ PORT: '0', LOG_LEVEL: 'silent', SLUICE_NOW: '2026-11-30T10:00:00Z', SLUICE_OPERATOR_KEY: OPERATOR }),
      { tickMs: 0 },
    );
    const key = (
      await request(sluice.server)
        .post('/v1/practices/A81001/keys')
        .set({ Authorization: `Bearer ${OPERATOR}` })
        .send({})
        .expect(201)
    ).body.key;
    browser = await openBrowser();
    page = browser.page;
    await page.goto(url('/sign-in'));
    await page.fill('#key', key);
    await page.click('button:has-text("Sign in")');
    await page.waitForURL(/\/console\/A81001$/);
  });
  afterAll(async () => {
    await browser?.close();
    await sluice?.stop();
  });

  it('happy: the heading has the year; Enter in a field saves; Add another clinician puts focus on the new row', async () => {
    await page.goto(url('/console/A81001/rota/2026-12-01'));
    expect(await page.locator('h1').textContent()).toBe('Rota for Tuesday 1 December 2026');
    const rows = await page.locator('fieldset.app-clinician').count();
    await page.click('button:has-text("Add another clinician")');
    expect(await page.locator('fieldset.app-clinician').count()).toBe(rows + 1);
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe(`id-${rows}`);
    await page.fill('#id-0', 'AP');
    await page.fill('#contacts-0', '20');
    await page.press('#contacts-0', 'Enter');
    await page.waitForURL(/\/rota\?done=rota-saved$/);
  });

  it('happy: the live total ignores a value the form would refuse', async () => {
    await page.goto(url('/console/A81001/rota/2026-12-02'));
    await page.fill('#id-0', 'AP');
    await page.fill('#contacts-0', '20');
    await page.fill('#id-1', 'JS');
    await page.fill('#contacts-1', '500');
    await page.locator('#capacity', { hasText: 'This rota gives 20 safe contacts' }).waitFor();
  });

  it('unhappy: an empty rota, a past date and closing today each ask first; confirming saves', async () => {
    await page.goto(url('/console/A81001/rota/2026-11-30'));
    await page.check('input[name="closed"]');
    await page.click('button:has-text("Save rota")');
    const risks = page.locator('#rota-risks');
    await risks.waitFor();
    expect(await risks.textContent()).toContain('no safe capacity');
    expect(await risks.textContent()).toContain('This closes the practice today');
    await check('rota-confirm');
    await page.click('button:has-text("Yes, save this rota")');
    await page.waitForURL(/\/rota\?done=rota-saved$/);

    await page.goto(url('/console/A81001/rota/2026-11-27'));
    await page.fill('#id-0', 'AP');
    await page.click('button:has-text("Save rota")');
    expect(await page.locator('#rota-risks').textContent()).toContain('Friday 27 November 2026 is in the past');
    expect(
      (
        await request(sluice.server)
          .get('/v1/practices/A81001/rota/2026-11-27')
          .set({ Authorization: `Bearer ${OPERATOR}` })
      ).body.dated,
    ).toBe(false);
  });

  it('accessibility: no WCAG 2.2 AA violation, no horizontal scroll at 320 px, no console error or CSP violation', () => {
    expect(problems).toEqual([]);
    expect(browser.problems).toEqual([]);
  });
});
