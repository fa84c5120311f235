import type { Page } from 'playwright-core';

/**
 * WCAG 1.4.10 (reflow): at 320 CSS px wide nothing may need horizontal scrolling. Answers the widest
 * elements that stick out, empty when the page reflows.
 */
export async function reflowProblems(page: Page, name: string): Promise<string[]> {
  const before = page.viewportSize() ?? { width: 1280, height: 900 };
  await page.setViewportSize({ width: 320, height: 640 });
  // nhsuk-frontend's header moves navigation that does not fit into its "More" menu on resize.
  await page.waitForTimeout(300);
  // A string, run in the page: this package's TypeScript has no DOM types.
  const found = (await page.evaluate(`(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    return [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > width + 1)
      .slice(0, 5)
      .map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (typeof e.className === 'string' && e.className ? '.' + e.className.split(' ').join('.') : '') + ' ends at ' + Math.round(e.getBoundingClientRect().right) + 'px');
  })()`)) as string[];
  await page.setViewportSize(before);
  return found.map((f) => `${name} (320px): ${f}`);
}
