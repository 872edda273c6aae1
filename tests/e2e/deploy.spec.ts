// Deploying under a sub-folder (issue 9, item 1): the build uses relative URLs, so dist/ served at
// /edition/ loads every script, style, font and the document model from there. Requests outside
// /edition/ get a 404 here, as on a host where the edition is not at the site's root.
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { barButton } from './helpers.ts';

const FAKE_SPEECH = readFileSync('tests/e2e/support/fake-speech.js', 'utf8');

/** Serves the built edition at `/edition/` only; anything else is a 404, and is recorded. */
async function serveUnderSubfolder(page: Page, misses: string[], served: string[] = []) {
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.hostname !== '127.0.0.1') return route.continue();
    served.push(url.pathname);
    if (!url.pathname.startsWith('/edition/')) {
      misses.push(url.pathname);
      return route.fulfill({ status: 404, body: 'Not found' });
    }
    url.pathname = url.pathname.replace(/^\/edition\//, '/');
    const response = await route.fetch({ url: url.href });
    await route.fulfill({ response });
  });
}

// The recording streams: a media request may still be in flight when a test ends.
test.afterEach(async ({ page }) => {
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});

test('served under /edition/: every asset loads from there, settings and narration work', async ({ page }) => {
  const misses: string[] = [];
  await serveUnderSubfolder(page, misses);
  await page.addInitScript({ content: FAKE_SPEECH });
  await page.goto('/edition/');
  await page.waitForFunction(() => document.querySelector('narrated-edition')?.hasAttribute('data-ready'));
  // The reading font (a CSS url()) and the favicon too.
  await expect.poll(() => page.evaluate(() => document.fonts.check('16px "Atkinson Hyperlegible"'))).toBe(true);
  expect(await page.evaluate(() => (document.querySelector('link[rel="icon"]') as HTMLLinkElement).href)).toMatch(/\/edition\/favicon\.svg$/);
  await (await barButton(page, 'Reading settings')).click();
  await expect(page.getByRole('dialog', { name: 'Reading settings' })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.locator('[aria-current="true"]')).toHaveCount(1);
  expect(misses).toEqual([]);
});

test('served under /edition/: the recorded narration and the kiosk’s spoken-help recording load from there', async ({ page }) => {
  const misses: string[] = [];
  const served: string[] = [];
  await serveUnderSubfolder(page, misses, served);
  await page.addInitScript(() => Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true }));
  await page.goto('/edition/?kiosk&idle=3600');
  await expect(page.locator('narrated-edition')).toHaveAttribute('data-speech-recording', 'ready', { timeout: 30_000 });
  await page.mouse.click(300, 300); // leave the attract screen
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.locator('[aria-current="true"]')).toHaveCount(1);
  // The recording itself is requested from the sub-folder (a media element's own request).
  await expect.poll(() => served.some((p) => /^\/edition\/audio\/narration\.(webm|mp3)$/.test(p)), { timeout: 15_000 }).toBe(true);
  expect(served).toContain('/edition/audio/interface.json');
  expect(misses).toEqual([]);
});
