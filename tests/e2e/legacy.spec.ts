// The legacy (nomodule) bundle alone, as an older kiosk browser without ES modules would run it:
// the page's HTML is rewritten to drop every `<script type="module">` and keep the `nomodule`
// ones (without the attribute, since Chromium would skip them). The text renders, the toolbar
// upgrades, and Play with the recorded narration plays the audio and highlights a sentence. Then the
// same bundle in a Chromium without `<dialog>` and AbortController (as in the oldest target
// browsers): the polyfills load and the dialogs, the narration and the kiosk work; and a modern
// page load fetches none of the polyfills.
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { barButton, serveAsLegacyBrowser, waitForUpgrade } from './helpers.ts';

const FAKE_SPEECH = readFileSync('tests/e2e/support/fake-speech.js', 'utf8');

/** What tests/e2e/support/fake-speech.js records on `window.__speech`. */
interface SpeechRecord {
  spoken: { text: string }[];
  /** `endsAt` (start events): page time at which that utterance ends unless paused or cancelled. */
  events: { type: string; text: string; endsAt?: number }[];
}

/**
 * Serves the document with only the legacy scripts. Records every script the page requests, and
 * the classic scripts the served HTML names itself (not modules, not legacy chunks: e.g. the
 * early settings script).
 */
async function legacyOnly(page: Page): Promise<{ scripts: string[]; inHtml: Set<string> }> {
  const scripts: string[] = [];
  const inHtml = new Set<string>();
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  await serveAsLegacyBrowser(
    page,
    (url) => url.pathname === '/' || url.pathname === '/index.html',
    (html, url) => {
      expect(html).not.toMatch(/<script\b[^>]*\btype="module"/);
      expect(html).toContain('vite-legacy-entry');
      for (const [, src] of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) inHtml.add(new URL(src!, url).pathname);
    },
  );
  return { scripts, inHtml };
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
  const { scripts, inHtml } = await legacyOnly(page);
  await page.addInitScript(() => {
    Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });
  });
  await page.goto('/?narration=recorded');

  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await page.locator('.ne-s').count()).toBeGreaterThan(100);
  await waitForUpgrade(page);
  // Only legacy chunks ran: SystemJS loaded them, no ES module was fetched.
  expect(scripts.length).toBeGreaterThan(1);
  for (const path of scripts.filter((p) => p.startsWith('/assets/') && !inHtml.has(p))) expect(path).toMatch(/-legacy-[\w-]+\.js$/);
  expect(await page.evaluate(() => typeof (window as unknown as { System?: unknown }).System)).toBe('object');
  // The stylesheet applies (the toolbar row's border comes from page.css).
  await expect(page.locator('.ne-toolbar-row')).toHaveCSS('border-bottom-style', 'solid');

  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => audioClock(page), { timeout: 15_000 }).toBeGreaterThan(300);
  await expect(page.locator('.ne-s[aria-current="true"]')).toHaveCount(1);
  // Lazily loaded legacy chunks (narration, Howler) came through SystemJS too.
  expect(scripts.some((p) => /howler-legacy-/.test(p))).toBe(true);
  expect(errors).toEqual([]);
});

/**
 * What the oldest browsers the legacy bundle targets lack, taken out of Chromium before any
 * script runs: `<dialog>` (no HTMLDialogElement at all, as in Safari before 15.4 and Firefox
 * before 98: no showModal/show/close/open/returnValue, no global constructor) and AbortController
 * (Chrome before 66, Safari before 12.1). Chromium's built-in `dialog` styles stay, so the test
 * cannot show whether a closed dialog would be hidden without them; the edition's own rules do that.
 */
function removeDialogAndAbortController(): void {
  const proto = HTMLDialogElement.prototype as unknown as Record<string, unknown>;
  for (const name of ['show', 'showModal', 'close', 'requestClose', 'open', 'returnValue', 'closedBy']) delete proto[name];
  const w = window as unknown as Record<string, unknown>;
  delete w.HTMLDialogElement;
  delete w.AbortController;
  delete w.AbortSignal;
}

/** The element that really has focus, through shadow roots. */
const focusPath = (page: Page) =>
  page.evaluate(() => {
    const path: string[] = [];
    let el: Element | null = document.activeElement;
    while (el) {
      path.push(el.localName + (el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''));
      el = el.shadowRoot?.activeElement ?? null;
    }
    return path.join(' > ');
  });

test.describe('in a browser without <dialog> and AbortController', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(removeDialogAndAbortController);
  });

  test('Reading settings opens as a modal dialog (dialog-polyfill), Escape and Close close it and focus returns', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const { scripts } = await legacyOnly(page);
    await page.goto('/');
    await waitForUpgrade(page);
    expect(await page.evaluate(() => typeof (window as unknown as { HTMLDialogElement?: unknown }).HTMLDialogElement)).toBe('undefined');
    // The AbortController polyfill came with the legacy polyfills chunk, and aborting its signal
    // removes a listener added with `{ signal }` (src/legacy/event-listener-signal.js).
    expect(
      await page.evaluate(() => {
        const controller = new AbortController();
        let heard = 0;
        document.addEventListener('ne-test', () => heard++, { signal: controller.signal });
        document.dispatchEvent(new Event('ne-test'));
        controller.abort();
        document.dispatchEvent(new Event('ne-test'));
        return heard;
      }),
    ).toBe(1);
    expect(scripts.some((p) => /dialog-polyfill/.test(p))).toBe(false); // not before a dialog opens

    const opener = await barButton(page, 'Reading settings');
    const dialog = page.getByRole('dialog', { name: 'Reading settings' });
    await opener.click();
    await expect(dialog).toBeVisible();
    expect(scripts.some((p) => /dialog-polyfill[\w.-]*-legacy-/.test(p))).toBe(true);
    await expect(dialog).toHaveClass(/\bpolyfill\b/);
    await expect.poll(() => focusPath(page)).toMatch(/reading-settings > button\.close$/);
    // Modal: the backdrop (from the shared dialog styles) lies over the rest of the page, under the dialog.
    const hits = await page.evaluate(() => {
      const root = document.querySelector('narrated-edition reading-settings')!.shadowRoot!;
      const box = root.querySelector('dialog')!.getBoundingClientRect();
      const at = (x: number, y: number) => {
        const el = root.elementFromPoint(x, y);
        return el ? el.localName + (el.className ? `.${el.className}` : '') : null;
      };
      return { corner: at(2, window.innerHeight - 2), centre: at(box.left + box.width / 2, box.top + 5), top: box.top, bottom: box.bottom };
    });
    expect(hits.corner).toMatch(/^div\.(backdrop|_dialog_overlay)$/);
    expect(hits.centre).not.toMatch(/^div\.(backdrop|_dialog_overlay)$/);
    expect(hits.top).toBeGreaterThanOrEqual(0);
    expect(hits.bottom).toBeLessThanOrEqual(page.viewportSize()!.height);
    // A setting still works inside it.
    await dialog.getByRole('radio', { name: 'High contrast dark' }).check();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('hc-dark');

    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();

    await opener.press('Enter');
    await expect(dialog).toBeVisible();
    await expect.poll(() => focusPath(page)).toMatch(/reading-settings > button\.close$/);
    await dialog.getByRole('button', { name: 'Close' }).press('Enter');
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();
    expect(errors).toEqual([]);
  });

  test('the recorded narration plays and highlights', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await legacyOnly(page);
    await page.addInitScript(() => {
      Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });
    });
    await page.goto('/?narration=recorded');
    await waitForUpgrade(page);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => audioClock(page), { timeout: 15_000 }).toBeGreaterThan(300);
    await expect(page.locator('.ne-s[aria-current="true"]')).toHaveCount(1);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
    expect(errors).toEqual([]);
  });

  test('the device voice (scripted speechSynthesis) reads sentence after sentence with the highlight', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await legacyOnly(page);
    await page.addInitScript({ content: FAKE_SPEECH });
    await page.goto('/');
    await waitForUpgrade(page);
    const current = page.locator('[aria-current="true"]');
    const ended = () =>
      page.evaluate(() => (window as unknown as { __speech: SpeechRecord }).__speech.events.filter((e) => e.type === 'end').length);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect(current).toHaveCount(1);
    const first = await current.getAttribute('id');
    // Each sentence has its own AbortController: moving on from one to the next works with the polyfill.
    await expect.poll(ended, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    await expect(current).toHaveCount(1);
    expect(await current.getAttribute('id')).not.toBe(first);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(page.locator('narration-controls').getByRole('status')).toHaveText('Paused');
    // Pause holds the sentence: once the page's clock is past the moment the utterance being read
    // would have ended (its `endsAt`), nothing has ended, started or been queued.
    const record = () => page.evaluate(() => structuredClone((window as unknown as { __speech: SpeechRecord }).__speech));
    const atPause = await record();
    const reading = atPause.events.filter((e) => e.type === 'start').at(-1)!;
    await page.evaluate((t) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, t - performance.now()) + 1)), reading.endsAt!);
    const later = await record();
    expect(later.events.slice(atPause.events.length)).toEqual([]);
    expect(later.spoken.length).toBe(atPause.spoken.length);
    expect(errors).toEqual([]);
  });

  test('the kiosk: the attract screen, the help (F1) and Escape work', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await legacyOnly(page);
    await page.addInitScript({ content: FAKE_SPEECH });
    await page.goto('/?kiosk&speech=off');
    await waitForUpgrade(page);
    const attract = page.locator('kiosk-attract dialog');
    await expect(attract).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(attract).toBeHidden();
    await page.keyboard.press('F1');
    const help = page.getByRole('dialog', { name: 'How to use this reader' });
    await expect(help).toBeVisible();
    await page.keyboard.press('ArrowDown'); // the keypad moves within the open dialog
    await expect.poll(() => focusPath(page)).toMatch(/kiosk-help > button$/);
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();
    expect(errors).toEqual([]);
  });
});

test('a modern browser loads neither the legacy polyfills nor the dialog polyfill', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => scripts.push(new URL(r.url()).pathname));
  await page.goto('/');
  await waitForUpgrade(page);
  await (await barButton(page, 'Reading settings')).click();
  await expect(page.getByRole('dialog', { name: 'Reading settings' })).toBeVisible();
  await page.keyboard.press('Escape');
  expect(scripts.filter((p) => /polyfills|dialog-polyfill|-legacy-/.test(p))).toEqual([]);
});
