// The EPUB 3 talking book on the page: Source and credits links it with its real size, the file is
// served as an EPUB (a zip whose first entry is `mimetype`, stored), the offline worker does not
// list it, and a kiosk hides the link.
import { test, expect } from '@playwright/test';

test('Source and credits links the talking book with its size; it downloads as an EPUB', async ({ page, request }) => {
  await page.goto('/');
  const source = page.getByRole('region', { name: 'Source and credits' });
  const link = source.getByRole('link', { name: /^Download the talking book \(EPUB 3, \d+\.\d MB\)$/ });
  await expect(link).toBeVisible();
  const response = await request.get((await link.getAttribute('href'))!);
  expect(response.status()).toBe(200);
  const body = await response.body();
  expect(body.subarray(30, 58).toString('latin1')).toBe('mimetypeapplication/epub+zip');
  const stated = Number(/(\d+\.\d) MB/.exec((await link.textContent())!)![1]);
  expect(stated).toBe(Number((body.byteLength / 1_000_000).toFixed(1)));
  expect(body.byteLength).toBeLessThan(6_000_000);
  // A download, not part of the offline edition: the worker's precache list does not name it.
  const worker = await (await request.get('sw.js')).text();
  expect(worker).toContain('edition.json');
  expect(worker).not.toContain('edition.epub');
});

test('a kiosk does not offer the talking book', async ({ page }) => {
  await page.goto('/?kiosk');
  await expect(page.locator('narrated-edition[kiosk]')).toHaveCount(1);
  const link = page.locator('a[href="edition.epub"]');
  await expect(link).toHaveCount(1);
  await expect(link).toBeHidden();
});
