import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Flags for Debian's Chromium in a sandboxed, offline CI: no sandbox, no GPU, nothing phoning home. */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
/** WCAG 2.2 AA, as the NHS service standard asks. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
export const SCREENSHOTS = resolve(__dirname, '../../../artifacts/screenshots');

/**
 * Debian's Chromium (never a downloaded browser build). CI's setup installs the package; on a machine
 * without it, a root shell installs it the same way, and anything else is a clear failure.
 */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path) && !process.env.CHROMIUM_PATH && process.getuid?.() === 0) {
    execFileSync('apt-get', ['update'], { stdio: 'ignore' });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  if (!existsSync(path))
    throw new Error(`Chromium not found at ${path}: apt-get install chromium, or set CHROMIUM_PATH`);
  return path;
}

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  /** Console errors and CSP violations seen so far: a page that breaks its own policy shows up here. */
  problems: string[];
  close(): Promise<void>;
}

/** A fresh profile each time, so no cookie or cache leaks between runs. */
export async function openBrowser(options: { javaScript?: boolean } = {}): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'sluice-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    args: ARGS,
    headless: true,
    viewport: { width: 1280, height: 900 },
    javaScriptEnabled: options.javaScript ?? true,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  // Script errors, CSP violations and failed sub-resources (a page's own 4xx status is the test's business).
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400 && r.request().resourceType() !== 'document') problems.push(`${r.status()} ${r.url()}`);
  });
  return {
    context,
    page,
    problems,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** axe-core's WCAG 2.2 AA violations on the page as it is now (evaluated over CDP, so the page's CSP is untouched). */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async (tags) => {
    // Runs in the page: `axe.run(options)` checks the whole document.
    const axe = (
      globalThis as unknown as {
        axe: {
          run: (o: unknown) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const r = await axe.run({ runOnly: { type: 'tag', values: tags } });
    return r.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, WCAG_TAGS);
  return violations;
}

/**
 * Checks a page for accessibility at desktop (1280) and mobile (375) widths and saves a full-page
 * screenshot at each into artifacts/screenshots/<name>-desktop.png and -mobile.png.
 */
export async function checkAndCapture(page: Page, name: string): Promise<string[]> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const found: string[] = [];
  for (const [width, label] of [
    [1280, 'desktop'],
    [375, 'mobile'],
  ] as const) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
    found.push(...(await axeViolations(page)).map((v) => `${name} (${label}): ${v}`));
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${label}.png`), fullPage: true, animations: 'disabled' });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  return found;
}
