// Shared helpers for the browser tests: the axe run every state must pass, page readiness, and the
// reader bar's controls (some live in its "More" panel).
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The WCAG A/AA tags and axe's best practices (landmarks, headings, regions…) the edition must pass;
 * AAA text contrast (7:1) is added separately below.
 */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Runs axe on the page (including open shadow roots) and fails with a readable list of violations. */
export async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
  const tagged = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const enhanced = await new AxeBuilder({ page }).withRules(['color-contrast-enhanced']).analyze();
  const violations = [...tagged.violations, ...enhanced.violations].map(
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
    return !!root?.hasAttribute('data-ready') && (!root.hasAttribute('kiosk') || root.hasAttribute('data-kiosk-ready'));
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
