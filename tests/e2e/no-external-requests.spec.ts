// Everything is self-hosted: no request leaves the site, fonts included.
import { test, expect } from '@playwright/test';

test('no request goes to another origin and the reading font loads', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol.startsWith('http') && url.origin !== origin) foreign.push(request.url());
  });
  await page.goto('/', { waitUntil: 'networkidle' });
  await page.evaluate(() => document.fonts.ready);
  const loaded = await page.evaluate(() => document.fonts.check('1em "Atkinson Hyperlegible"'));
  expect(loaded).toBe(true);
  expect(foreign).toEqual([]);
});
