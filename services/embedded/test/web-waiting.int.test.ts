import request from 'supertest';
import type { Page } from 'playwright-core';
import { loadEnv } from '@sluice/config';
import { startSluice, type Sluice } from '../src';
import { checkAndCapture, openBrowser, type TestBrowser } from './browser';
import { reflowProblems } from './reflow';

/**
 * The console's waiting list in Debian's Chromium against a real Sluice (embedded default, Monday 30
 * November 2026, 10:00 in London): staff see who waits, take one on now (beyond safe capacity, counted
 * so) and cancel one with a reason the patient then reads. axe at 1280 and 375 px, reflow at 320 px.
 */
const OPERATOR = 'operator-key-for-waiting-tests-0123';
const NOW = '2026-11-30T10:00:00Z';
const TODAY = '2026-11-30';
jest.setTimeout(180_000);

describe('the waiting list in a real browser', () => {
  let sluice: Sluice;
  let browser: TestBrowser;
  let page: Page;
  let key: string;
  const problems: string[] = [];
  const url = (path: string) => `${sluice.url}${path}`;
  const op = () => ({ Authorization: `Bearer ${OPERATOR}` });
  const check = async (name: string) => {
    problems.push(...(await checkAndCapture(page, name)), ...(await reflowProblems(page, name)));
  };
  const post = async (description: string) => {
    const res = await request(sluice.server)
      .post('/v1/practices/A81001/requests')
      .set(op())
      .send({ kind: 'clinical', contact: { sms: '07700900123' }, description })
      .expect(202);
    return waitFor(res.body.id as string, (s) => s.status !== 'received');
  };
  const waitFor = async (id: string, done: (s: { status: string; reason: { text: string } }) => boolean) => {
    for (let i = 0; i < 300; i++) {
      const s = await request(sluice.server).get(`/v1/requests/${id}`);
      if (s.status === 200 && done(s.body)) return s.body as { id: string; status: string; reason: { text: string } };
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`request ${id} did not reach the state wanted`);
  };

  beforeAll(async () => {
    sluice = await startSluice(
      loadEnv({ PORT: '0', LOG_LEVEL: 'silent', SLUICE_NOW: NOW, SLUICE_OPERATOR_KEY: OPERATOR }),
      { tickMs: 0 },
    );
    key = (await request(sluice.server).post('/v1/practices/A81001/keys').set(op()).send({}).expect(201)).body.key;
    await request(sluice.server)
      .put('/v1/practices/A81001/config')
      .set(op())
      .send({ name: 'Riverside Surgery', urgentSharePct: 0 })
      .expect(200);
    await request(sluice.server)
      .put(`/v1/practices/A81001/rota/${TODAY}`)
      .set(op())
      .send({ clinicians: [{ id: 'gp1', role: 'GP', contacts: 2 }] })
      .expect(200);
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

  it('happy: an empty waiting list says so', async () => {
    await page.click('a.nhsuk-header__navigation-link:has-text("Waiting list")');
    await page.waitForURL(/\/console\/A81001\/waiting$/);
    expect(await page.locator('#waiting-empty').textContent()).toBe('No one is waiting.');
    await check('waiting-empty');
  });

  it('happy: queued requests are listed in order by reference, never by what the patient wrote; take on now overbooks and says so', async () => {
    for (let i = 0; i < 2; i++) expect((await post('Rash on my arm for two weeks')).status).toBe('accepted');
    const first = await post('Rash on my arm for two weeks');
    const second = await post('Sore knee after a fall last month');
    expect([first.status, second.status]).toEqual(['queued', 'queued']);
    await page.reload();
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    const ref = (id: string) => `${id.replace(/-/g, '').slice(0, 4)}-${id.replace(/-/g, '').slice(4, 8)}`.toUpperCase();
    expect(await rows.nth(0).textContent()).toContain(ref(first.id));
    expect(await rows.nth(0).textContent()).toContain('Clinical 1');
    expect(await rows.nth(1).textContent()).toContain(ref(second.id));
    expect(await page.locator('main').textContent()).not.toMatch(/Rash|knee/);
    expect(await page.locator('#today-full').textContent()).toContain('Today is full');
    await check('waiting');

    await rows.nth(0).locator('button:has-text("Take on now")').click();
    await page.waitForURL(/\/waiting\?done=taken-on-over/);
    expect(await page.locator('.nhsuk-notification-banner--success').textContent()).toContain(
      `Request ${ref(first.id)} taken on for today, beyond safe capacity`,
    );
    expect(await page.locator('tbody tr').count()).toBe(1);
    const told = await waitFor(first.id, (s) => s.status === 'accepted');
    expect(told.status).toBe('accepted');
    await page.click('a.nhsuk-header__navigation-link:has-text("Today")');
    expect(await page.locator('.nhsuk-summary-list').textContent()).toMatch(
      /Accepted beyond safe capacity\s*1 request/,
    );
  });

  it('happy: cancel asks for a reason, and the patient reads it on the status page', async () => {
    await page.goto(url('/console/A81001/waiting'));
    await page.locator('tbody tr').nth(0).locator('a:has-text("Cancel")').click();
    await page.waitForURL(/\/cancel$/);
    const id = /waiting\/([^/]+)\/cancel$/.exec(page.url())![1]!;
    await page.click('button:has-text("Cancel this request")');
    await page.locator('.nhsuk-error-summary', { hasText: 'Select why you are cancelling this request' }).waitFor();
    await check('waiting-cancel-error');
    await page.check('input[value="duplicate"]');
    await page.click('button:has-text("Cancel this request")');
    await page.waitForURL(/\/waiting\?done=cancelled/);
    expect(await page.locator('#waiting-empty').count()).toBe(1);
    const told = await waitFor(id, (s) => s.status === 'cancelled');
    expect(told.reason.text).toContain('because you sent the same request more than once');
    await page.goto(url(`/status/${id}`));
    expect(await page.locator('main').textContent()).toContain('because you sent the same request more than once');
  });

  it('unhappy: a take-on without the form token is refused, and one already taken on is a friendly conflict', async () => {
    const q = await post('Another rash');
    const res = await page.request.post(url(`/console/A81001/waiting/${q.id}/take-on`), {
      form: { _csrf: 'not-the-token' },
      maxRedirects: 0,
    });
    expect(res.status()).toBe(403);
    expect((await request(sluice.server).get(`/v1/requests/${q.id}`)).body.status).toBe('queued');
    await request(sluice.server).post(`/v1/practices/A81001/requests/${q.id}/promote`).set(op()).expect(200);
    await page.goto(url('/console/A81001/waiting'));
    // The page was loaded before someone else took it on: the button now meets a 409 page.
    const token = await page.locator('input[name="_csrf"]').first().inputValue();
    const again = await page.request.post(url(`/console/A81001/waiting/${q.id}/take-on`), {
      form: { _csrf: token },
      maxRedirects: 0,
    });
    expect(again.status()).toBe(409);
    expect(await again.text()).toContain('no longer waiting');
  });

  it('happy: the ICB overview says why each practice is where it is, with overbooking and redirects, and sort links on a phone', async () => {
    await request(sluice.server)
      .post('/v1/practices/A81001/pause')
      .set(op())
      .send({ reason: 'Flood in the waiting room', by: 'Dr A Patel', until: '2026-12-01T18:00:00Z' })
      .expect(201);
    await page.goto(url('/console/A81001'));
    await page.click('button:has-text("Sign out")');
    await page.fill('#key', OPERATOR);
    await page.click('button:has-text("Sign in")');
    await page.waitForURL(/\/icb$/);
    const row = page.locator('tbody tr', { hasText: 'Riverside Surgery (A81001)' });
    expect(await row.textContent()).toContain(
      'Declared: online requests are paused until 6pm on Tuesday 1 December (Flood in the waiting room, decided by Dr A Patel)',
    );
    expect((await row.locator('td').nth(5).textContent())?.trim()).toMatch(/2$/); // beyond safe capacity: two taken on when full
    await page.setViewportSize({ width: 375, height: 812 });
    await page.click('.app-sort-links a:has-text("Practice")');
    await page.waitForURL(/sort=practice/);
    await page.setViewportSize({ width: 1280, height: 900 });
    await check('icb-why');
  });

  it('accessibility: no WCAG 2.2 AA violation, no horizontal scroll at 320 px, no console error or CSP violation', () => {
    expect(problems).toEqual([]);
    expect(browser.problems).toEqual([]);
  });
});
