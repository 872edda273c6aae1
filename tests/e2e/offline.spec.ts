// Offline: after one visit the service worker has precached what this browser uses — the page,
// edition.json, the modern build's code (no legacy file), the default font — and kept a font chosen
// in Reading settings; once the recording has played (or at once in kiosk mode, with every font and
// the kiosk's code) the recorded narration too. With the network off, a reload serves the edition,
// its fonts in use, the device-voice narration and the recording (Range requests answered from the
// cache). A new version never takes over mid-reading: only after the kiosk's idle reset, or on the next visit.
import { readFileSync } from 'node:fs';
import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import type { Edition } from '../../src/content/model.ts';
import { serveAsLegacyBrowser, waitForUpgrade } from './helpers.ts';

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

/** From the next page load on (of this page, or of every page of a context), the page's own registration asks for the new version's URL (`WORKER_V2`). */
async function registerAsNewVersion(target: Page | BrowserContext): Promise<void> {
  await target.addInitScript(() => {
    const register = ServiceWorkerContainer.prototype.register;
    ServiceWorkerContainer.prototype.register = function (url, options) {
      return register.call(this, String(url).replace(/sw\.js\?build=modern$/, 'sw.js?build=modern&v=2'), options);
    };
  });
}

/** Waits until the worker is activated and controls the page. */
async function waitForController(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null), { timeout: 30_000 })
    .toBe('activated');
}

/** The worker this build's pages register (`register.ts`), and a second version of it. */
const WORKER = '/sw.js?build=modern';
const WORKER_V2 = `${WORKER}&v=2`;
const IS_WORKER_V2 = /\/sw\.js\?build=modern&v=2$/;
const SETTINGS_KEY = 'ne-reading-settings:v1';
const LEGACY_FILE = /-legacy-|page-nomodule/;
const OTHER_FONT = /\/assets\/(lexend|opendyslexic)-[^/]+\.woff2$/;

/**
 * Waits until the worker is activated and controls the page, and the caches hold the audio. A web
 * visitor's copy has the default font's two faces; a kiosk's has every font (a visitor may choose one offline).
 */
async function waitForOfflineCopy(page: Page, { kiosk = false } = {}): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null), { timeout: 30_000 })
    .toBe('activated');
  await expect.poll(async () => (await cachedPaths(page)).includes('/audio/asides.mp3'), { timeout: 30_000 }).toBe(true);
  const cached = await cachedPaths(page);
  for (const path of ['/index.html', '/edition.json', '/narration.vtt', '/audio/manifest.json', '/audio/narration.webm', '/audio/narration.mp3', '/audio/asides.webm', '/audio/asides.mp3']) {
    expect(cached, `precache holds ${path}`).toContain(path);
  }
  await expect.poll(async () => (await cachedPaths(page)).filter((p) => p.endsWith('.woff2')).length).toBe(kiosk ? 6 : 2);
  if (kiosk) await expect.poll(async () => (await cachedPaths(page)).some((p) => /\/assets\/kiosk-[\w-]+\.js$/.test(p))).toBe(true);
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
  const edition = JSON.parse(readFileSync(`${process.env.EDITION_OUT_DIR ?? 'dist'}/edition.json`, 'utf8')) as Edition;
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
  const onPage = await page.locator('.ne-s').evaluateAll((els) => els.map((el) => el.getAttribute('id')));
  expect(onPage).toEqual(edition.sentences.map((s) => s.id));
  // The reading font in use (the default), regular and bold. (The other two are kept once chosen:
  // see the next test; a kiosk keeps all three.)
  const faces = await page.evaluate(async () => {
    await document.fonts.load('400 1em "Atkinson Hyperlegible"');
    await document.fonts.load('700 1em "Atkinson Hyperlegible"');
    return [...document.fonts].map((f) => `${f.family.replace(/"/g, '')} ${f.weight} ${f.status}`);
  });
  for (const weight of ['400', '700']) expect(faces).toContain(`Atkinson Hyperlegible ${weight} loaded`);

  // The recording plays from the precache (206 partial responses) and the highlight follows.
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => audioClock(page), { timeout: 15_000 }).toBeGreaterThan(1000);
  await expect(page.locator('.ne-s[aria-current="true"]')).toHaveCount(1);
  expect(audio.length).toBeGreaterThan(0);
  expect(audio.every((r) => r.fromServiceWorker && r.status === 206)).toBe(true);
  expect(leaked).toEqual([]);
});

test('a first visit precaches what this browser uses: no legacy file, no other font; a chosen font is kept; offline the device voice narrates', async ({ page, context }) => {
  test.setTimeout(90_000);
  const edition = JSON.parse(readFileSync(`${process.env.EDITION_OUT_DIR ?? 'dist'}/edition.json`, 'utf8')) as Edition;
  await page.addInitScript({ content: FAKE_SPEECH });
  await page.goto('/');
  await waitForUpgrade(page);
  await waitForController(page);
  expect(await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL)).toMatch(/\/sw\.js\?build=modern$/);
  // The precache is complete once the worker is active: the page and its code, not the narration
  // (its code and the model), which is kept once the reader reaches for it (below).
  const cached = await cachedPaths(page);
  expect(cached).toContain('/index.html');
  expect(cached.filter((p) => p === '/edition.json' || /\/assets\/narration-loader-[\w-]+\.js$/.test(p)), 'no narration before it is wanted').toEqual([]);
  expect(cached.filter((p) => LEGACY_FILE.test(p)), 'no legacy bundle in a modern browser').toEqual([]);
  expect(cached.filter((p) => OTHER_FONT.test(p)), 'no font the page does not show').toEqual([]);
  expect(cached.filter((p) => p.endsWith('.woff2'))).toHaveLength(2);
  expect(cached.filter((p) => /\/assets\/kiosk-|\/audio\/|howler|narration\.vtt|embed\.js/.test(p)), 'no kiosk, recording or transcript').toEqual([]);
  // Each file once: no second copy of the page or the model in another cache.
  expect(cached.length).toBe(new Set(cached).size);

  // OpenDyslexic chosen in Reading settings: its faces are kept (and only they).
  // (The reader bar may keep the button behind "More".)
  const settingsButton = page.getByRole('button', { name: 'Reading settings' }).or(page.getByRole('menuitem', { name: 'Reading settings' }));
  if (!(await settingsButton.isVisible())) await page.getByRole('button', { name: 'More', exact: true }).click();
  await settingsButton.click();
  const dialog = page.getByRole('dialog', { name: 'Reading settings' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radio', { name: 'OpenDyslexic' }).check();
  await page.keyboard.press('Escape');
  // Reaching for the bar loaded the narration through the worker: it is kept for offline use.
  await expect
    .poll(async () => (await cachedPaths(page)).filter((p) => p === '/edition.json' || /\/assets\/narration-loader-[\w-]+\.js$/.test(p)).length, { timeout: 15_000 })
    .toBe(2);
  await page.evaluate(() => document.fonts.ready);
  await expect
    .poll(async () => (await cachedPaths(page)).filter((p) => OTHER_FONT.test(p)).map((p) => p.replace(/-[\w]+\.woff2$/, '')).sort(), { timeout: 15_000 })
    .toEqual(['/assets/opendyslexic-latin-400-normal', '/assets/opendyslexic-latin-700-normal']);

  // Offline: the text, the chosen font, the device voice reads and the highlight follows.
  const leaked = await goOffline(context);
  const response = await page.reload();
  expect(response?.fromServiceWorker()).toBe(true);
  await waitForUpgrade(page);
  const onPage = await page.locator('.ne-s').evaluateAll((els) => els.map((el) => el.getAttribute('id')));
  expect(onPage).toEqual(edition.sentences.map((s) => s.id));
  expect(await page.evaluate(() => document.documentElement.dataset.font)).toBe('opendyslexic');
  const faces = await page.evaluate(async () => {
    await document.fonts.load('400 1em "OpenDyslexic"');
    await document.fonts.load('700 1em "OpenDyslexic"');
    return [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'OpenDyslexic').map((f) => `${f.weight} ${f.status}`);
  });
  expect(faces).toEqual(expect.arrayContaining(['400 loaded', '700 loaded']));
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForFunction(
    () => (window as unknown as { __speech: { events: { type: string }[] } }).__speech.events.filter((e) => e.type === 'end').length >= 2,
    null,
    { timeout: 15_000 },
  );
  await expect(page.locator('.ne-s[aria-current="true"]')).toHaveCount(1);
  await expect(page.locator('narration-controls [part="error"]')).toHaveCount(0);
  expect(leaked).toEqual([]);
});

test('a font chosen on an earlier visit (in storage before the worker existed) is kept once the worker is active', async ({ page }) => {
  test.setTimeout(60_000);
  await page.addInitScript(([key, value]) => localStorage.setItem(key, value), [SETTINGS_KEY, JSON.stringify({ font: 'opendyslexic' })] as const);
  await page.goto('/');
  await waitForUpgrade(page);
  await page.evaluate(() => document.fonts.ready);
  await waitForController(page);
  await expect
    .poll(async () => (await cachedPaths(page)).filter((p) => OTHER_FONT.test(p)).map((p) => p.replace(/-[\w]+\.woff2$/, '')).sort(), { timeout: 15_000 })
    .toEqual(expect.arrayContaining(['/assets/opendyslexic-latin-400-normal']));
  const cached = await cachedPaths(page);
  expect(cached.filter((p) => /lexend/.test(p))).toEqual([]);
  expect(cached.filter((p) => LEGACY_FILE.test(p))).toEqual([]);
});

test('a browser running the legacy bundle precaches the legacy code and no modern chunk', async ({ page }) => {
  test.setTimeout(60_000);
  // As legacy.spec.ts: the document without its module scripts, the nomodule ones made plain.
  await serveAsLegacyBrowser(page, (url) => url.pathname === '/' || url.pathname === '/index.html');
  await page.goto('/');
  await waitForUpgrade(page);
  await waitForController(page);
  expect(await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL)).toMatch(/\/sw\.js\?build=legacy$/);
  const scripts = (await cachedPaths(page)).filter((p) => p.endsWith('.js'));
  expect(scripts.some((p) => /\/assets\/polyfills-legacy-[\w-]+\.js$/.test(p))).toBe(true);
  expect(scripts.some((p) => /\/assets\/(index|app)-legacy-[\w-]+\.js$/.test(p))).toBe(true);
  // Not one modern chunk: only legacy files and the classic settings script both builds run.
  expect(scripts.filter((p) => !LEGACY_FILE.test(p) && !/\/assets\/ne-early-settings-[\w-]+\.js$/.test(p))).toEqual([]);
  expect((await cachedPaths(page)).filter((p) => OTHER_FONT.test(p))).toEqual([]);
});

test('in kiosk mode the recording is kept for offline use at once, without Play', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto('/?kiosk');
  await waitForOfflineCopy(page, { kiosk: true });
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
  // Pages loaded from now on register that URL, as a real page registers the one it always does (else
  // the reload below would install this build's worker again, as one more update).
  await registerAsNewVersion(page);
  await page.evaluate(async (url) => {
    (window as unknown as { __beforeUpdate: boolean }).__beforeUpdate = true;
    await navigator.serviceWorker.register(url);
  }, WORKER_V2);
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
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? '')).toMatch(IS_WORKER_V2);
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null)).toBeNull();
});

test('outside kiosk mode a waiting version takes over on the next visit, without a reload', async ({ page, context }) => {
  test.setTimeout(120_000); // activation on a loaded 2-core machine (two browsers) took over 30 s once in CI
  await page.goto('/');
  await waitForUpgrade(page);
  await waitForController(page);
  // The next visit's page registers the new version's URL, as a real page registers the one it always
  // does (else its registration would install this build's worker again, replacing the waiting one).
  await registerAsNewVersion(context);
  await page.evaluate((url) => navigator.serviceWorker.register(url), WORKER_V2);
  await expect
    .poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state ?? null), { timeout: 30_000 })
    .toBe('installed');
  await page.close(); // the last tab closes

  // Each try is a visit in a tab of its own, closed again: between tries no page uses the old
  // version, so the waiting one can take over (a tab kept open and reloaded in a loop kept the old
  // version in use, and on a loaded machine the new one never got its moment).
  await expect
    .poll(
      async () => {
        const next = await context.newPage();
        await next.goto('/');
        const url = await next.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? '');
        await next.close();
        return url;
      },
      { timeout: 90_000, intervals: [1000, 2000, 4000] },
    )
    .toMatch(IS_WORKER_V2);
});

/**
 * A deployment: a new version of the worker — this build's worker with its page's precache revision
 * changed, as a new build changes the page; with `recording: true` the recording's too (its index is
 * listed in the worker's manifest, never precached). It is served at `sw.js?build=modern&v=2` (browsers' update
 * checks of the same URL are out of a test's reach); pages loaded from now on register that URL, as a
 * real page registers the one it always does. The new version installs and waits.
 */
async function deployNewVersion(page: Page, context: BrowserContext, { recording = false } = {}): Promise<void> {
  await context.route(IS_WORKER_V2, async (route) => {
    const response = await route.fetch({ url: route.request().url().replace(/&v=2$/, '') });
    let body = await response.text();
    const pageEntry = /("revision":")[0-9a-f]+(","url":"index\.html")/;
    expect(body).toMatch(pageEntry);
    body = body.replace(pageEntry, `$1${'f'.repeat(32)}$2`);
    if (recording) body = body.replace(/("revision":")[0-9a-f]+(","url":"audio\/manifest\.json")/, `$1${'e'.repeat(32)}$2`);
    await route.fulfill({ response, body });
  });
  await registerAsNewVersion(page);
  await page.evaluate((url) => navigator.serviceWorker.register(url), WORKER_V2);
  await expect
    .poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state ?? null), { timeout: 60_000 })
    .toBe('installed');
}

/** The furthest audio clock (ms) of any Howl: in a kiosk the spoken help's sprite is a Howl too. */
const furthestClock = (page: Page) =>
  page.evaluate(() => {
    const h = (window as unknown as { Howler?: { _howls: { seek(): number }[] } }).Howler;
    return Math.max(-1, ...(h?._howls ?? []).map((howl) => howl.seek() * 1000));
  });

/** The names of the caches that keep a recording. */
const recordingCaches = (page: Page) =>
  page.evaluate(async () => (await caches.keys()).filter((name) => name.startsWith('ne-recorded-narration-')).sort());

/** Leaves the kiosk's attract screen (a click anywhere). */
async function leaveAttract(page: Page): Promise<void> {
  await page.mouse.click(300, 300);
  await expect(page.locator('kiosk-attract[open]')).toHaveCount(0);
}

/** Marks the window, so the reload under the new version can be told apart. */
const mark = (page: Page) => page.evaluate(() => ((window as unknown as { __beforeUpdate: boolean }).__beforeUpdate = true));
const marked = (page: Page) => page.evaluate(() => (window as unknown as { __beforeUpdate?: boolean }).__beforeUpdate === true);

/**
 * Network off, as `goOffline`; returns the requests for the edition's files made for the page that
 * still reached the network. Not the worker's own fetches (their referrer is its script): here the
 * browser's update check of the worker script escapes the test's routing, gets the real script (not
 * the test's new version) and tries to install it; that install's fetches fail offline and change nothing.
 */
async function goOfflineForPage(context: BrowserContext): Promise<string[]> {
  const leaked: string[] = [];
  await context.route('**/*', (route) => {
    const request = route.request();
    const fromWorkerItself = /\/sw\.js(\?.*)?$/.test(request.headers()['referer'] ?? '');
    if (!fromWorkerItself && /\/(assets|audio)\//.test(request.url())) leaked.push(request.url());
    return route.abort('internetdisconnected');
  });
  await context.setOffline(true);
  return leaked;
}

test('a kiosk updated and then cut off from the network still narrates the recording after its idle reset', async ({ page, context }) => {
  test.setTimeout(120_000); // a loaded machine
  await page.addInitScript(() => {
    Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });
  });
  await page.clock.install(); // time flows as usual; the kiosk's idle time and warning are run through below
  await page.goto('/?kiosk&narration=recorded&idle=30&speech=off');
  await waitForUpgrade(page);
  await waitForOfflineCopy(page, { kiosk: true });
  const kept = await recordingCaches(page);

  // A deployment that changes the page but not the recording: the new version installs and waits.
  await deployNewVersion(page, context);
  await mark(page);

  // The network goes; later nobody is at the screen: the idle reset lets the new version take over.
  const leaked = await goOfflineForPage(context);
  await leaveAttract(page);
  await page.clock.runFor(31_000); // idle: the warning
  await page.clock.runFor(31_000); // its countdown: the reset, which reloads into the new version
  await expect.poll(() => marked(page).catch(() => true), { timeout: 60_000, intervals: [1000] }).toBe(false);
  await waitForUpgrade(page);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? '')).toMatch(IS_WORKER_V2);
  expect(await recordingCaches(page)).toEqual(kept); // the same recording, the same cache: kept

  // Offline, the next visitor presses Play: the recording plays and the highlight follows.
  await leaveAttract(page);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => furthestClock(page), { timeout: 15_000 }).toBeGreaterThan(1000);
  await expect(page.locator('.ne-s[aria-current="true"]')).toHaveCount(1);
  await expect(page.locator('narration-controls [part="error"]')).toHaveCount(0);
  expect(leaked).toEqual([]);
});

test('a new recording is stored while the new version installs; the old one goes only once the new one is complete', async ({ page, context }) => {
  test.setTimeout(120_000);
  await page.addInitScript(() => {
    Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });
  });
  await page.goto('/?kiosk&narration=recorded&idle=3600&speech=off');
  await waitForUpgrade(page);
  await waitForOfflineCopy(page, { kiosk: true });
  const [old] = await recordingCaches(page);
  expect(old).toBeDefined();

  await deployNewVersion(page, context, { recording: true });
  // Installed: the new recording is complete in its own cache, and the one in use is still there.
  const fresh = `ne-recorded-narration-${'e'.repeat(16)}`;
  expect(await recordingCaches(page)).toEqual([old, fresh].sort());
  const freshFiles = await page.evaluate(
    async (name) => (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname).sort(),
    fresh,
  );
  expect(freshFiles).toEqual(['/audio/asides.mp3', '/audio/asides.webm', '/audio/manifest.json', '/audio/narration.mp3', '/audio/narration.webm']);

  // Offline, the idle reset: the new version takes over, the old recording is deleted, Play works.
  const leaked = await goOfflineForPage(context);
  await mark(page);
  await page.evaluate((name) => window.dispatchEvent(new Event(name)), IDLE_RESET_EVENT);
  await expect.poll(() => marked(page).catch(() => true), { timeout: 30_000 }).toBe(false);
  await waitForUpgrade(page);
  await expect.poll(() => recordingCaches(page)).toEqual([fresh]);
  await leaveAttract(page);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => furthestClock(page), { timeout: 15_000 }).toBeGreaterThan(1000);
  await expect(page.locator('.ne-s[aria-current="true"]')).toHaveCount(1);
  expect(leaked).toEqual([]);
});
