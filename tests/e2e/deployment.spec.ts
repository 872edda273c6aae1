// A deployment while a page is open, without a service worker in control: the old hashed
// assets/*.js are gone (404 here). A lazy chunk is requested twice (one retry), then the page
// explains in words for people, announced, with a Reload button; no unhandled rejection, no raw
// import error on screen; Reload reloads and the reader's place and settings are kept.
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { barButton, expectNoAxeViolations, waitForUpgrade } from './helpers.ts';

const FAKE_SPEECH = readFileSync('tests/e2e/support/fake-speech.js', 'utf8');
const MESSAGE =
  'This edition has been updated since you opened it. Reload the page to continue; your place and settings are kept.';

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const notice = (page: Page) => page.getByRole('alert').filter({ hasText: 'This edition has been updated' });
const statusError = (page: Page) => page.locator('narration-controls [part="error"]');

/** The deployment: from now on every request for assets/ gets a 404. Returns the paths asked for. */
async function deploy(page: Page): Promise<string[]> {
  const asked: string[] = [];
  await page.route(/\/assets\//, (route) => {
    asked.push(new URL(route.request().url()).pathname);
    return route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not found' });
  });
  return asked;
}

/** Unhandled rejections and uncaught errors of the page. */
function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Marks the window, so a reload can be told apart (the mark is gone after it). */
const mark = (page: Page) => page.evaluate(() => ((window as unknown as { __beforeReload: boolean }).__beforeReload = true));
const marked = (page: Page) => page.evaluate(() => (window as unknown as { __beforeReload?: boolean }).__beforeReload === true);

test.afterEach(async ({ page }) => {
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});

test('Reading settings after a deployment: its chunk is asked for twice, then a clear message and a Reload that keeps the place', async ({ page }) => {
  test.setTimeout(60_000);
  const errors = pageErrors(page);
  await page.addInitScript({ content: FAKE_SPEECH });
  await page.goto('/');
  await waitForUpgrade(page);
  // The reader listens from the fifth sentence and pauses: the place to come back to.
  const fifth = page.locator('.ne-s').nth(4);
  const fifthId = await fifth.getAttribute('id');
  await fifth.click();
  await expect(page.locator(`[id="${fifthId}"][aria-current="true"]`)).toHaveCount(1, { timeout: 10_000 });
  await button(page, 'Pause').click();
  await mark(page);

  const asked = await deploy(page);
  await (await barButton(page, 'Reading settings')).click();
  await expect(notice(page)).toHaveText(MESSAGE, { timeout: 10_000 });
  expect(asked.filter((p) => /\/assets\/reading-settings-[\w-]+\.js$/.test(p))).toHaveLength(2);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  // The Reload button takes focus, where the dialog would have; a 44 px target.
  const reload = button(page, 'Reload the page');
  await expect(reload).toBeFocused();
  const box = await reload.boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(44);
  expect(box!.width).toBeGreaterThanOrEqual(44);
  await expectNoAxeViolations(page, 'reload notice');
  expect(errors).toEqual([]);

  // The new version is online: Reload loads it, at the same place.
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await page.keyboard.press('Enter');
  await expect.poll(() => marked(page).catch(() => true), { timeout: 15_000 }).toBe(false);
  await waitForUpgrade(page);
  await expect(notice(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Resume from sentence 5\b/ })).toBeVisible();
  expect(errors).toEqual([]);
});

for (const theme of ['cream', 'hc-light', 'hc-dark']) {
  test(`the reload notice passes axe in the ${theme} theme`, async ({ page }) => {
    const errors = pageErrors(page);
    await page.goto(`/?theme=${theme}`);
    await waitForUpgrade(page);
    await deploy(page);
    await (await barButton(page, 'Keyboard shortcuts')).click();
    await expect(notice(page)).toBeVisible({ timeout: 10_000 });
    await expectNoAxeViolations(page, `reload notice, ${theme}`);
    expect(errors).toEqual([]);
  });
}

test('Play of the recording after a deployment: the player chunk is asked for twice; the status says what to do, not the import error', async ({ page }) => {
  test.setTimeout(60_000);
  const errors = pageErrors(page);
  await page.addInitScript(() => {
    Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });
  });
  // The narration session is ready (its chunk loaded, edition.json read) before the deployment, but
  // not its player: a move by keyboard loads the session without readying the recording (a pointer
  // or focus on the bar would ready it too).
  const editionRead = page.waitForResponse((r) => r.url().endsWith('/edition.json'));
  await page.goto('/');
  await waitForUpgrade(page);
  await page.keyboard.press('Alt+Shift+ArrowRight');
  await editionRead;
  await expect(page.locator('narrated-edition')).toHaveAttribute('data-narration', 'ready');
  await mark(page);

  const asked = await deploy(page);
  await page.keyboard.press('Alt+Shift+KeyP'); // Play
  await expect(statusError(page)).toHaveText(MESSAGE, { timeout: 10_000 });
  await expect(notice(page)).toHaveText(MESSAGE);
  expect(asked.filter((p) => /\/assets\/howler-backend-[\w-]+\.js$/.test(p))).toHaveLength(2);
  await expect(button(page, 'Reload the page')).toBeVisible();
  expect(errors).toEqual([]);

  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await button(page, 'Reload the page').click();
  await expect.poll(() => marked(page).catch(() => true), { timeout: 15_000 }).toBe(false);
  await waitForUpgrade(page);
  await expect(notice(page)).toHaveCount(0);
});

test('Play with the device voice when the narration chunk went missing before the reader reached for it: a message for people, once', async ({ page }) => {
  test.setTimeout(60_000);
  const errors = pageErrors(page);
  const asked: string[] = [];
  // Deployed between the page's first load and the moment the reader reaches for the narration.
  await page.route(/\/assets\/narration-loader-[\w-]+\.js$/, (route) => {
    asked.push(route.request().url());
    return route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not found' });
  });
  await page.addInitScript({ content: FAKE_SPEECH });
  await page.goto('/');
  await waitForUpgrade(page);
  expect(asked, 'the narration loads only when the reader reaches for it').toEqual([]);
  await button(page, 'Play').hover(); // the pointer over the bar loads it: asked for twice, then the notice
  await expect(notice(page)).toHaveText(MESSAGE, { timeout: 15_000 });
  expect(asked).toHaveLength(2);
  await button(page, 'Play').click();
  await expect(statusError(page)).toHaveText(MESSAGE);
  await expect(page.getByRole('alert')).toHaveCount(1);
  expect(asked).toHaveLength(2); // the failed load is not retried on every press
  expect(errors).toEqual([]);
});
