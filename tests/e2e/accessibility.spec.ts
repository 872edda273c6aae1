// axe-core in every state the edition ships in issue 2: each theme and font, settings open,
// reading focus on, and the largest text size.
import { test, expect, type Page } from '@playwright/test';
import { barButton, expectNoAxeViolations, waitForUpgrade } from './helpers.ts';

const STORAGE_KEY = 'ne-reading-settings:v1';
const THEMES = ['hc-dark', 'hc-light', 'cream'];
const FONTS = ['atkinson', 'opendyslexic', 'lexend'];

async function loadWith(page: Page, preferences: Record<string, unknown>) {
  await page.addInitScript(
    ([key, value]) => localStorage.setItem(key, value),
    [STORAGE_KEY, JSON.stringify(preferences)] as const,
  );
  await page.goto('/');
  await waitForUpgrade(page);
  await page.evaluate(() => document.fonts.ready);
}

for (const theme of THEMES) {
  for (const font of FONTS) {
    test(`no axe violations: theme ${theme}, font ${font}`, async ({ page }) => {
      await loadWith(page, { theme, font });
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      await expectNoAxeViolations(page, `${theme}/${font}`);
    });
  }
  test(`no axe violations: theme ${theme} with the settings dialog open`, async ({ page }) => {
    await loadWith(page, { theme });
    await (await barButton(page, 'Reading settings')).click();
    await expect(page.getByRole('dialog', { name: 'Reading settings' })).toBeVisible();
    await expectNoAxeViolations(page, `${theme}/settings open`);
  });
  test(`no axe violations: theme ${theme} with reading focus and 300% text`, async ({ page }) => {
    await loadWith(page, { theme, readingFocus: true, textSize: 300, letterSpacing: 0.12, wordSpacing: 0.42, lineHeight: 2 });
    await page.locator('.ne-text p').nth(2).click();
    await expectNoAxeViolations(page, `${theme}/reading focus`);
  });
}

test('under forced colours the speaker labels and focus bar keep a visible border', async ({ page }) => {
  await page.emulateMedia({ forcedColors: 'active' });
  await loadWith(page, { readingFocus: true });
  const label = page.locator('.ne-speaker').first();
  const style = await label.evaluate((el) => getComputedStyle(el).borderTopStyle);
  expect(style).toBe('solid');
  await expectNoAxeViolations(page, 'forced colors');
});
