// Shared helpers for the browser tests: the axe run every state must pass, and page readiness.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

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

/** Waits until the root element has upgraded the static page. */
export async function waitForUpgrade(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('narrated-edition')?.hasAttribute('data-ready'));
}
