import request from 'supertest';
import type { Page } from 'playwright-core';
import { loadEnv } from '@sluice/config';
import { startSluice, type Sluice } from '../src';
import { checkAndCapture, openBrowser, type TestBrowser } from './browser';
import { reflowProblems } from './reflow';

/**
 * The patient status pages on a phone-sized Chromium (embedded default, Monday 30 November 2026, 10:00):
 * one message on the 999 page, a reference and the practice's phone on the others, and the landing page.
 */
const OPERATOR = 'operator-key-for-status-tests-0123';
jest.setTimeout(180_000);

describe('patient status pages in a real browser', () => {
  let sluice: Sluice;
  let browser: TestBrowser;
  let page: Page;
  const problems: string[] = [];
  const url = (path: string) => `${sluice.url}${path}`;
  const op = () => ({ Authorization: `Bearer ${OPERATOR}` });
  const check = async (name: string) =>
    problems.push(...(await checkAndCapture(page, name)), ...(await reflowProblems(page, name)));
  const main = async () => (await page.locator('main').textContent()) ?? '';
  const post = async (description: string) => {
    const res = await request(sluice.server)
      .post('/v1/practices/A81001/requests')
      .set(op())
      .send({ kind: 'clinical', contact: { sms: '07700900123' }, description })
      .expect(202);
    for (let i = 0; i < 300; i++) {
      const s = await request(sluice.server).get(`/v1/requests/${res.body.id}`);
      if (s.body.status !== 'received') return s.body as { id: string; status: string };
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('not decided');
  };

  beforeAll(async () => {
    sluice = await startSluice(
      loadEnv({ PORT: '0', LOG_LEVEL: 'silent', SLUICE_NOW: '2026-11-30T10:00:00Z', SLUICE_OPERATOR_KEY: OPERATOR }),
      { tickMs: 0 },
    );
    await request(sluice.server)
      .put('/v1/practices/A81001/config')
      .set(op())
      .send({ name: 'Riverside Surgery', phone: '020 7946 0000' })
      .expect(200);
    await request(sluice.server)
      .put('/v1/practices/A81001/rota/2026-11-30')
      .set(op())
      .send({ clinicians: [{ id: 'gp1', role: 'GP', contacts: 5 }] })
      .expect(200);
    browser = await openBrowser();
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
    await sluice?.stop();
  });

  it('happy: the 999 page says one thing, call 999 now, with a tel: link; no 111, no "while you wait", no other number', async () => {
    const e = await post('crushing chest pain going down my left arm');
    expect(e.status).toBe('redirected');
    await page.goto(url(`/status/${e.id}`));
    expect(await page.locator('h1').textContent()).toBe('Call 999 now');
    expect(await page.locator('#go').getAttribute('href')).toBe('tel:999');
    expect(await main()).not.toMatch(/111|while you wait|020 7946/i);
    expect(await page.locator('a[href^="tel:"]').count()).toBe(1);
    await check('status-emergency');
  });

  it('happy: the accepted page gives the day, how the practice will be in touch, a reference and the practice phone', async () => {
    const a = await post('Rash on my arm for two weeks');
    expect(a.status).toBe('accepted');
    await page.goto(url(`/status/${a.id}`));
    expect(await main()).toContain(
      'The team will look at it on Monday 30 November and contact you that day, by text message or email',
    );
    expect(await page.locator('#reference').textContent()).toBe(
      `${a.id.slice(0, 4)}-${a.id.slice(4, 8)}`.toUpperCase(),
    );
    expect(await page.locator('#practice-phone').getAttribute('href')).toBe('tel:02079460000');
    await check('status-accepted-phone');
  });

  it('happy: "/" is a page that sends people to sign in or to look up a request', async () => {
    const res = await page.goto(url('/'));
    expect(res?.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('Sluice');
    await page.click('a:has-text("Sign in to the practice console")');
    await page.waitForURL(/\/sign-in$/);
    await page.goto(url('/'));
    await check('home');
  });

  it('accessibility: no WCAG 2.2 AA violation, no horizontal scroll at 320 px, no console error or CSP violation', () => {
    expect(problems).toEqual([]);
    expect(browser.problems).toEqual([]);
  });
});
