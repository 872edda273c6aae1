// Offline: after one visit the service worker has precached the app shell, and — once the
// recording has played (or at once in kiosk mode) — the recorded narration; with the network off,
// a reload serves the whole edition, its fonts and the recording (Range requests answered from
// the cache). A new version never takes over
// mid-reading: only after the kiosk's idle reset, or on the next visit.
import { readFileSync } from 'node:fs';
import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import type { Edition } from '../../src/content/model.ts';
import { waitForUpgrade } from './helpers.ts';

test.use({ serviceWorkers: 'allow' });

const FAKE_SPEECH = readFileSync('tests/e2e/support/fake-speech.js', 'utf8');

const IDLE_RESET_EVENT = 'narrated-edition:idle-reset';

const audioClock = (page: Page) =>
  page.evaluate(() => {
    const h = (window as unknown as { Howler?: { _howls: { seek(): number }[] } }).Howler;
    return h?._howls[0] ? h._howls[0].seek() * 1000 : -1;
  });

/** Every path in the page's caches. */
const cachedPaths = (page: Page) =>
  page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    }
    return urls;
  });

/** Waits until the worker is activated and controls the page. */
async function waitForController(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null), { timeout: 30_000 })
    .toBe('activated');
}

/** Waits until the worker is activated and controls the page, and the caches hold the audio. */
async function waitForOfflineCopy(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null), { timeout: 30_000 })
    .toBe('activated');
  await expect.poll(async () => (await cachedPaths(page)).includes('/audio/narration.mp3'), { timeout: 30_000 }).toBe(true);
  const cached = await cachedPaths(page);
  for (const path of ['/index.html', '/edition.json', '/narration.vtt', '/audio/manifest.json', '/audio/narration.webm', '/audio/narration.mp3']) {
    expect(cached, `precache holds ${path}`).toContain(path);
  }
  expect(cached.filter((p) => p.endsWith('.woff2'))).toHaveLength(6);
  await expect
    .poll(async () => (await cachedPaths(page)).filter((p) => /\/assets\/howler(-backend)?-[\w-]+\.js$/.test(p)).length)
    .toBeGreaterThanOrEqual(2);
}

/** Network off: Playwright's offline mode, and any request that still reaches the network fails. */
async function goOffline(context: BrowserContext): Promise<string[]> {
  const leaked: string[] = [];
  await context.route('**/*', (route) => {
    leaked.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  await context.setOffline(true);
  return leaked;
}

test('after one visit, the edition loads and narrates the recording with the network off', async ({ page, context }) => {
  test.setTimeout(90_000);
  const edition = JSON.parse(readFileSync('dist/edition.json', 'utf8')) as Edition;
  await page.addInitScript(() => {
    Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });
  });
  await page.goto('/?narration=recorded');
  await waitForUpgrade(page);
  // Before Play nothing of the recording is stored; playing it once keeps it for offline use.
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null), { timeout: 30_000 }).toBe('activated');
  const beforePlay = await cachedPaths(page);
  expect(beforePlay.filter((p) => p.startsWith('/audio/') || /howler/.test(p))).toEqual([]);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => audioClock(page), { timeout: 10_000 }).toBeGreaterThan(100);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await waitForOfflineCopy(page);
  // The kiosk's spoken-help recording is not a web visitor's: never fetched, never kept.
  expect((await cachedPaths(page)).filter((p) => p.includes('/audio/interface.'))).toEqual([]);

  const leaked = await goOffline(context);
  const audio: { status: number; fromServiceWorker: boolean }[] = [];
  page.on('response', (r) => {
    if (/\/audio\/narration\.(webm|mp3)$/.test(r.url())) audio.push({ status: r.status(), fromServiceWorker: r.fromServiceWorker() });
  });
  const response = await page.reload();
  expect(response?.fromServiceWorker()).toBe(true);
  await waitForUpgrade(page);

  // The whole text.
  const onPage = await page.locator('[data-sid]').evaluateAll((els) => els.map((el) => el.getAttribute('data-sid')));
  expect(onPage).toEqual(edition.sentences.map((s) => s.id));
  // Every reading font (the default and the two alternatives), regular and bold.
  const faces = await page.evaluate(async () => {
    for (const family of ['Atkinson Hyperlegible', 'OpenDyslexic', 'Lexend']) {
      await document.fonts.load(`400 1em "${family}"`);
      await document.fonts.load(`700 1em "${family}"`);
    }
    return [...document.fonts].map((f) => `${f.family.replace(/"/g, '')} ${f.weight} ${f.status}`);
  });
  for (const family of ['Atkinson Hyperlegible', 'OpenDyslexic', 'Lexend']) {
    for (const weight of ['400', '700']) expect(faces).toContain(`${family} ${weight} loaded`);
  }

  // The recording plays from the precache (206 partial responses) and the highlight follows.
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => audioClock(page), { timeout: 15_000 }).toBeGreaterThan(1000);
  await expect(page.locator('[data-sid][aria-current="true"]')).toHaveCount(1);
  expect(audio.length).toBeGreaterThan(0);
  expect(audio.every((r) => r.fromServiceWorker && r.status === 206)).toBe(true);
  expect(leaked).toEqual([]);
});

test('in kiosk mode the recording is kept for offline use at once, without Play', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto('/?kiosk');
  await waitForOfflineCopy(page);
  // And the spoken help's recording, so a blind visitor is answered offline too.
  await expect
    .poll(async () => (await cachedPaths(page)).filter((p) => p.includes('/audio/interface.')).sort(), { timeout: 30_000 })
    .toEqual(['/audio/interface.json', '/audio/interface.mp3', '/audio/interface.webm']);
});

test('a new version waits while the page is in use and takes over after an idle reset', async ({ page }) => {
  test.setTimeout(90_000);
  await page.addInitScript({ content: FAKE_SPEECH });
  await page.goto('/');
  await waitForUpgrade(page);
  await waitForController(page);
  const firstScript = await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL);

  // A new version: the same scope, a different script URL, so the browser installs it as an update.
  await page.evaluate(async () => {
    (window as unknown as { __beforeUpdate: boolean }).__beforeUpdate = true;
    await navigator.serviceWorker.register('/sw.js?v=2');
  });
  await expect
    .poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state ?? null), { timeout: 30_000 })
    .toBe('installed');

  // Someone is reading (no idle reset): while the narration reads three sentences, the new version
  // keeps waiting (it changes state not once), the controller stays, the page is not reloaded.
  await page.evaluate(async () => {
    const w = window as unknown as { __workerLog: string[] };
    w.__workerLog = [];
    navigator.serviceWorker.addEventListener('controllerchange', () => w.__workerLog.push('controllerchange'));
    const waiting = (await navigator.serviceWorker.getRegistration())!.waiting!;
    waiting.addEventListener('statechange', () => w.__workerLog.push(`waiting worker: ${waiting.state}`));
  });
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForFunction(
    () => (window as unknown as { __speech: { events: { type: string }[] } }).__speech.events.filter((e) => e.type === 'end').length >= 3,
  );
  expect(await page.evaluate(() => (window as unknown as { __workerLog: string[] }).__workerLog)).toEqual([]);
  expect(await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL)).toBe(firstScript);
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state)).toBe('installed');
  expect(await page.evaluate(() => (window as unknown as { __beforeUpdate?: boolean }).__beforeUpdate)).toBe(true);

  // The kiosk's idle reset: the waiting version activates and the page reloads under it.
  const reloaded = page.waitForEvent('load');
  await page.evaluate((name) => window.dispatchEvent(new Event(name)), IDLE_RESET_EVENT);
  await reloaded;
  await waitForUpgrade(page);
  expect(await page.evaluate(() => (window as unknown as { __beforeUpdate?: boolean }).__beforeUpdate)).toBeUndefined();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? '')).toMatch(/\/sw\.js\?v=2$/);
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null)).toBeNull();
});

test('outside kiosk mode a waiting version takes over on the next visit, without a reload', async ({ page, context }) => {
  test.setTimeout(90_000);
  await page.goto('/');
  await waitForUpgrade(page);
  await waitForController(page);
  await page.evaluate(() => navigator.serviceWorker.register('/sw.js?v=2'));
  await expect
    .poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state ?? null), { timeout: 30_000 })
    .toBe('installed');
  await page.close(); // the last tab closes

  const next = await context.newPage();
  await expect
    .poll(
      async () => {
        await next.goto('/');
        return next.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? '');
      },
      { timeout: 30_000 },
    )
    .toMatch(/\/sw\.js\?v=2$/);
});
