// The legacy (nomodule) bundle alone, as an older kiosk browser without ES modules would run it:
// the page's HTML is rewritten to drop every `<script type="module">` and keep the `nomodule`
// ones (without the attribute, since Chromium would skip them). The text renders, the toolbar
// upgrades, and Play with the recorded narration plays the audio and highlights a sentence.
import { test, expect, type Page } from '@playwright/test';
import { waitForUpgrade } from './helpers.ts';

/** Serves the document with only the legacy scripts; records every script the page requests. */
async function legacyOnly(page: Page): Promise<string[]> {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  await page.route(
    (url) => url.pathname === '/' || url.pathname === '/index.html',
    async (route) => {
      const response = await route.fetch();
      const html = (await response.text())
        .replace(/<script\b[^>]*\btype="module"[^>]*>[\s\S]*?<\/script>/g, '')
        .replace(/<link\b[^>]*\brel="modulepreload"[^>]*>/g, '')
        .replace(/<script\b([^>]*?)\s+nomodule\b/g, '<script$1');
      expect(html).not.toMatch(/<script\b[^>]*\btype="module"/);
      expect(html).toContain('vite-legacy-entry');
      await route.fulfill({ response, body: html });
    },
  );
  return scripts;
}

const audioClock = (page: Page) =>
  page.evaluate(() => {
    const h = (window as unknown as { Howler?: { _howls: { seek(): number }[] } }).Howler;
    return h?._howls[0] ? h._howls[0].seek() * 1000 : -1;
  });

test('the legacy bundle alone renders, upgrades the toolbar and plays the recorded narration', async ({ page }) => {
  test.setTimeout(60_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const scripts = await legacyOnly(page);
  await page.addInitScript(() => {
    Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });
  });
  await page.goto('/?narration=recorded');

  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await page.locator('[data-sid]').count()).toBeGreaterThan(100);
  await waitForUpgrade(page);
  // Only legacy chunks ran: SystemJS loaded them, no ES module was fetched.
  expect(scripts.length).toBeGreaterThan(1);
  for (const path of scripts.filter((p) => p.startsWith('/assets/'))) expect(path).toMatch(/-legacy-[\w-]+\.js$/);
  expect(await page.evaluate(() => typeof (window as unknown as { System?: unknown }).System)).toBe('object');
  // The stylesheet applies (the toolbar row's border comes from page.css).
  await expect(page.locator('.ne-toolbar-row')).toHaveCSS('border-bottom-style', 'solid');

  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => audioClock(page), { timeout: 15_000 }).toBeGreaterThan(300);
  await expect(page.locator('[data-sid][aria-current="true"]')).toHaveCount(1);
  // Lazily loaded legacy chunks (narration, Howler) came through SystemJS too.
  expect(scripts.some((p) => /howler-legacy-/.test(p))).toBe(true);
  expect(errors).toEqual([]);
});
