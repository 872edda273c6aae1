// Shared helpers for the browser tests: the axe run every state must pass, page readiness, the
// reader bar's controls (some live in its "More" panel), and the page as a browser without modules gets it.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The WCAG A/AA tags and axe's best practices (landmarks, headings, regions…) the edition must pass;
 * AAA text contrast (7:1) is enabled beside them (expectNoAxeViolations).
 */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * Runs axe on the page (including open shadow roots) and fails with a readable list of violations.
 * One run: the tagged rules, and AAA contrast enabled by name (an enabled rule runs beside the tags);
 * only violations carry every node (resultTypes), which keeps the run short.
 */
export async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    // axe.run in the page itself: the default mode opens a second page per run to merge frames'
    // results (three times slower here); the edition has no cross-origin frames to merge.
    .setLegacyMode(true)
    .options({ resultTypes: ['violations'], rules: { 'color-contrast-enhanced': { enabled: true } } })
    .withTags(AXE_TAGS)
    .analyze();
  expect(results.passes.concat(results.violations, results.incomplete).some((r) => r.id === 'color-contrast-enhanced'), 'AAA contrast was checked').toBe(true);
  const violations = results.violations.map(
    (v) => `${v.id} (${v.nodes.length}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`,
  );
  expect(violations, `axe violations in state "${state}"`).toEqual([]);
}

/**
 * Waits until the root element has upgraded the static page, and in kiosk mode until the kiosk's
 * code has set up its screens (a touch that should leave the attract screen must come after it).
 */
export async function waitForUpgrade(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const root = document.querySelector('narrated-edition');
    return (
      !!root?.hasAttribute('data-ready') &&
      // The bar measured (its place, sticky or docked, and the scroll padding are final).
      document.documentElement.hasAttribute('data-toolbar-measured') &&
      (!root.hasAttribute('kiosk') || root.hasAttribute('data-kiosk-ready'))
    );
  });
}

/** The reader bar's "More" button (a disclosure: aria-expanded, aria-controls). */
export const moreButton = (page: Page): Locator => page.getByRole('button', { name: 'More', exact: true });

/** Opens the reader bar's "More" panel, unless it is open already. */
export async function openMore(page: Page): Promise<void> {
  const more = moreButton(page);
  if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click();
  await expect(more).toHaveAttribute('aria-expanded', 'true');
}

/**
 * A control of the reader bar by role and accessible name. When it is not in view it is in the
 * closed "More" panel: that is opened first (the kiosk shows every control, so there it never is).
 */
export async function barControl(page: Page, role: 'button' | 'slider', name: string | RegExp): Promise<Locator> {
  const control = page.getByRole(role, { name, exact: typeof name === 'string' }).first();
  if (!(await control.isVisible())) await openMore(page);
  await expect(control).toBeVisible();
  return control;
}

/** A button of the reader bar by its accessible name (exact for a string), opening "More" if needed. */
export const barButton = (page: Page, name: string | RegExp): Promise<Locator> => barControl(page, 'button', name);

/**
 * Serves the document (the request `isDocument` matches) as a browser without ES modules runs it:
 * module scripts and modulepreloads out, the `nomodule` scripts made plain, headers (CSP) kept.
 * `inspect` sees the rewritten document and its URL before it is served.
 */
export async function serveAsLegacyBrowser(
  page: Page,
  isDocument: (url: URL) => boolean,
  inspect?: (html: string, url: string) => void,
): Promise<void> {
  await page.route(isDocument, async (route) => {
    const response = await route.fetch();
    const html = (await response.text())
      .replace(/<script\b[^>]*\btype="module"[^>]*>[\s\S]*?<\/script>/g, '')
      .replace(/<link\b[^>]*\brel="modulepreload"[^>]*>/g, '')
      .replace(/<script\b([^>]*?)\s+nomodule\b/g, '<script$1');
    inspect?.(html, route.request().url());
    await route.fulfill({ response, body: html });
  });
}
