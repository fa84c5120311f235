import request from 'supertest';
import type { Page } from 'playwright-core';
import { loadEnv } from '@sluice/config';
import { screen } from '@sluice/triage';
import type { Screen } from '@sluice/intake';
import { startSluice, type Sluice } from '../src';
import { axeViolations, checkAndCapture, openBrowser, type TestBrowser } from './browser';

/**
 * The pages people use, driven in Debian's Chromium against a real Sluice (embedded default, a fixed
 * clock: Monday 30 November 2026, 10:00 in London). Each step checks the page with axe-core (WCAG 2.2
 * AA) at desktop and mobile widths and saves screenshots to artifacts/screenshots/.
 */
const OPERATOR = 'operator-key-for-browser-tests-0123';
const NOW = '2026-11-30T10:00:00Z';
const TODAY = '2026-11-30';
const TOMORROW = '2026-12-01';
jest.setTimeout(180_000);

/** The real screen, except that a text with this marker is a concern (whatever the rules would flag). */
const CONCERN = 'SLUICE-TEST-CONCERN';
const ADVICE = 'Call 999 if your legs go weak or numb.';
const testScreen: Screen = (input) =>
  input.description.includes(CONCERN)
    ? { outcome: 'concern', ruleId: 'test-concern', category: 'test', reasonText: ADVICE, rulesVersion: 'test' }
    : screen(input);

describe('web pages in a real browser', () => {
  let sluice: Sluice;
  let browser: TestBrowser;
  let page: Page;
  let keyA: string;
  const a11y: string[] = [];
  const ids: Record<string, string> = {};
  const op = () => ({ Authorization: `Bearer ${OPERATOR}` });
  const url = (path: string) => `${sluice.url}${path}`;
  const capture = async (name: string) => a11y.push(...(await checkAndCapture(page, name)));
  const level = async () => (await page.locator('#level').textContent())?.trim();

  /** A request through the intake API, as an online consultation tool sends it; resolves once decided. */
  const post = async (body: Record<string, unknown>, practice = 'A81001') => {
    const res = await request(sluice.server)
      .post(`/v1/practices/${practice}/requests`)
      .set(op())
      .send({ kind: 'clinical', contact: { sms: '07700900123' }, ...body })
      .expect(202);
    for (let i = 0; i < 300; i++) {
      const s = await request(sluice.server).get(`/v1/requests/${res.body.id}`);
      if (s.body.status !== 'received') return s.body as { id: string; status: string };
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`request ${res.body.id} was not decided`);
  };
  const routine = () => post({ description: 'Rash on my arm for two weeks' });

  beforeAll(async () => {
    sluice = await startSluice(
      loadEnv({ PORT: '0', LOG_LEVEL: 'silent', SLUICE_NOW: NOW, SLUICE_OPERATOR_KEY: OPERATOR }),
      { tickMs: 0, screen: testScreen },
    );
    keyA = (await request(sluice.server).post('/v1/practices/A81001/keys').set(op()).send({}).expect(201)).body.key;
    // Two neighbours for the ICB overview: one comfortable, one with no rota at all (BLACK).
    await request(sluice.server)
      .put('/v1/practices/B81001/config')
      .set(op())
      .send({ name: 'Hillside Practice' })
      .expect(200);
    await request(sluice.server)
      .put(`/v1/practices/B81001/rota/${TODAY}`)
      .set(op())
      .send({
        clinicians: [
          { id: 'gp1', role: 'GP' },
          { id: 'gp2', role: 'GP' },
        ],
      })
      .expect(200);
    await request(sluice.server)
      .put('/v1/practices/C81001/config')
      .set(op())
      .send({ name: 'Meadow Lane Surgery' })
      .expect(200);
    for (let i = 0; i < 3; i++) await post({ description: 'Repeat prescription question' }, 'B81001');
    browser = await openBrowser();
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
    await sluice?.stop();
  });

  it('happy: a practice manager signs in with the practice key and lands on today at a glance', async () => {
    await page.goto(url('/console'));
    await page.waitForURL(/\/sign-in/);
    await capture('sign-in');
    await page.fill('#key', 'slk_not_a_real_key_0123456789');
    await page.click('button:has-text("Sign in")');
    await page.locator('.nhsuk-error-summary').waitFor();
    await capture('sign-in-error');
    await page.fill('#key', keyA);
    await page.click('button:has-text("Sign in")');
    await page.waitForURL(/\/console\/A81001$/);
    expect(await level()).toBe('Black'); // no rota yet: no safe capacity today
  });

  it('happy: settings are saved through the form; a bad value is shown back with an error summary', async () => {
    await page.click('a.nhsuk-header__navigation-link:has-text("Settings")');
    await page.fill('#name', 'Riverside Surgery');
    await page.fill('#urgentSharePct', '95');
    await page.click('button:has-text("Save settings")');
    await page.locator('.nhsuk-error-summary').waitFor();
    expect(await page.locator('.nhsuk-error-summary').textContent()).toContain(
      'Urgent share must be a number from 0 to 90',
    );
    await capture('settings-error');
    await page.fill('#urgentSharePct', '20');
    await page.click('button:has-text("Save settings")');
    await page.locator('.nhsuk-notification-banner--success').waitFor();
    await capture('settings');
    expect(await page.locator('.nhsuk-caption-l').first().textContent()).toContain('Riverside Surgery (A81001)');
  });

  it("happy: tomorrow's rota shows its safe capacity live and at the check step, and the change shows once saved", async () => {
    await page.goto(url('/console/A81001/rota'));
    const tomorrowRow = page.locator('tr', { hasText: '(tomorrow)' });
    expect(await tomorrowRow.locator('td').nth(2).textContent()).toContain('0');
    await tomorrowRow.locator('a:has-text("Change")').click();
    await page.waitForURL(new RegExp(`/rota/${TOMORROW}$`));
    await page.fill('#id-0', 'AP');
    await page.selectOption('#role-0', 'GP');
    await page.fill('#id-1', 'JS');
    await page.selectOption('#role-1', 'ANP');
    await page.fill('#contacts-1', '20');
    // With JavaScript the figure follows the typing: GP 25 (the role's figure) + ANP 20 = 45, 20 % held back.
    await page.locator('#capacity', { hasText: '45 safe contacts: 36 routine and 9 held back' }).waitFor();
    await page.click('button:has-text("Check safe capacity")');
    await page.locator('#capacity', { hasText: 'This rota gives 45 safe contacts' }).waitFor();
    await capture('rota-check');
    await page.click('button:has-text("Save rota")');
    await page.locator('.nhsuk-notification-banner--success').waitFor();
    expect(await page.locator('tr', { hasText: '(tomorrow)' }).locator('td').nth(2).textContent()).toContain('45');
    expect(await page.locator('tr', { hasText: '(tomorrow)' }).textContent()).toContain('This date');
    await capture('rota');
  });

  it('happy: without JavaScript the check step and saving work the same (progressive enhancement)', async () => {
    const plain = await openBrowser({ javaScript: false });
    try {
      const p = plain.page;
      await p.goto(url('/sign-in'));
      await p.fill('#key', keyA);
      await p.click('button:has-text("Sign in")');
      await p.waitForURL(/\/console\/A81001$/);
      await p.goto(url(`/console/A81001/rota/${TODAY}`));
      await p.fill('#id-0', 'gp1');
      await p.fill('#contacts-0', '10');
      await p.click('button:has-text("Check safe capacity")');
      expect(await p.locator('#capacity').textContent()).toContain('10 safe contacts: 8 routine and 2 held back');
      await p.click('button:has-text("Save rota")');
      await p.locator('.nhsuk-notification-banner--success').waitFor();
      await p.goto(url('/console/A81001'));
      expect((await p.locator('#level').textContent())?.trim()).toBe('Green');
      expect(plain.problems).toEqual([]);
    } finally {
      await plain.close();
    }
  });

  it('happy: requests posted through intake raise the level to AMBER, then RED, on the console', async () => {
    await page.goto(url('/console/A81001'));
    expect(await level()).toBe('Green');
    await capture('today-green');
    for (let i = 0; i < 7; i++) ids.accepted = (await routine()).id; // 7 of 8 routine: past the 80 % threshold
    await page.reload();
    expect(await level()).toBe('Amber');
    await capture('today-amber');
    await routine(); // 8 of 8
    await page.reload();
    expect(await level()).toBe('Red');
    const queued = await routine();
    expect(queued.status).toBe('queued');
    ids.queued = queued.id;
    const redirected = await post({ description: 'crushing chest pain going down my left arm' });
    expect(redirected.status).toBe('redirected');
    ids.redirected = redirected.id;
    await page.reload();
    expect(await page.locator('.nhsuk-summary-list').textContent()).toContain('1 clinical request');
    expect(await page.locator('svg.app-chart rect.app-chart__bar').count()).toBe(1); // all of it in the 10:00 hour
    await capture('today-red');
  });

  it('happy: pausing needs a reason, a named person, an end within 4 days and a confirmation; a banner shows until resumed', async () => {
    await page.click('a.nhsuk-header__navigation-link:has-text("Pause")');
    await page.fill('#reason', 'Flood in the waiting room');
    await page.fill('#by', 'Dr A Patel, partner');
    await page.fill('#until-day', '9');
    await page.fill('#until-month', '12');
    await page.fill('#until-year', '2026');
    await page.fill('#until-time', '18:00');
    await page.click('button:has-text("Continue")');
    await page.locator('.nhsuk-error-summary', { hasText: 'within 4 days' }).waitFor();
    await capture('pause-error');
    await page.fill('#until-day', '1');
    await page.click('button:has-text("Continue")');
    await page.locator('h1', { hasText: 'Check before you pause' }).waitFor();
    expect(await page.locator('.nhsuk-summary-list').textContent()).toContain('6pm on Tuesday 1 December');
    await capture('pause-confirm');
    await page.click('button:has-text("Pause online requests")');
    await page.waitForURL(/\/console\/A81001\?done=paused$/);
    expect(await level()).toBe('Black');
    expect(await page.locator('.app-pause-banner').textContent()).toContain('paused until 6pm on Tuesday 1 December');
    await capture('today-paused');
    await page.click('a.nhsuk-header__navigation-link:has-text("Rota")');
    expect(await page.locator('.app-pause-banner').count()).toBe(1); // on every console page
    await page.click('button:has-text("Resume online requests")');
    await page.waitForURL(/\?done=resumed$/);
    expect(await page.locator('.app-pause-banner').count()).toBe(0);
    expect(await level()).toBe('Red');
  });

  it('happy: the patient status page explains an accepted, a queued, a redirected and a concern request, and a friendly 404 otherwise', async () => {
    await page.goto(url(`/status/${ids.accepted}`));
    expect(await page.locator('h1').textContent()).toBe('Your GP practice has accepted your request');
    await capture('status-accepted');
    await page.goto(url(`/status/${ids.queued}`));
    expect(await page.locator('h1').textContent()).toBe("Your request is on your GP practice's waiting list");
    expect(await page.locator('.nhsuk-summary-list').textContent()).toContain('Number 1');
    expect(await page.locator('main').textContent()).toContain('Tuesday 1 December');
    await capture('status-queued');
    await page.goto(url(`/status/${ids.redirected}`));
    expect(await page.locator('h1').textContent()).toBe('Call 999 now');
    expect(await page.locator('main').textContent()).toContain('999');
    await capture('status-redirected');
    // A concern: a doctor or nurse today, and one instruction about 999 in its rule's words.
    const concern = await post({ description: `Back ache ${CONCERN}` });
    expect(concern.status).toBe('accepted');
    await page.goto(url(`/status/${concern.id}`));
    expect(await page.locator('h1').textContent()).toBe('A doctor or nurse will look at your request today');
    expect(await page.locator('#call-999').textContent()).toBe(ADVICE);
    expect(await page.locator('main').textContent()).not.toContain('If things get worse');
    await capture('status-concern');
    const missing = await page.goto(url('/status/not-a-request-id'));
    expect(missing?.status()).toBe(404);
    await capture('status-not-found');
  });

  it('happy: the ICB overview (operator key) counts practices by level and sorts them by pressure with plain links', async () => {
    await page.goto(url('/console/A81001'));
    await page.click('button:has-text("Sign out")');
    await page.waitForURL(/\/sign-in$/);
    await page.fill('#key', OPERATOR);
    await page.click('button:has-text("Sign in")');
    await page.waitForURL(/\/icb$/);
    const order = async () => page.locator('tbody tr td:nth-child(2) a').allTextContents();
    expect((await order()).map((t) => t.trim())).toEqual([
      'Meadow Lane Surgery (C81001)',
      'Riverside Surgery (A81001)',
      'Hillside Practice (B81001)',
    ]);
    expect(await page.locator('#count-RED').textContent()).toBe('1');
    await capture('icb');
    await page.click('th a:has-text("Level and pressure")'); // least pressure first
    expect((await order()).map((t) => t.trim())[0]).toBe('Hillside Practice (B81001)');
    await page.click('a:has-text("Riverside Surgery (A81001)")');
    await page.waitForURL(/\/console\/A81001$/);
    expect(await level()).toBe('Red');
  });

  it('happy: a concern sent while the practice is closed (a closure today) says call 111 now, with the same one instruction about 999', async () => {
    // After the ICB overview, which counts every practice: this one exists only for this step.
    await request(sluice.server)
      .put('/v1/practices/D81001/config')
      .set(op())
      .send({ name: 'Brook Street Surgery', closures: [TODAY] })
      .expect(200);
    const closed = await post({ description: `Back ache ${CONCERN}` }, 'D81001');
    expect(closed.status).toBe('redirected');
    await page.goto(url(`/status/${closed.id}`));
    expect(await page.locator('h1').textContent()).toBe('Call 111 now');
    expect(await page.locator('#call-999').textContent()).toBe(ADVICE);
    await capture('status-concern-closed');
  });

  it('accessibility: the axe check itself catches violations (a control: a page with no language and an image with no alt text)', async () => {
    await page.setContent(
      '<html><body><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><a href="#"></a></body></html>',
    );
    const found = await axeViolations(page);
    expect(found.join('\n')).toMatch(/image-alt/);
    expect(found.join('\n')).toMatch(/html-has-lang/);
  });

  it('accessibility: every page visited has no WCAG 2.2 AA violation (axe-core), and no console error or CSP violation', () => {
    expect(a11y).toEqual([]);
    expect(browser.problems).toEqual([]);
  });
});
