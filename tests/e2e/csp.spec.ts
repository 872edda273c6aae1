// A strict Content-Security-Policy (issue 9, item 2): the built edition, served by a real HTTP server
// with exactly the header set README.md recommends (read from its "Security headers" block), runs
// reading settings, both narrations, kiosk mode, the offline service worker and the embed element
// with zero CSP violations. A real server, not page.route: the service worker's requests must get
// the headers too. The page HTML must hold no inline script and no `data:` script.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type BrowserContext, type ConsoleMessage, type Page } from '@playwright/test';
import { startStaticServer, type StaticServer } from './support/static-server.ts';
import { barButton, serveAsLegacyBrowser, waitForUpgrade } from './helpers.ts';

const OUT_DIR = process.env.EDITION_OUT_DIR ?? 'dist';
const FAKE_SPEECH = readFileSync('tests/e2e/support/fake-speech.js', 'utf8');

/** The "Security headers" block of README.md, as header name → value. */
function recommendedHeaders(): Record<string, string> {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.split(/^## Security headers$/m)[1]?.split(/^## /m)[0] ?? '';
  const block = section.match(/```http\n([\s\S]*?)```/)?.[1];
  if (!block) throw new Error('README.md: no ```http block under "## Security headers"');
  return Object.fromEntries(
    block
      .trim()
      .split('\n')
      .map((line) => {
        const colon = line.indexOf(':');
        return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
      }),
  );
}

const HEADERS = recommendedHeaders();
/** A museum's page that allows nothing inline, not even styles. */
const HOST_HEADERS = {
  'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'self'",
  'X-Content-Type-Options': 'nosniff',
};
const HOST_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Museum page</title>
    <script src="/edition/embed.js" defer></script>
  </head>
  <body>
    <h1>Gallery 4</h1>
    <narrated-edition id="embed" theme="cream" label="Narrated edition"></narrated-edition>
  </body>
</html>`;

let server: StaticServer;

test.beforeAll(async () => {
  const hostDir = mkdtempSync(join(tmpdir(), 'csp-host-'));
  writeFileSync(join(hostDir, 'index.html'), HOST_PAGE);
  server = await startStaticServer([
    { base: '/edition/', root: OUT_DIR, headers: HEADERS },
    { base: '/host/', root: hostDir, headers: HOST_HEADERS },
    { base: '/host-open/', root: hostDir },
  ]);
});

test.afterAll(async () => {
  await server?.close();
});

/** Whether a console message reports a CSP violation or a header the browser could not parse. */
const isPolicyMessage = (message: ConsoleMessage) =>
  /Content[- ]Security[- ]Policy|Permissions[- ]Policy|Referrer[- ]Policy/i.test(message.text());

/**
 * Records CSP violations two ways: console messages (the page's, its frames' and the service
 * worker's) and `securitypolicyviolation` events, collected into `window.__cspViolations` in
 * every document. `all()` gathers both (call `drain()` before a navigation loses a document's list).
 */
async function watchViolations(page: Page, context: BrowserContext) {
  const found: string[] = [];
  page.on('console', (m) => isPolicyMessage(m) && found.push(`console: ${m.text()}`));
  const watchWorker = (worker: { on(event: 'console', listener: (m: ConsoleMessage) => void): unknown }) =>
    worker.on('console', (m) => isPolicyMessage(m) && found.push(`service worker: ${m.text()}`));
  context.serviceWorkers().forEach(watchWorker);
  context.on('serviceworker', watchWorker);
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener(
      'securitypolicyviolation',
      (e) => w.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} in ${e.sourceFile || e.documentURI}:${e.lineNumber}`),
      true,
    );
  });
  const drain = async () => {
    for (const frame of page.frames()) {
      const list = await frame
        .evaluate(() => {
          const w = window as unknown as { __cspViolations?: string[] };
          return w.__cspViolations?.splice(0) ?? [];
        })
        .catch(() => []);
      found.push(...list.map((v) => `event: ${v}`));
    }
  };
  return {
    drain,
    all: async () => {
      await drain();
      return found;
    },
  };
}

const edition = (path = '') => `${server.origin}/edition/${path}`;
const withoutSpeech = (page: Page) =>
  page.addInitScript(() => Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true }));
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const audioRequested = () => server.requests.some((p) => /^\/edition\/audio\/narration\.(webm|mp3)/.test(p));

test('the served page has the headers, no inline script and no data: script', async () => {
  const response = await fetch(edition());
  for (const [name, value] of Object.entries(HEADERS)) expect(response.headers.get(name)).toBe(value);
  expect(HEADERS['Content-Security-Policy']).toMatch(/(^|; )script-src 'self'(;|$)/);
  expect(HEADERS['Content-Security-Policy']).toMatch(/(^|; )style-src 'self'(;|$)/);
  const html = await response.text();
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter(([, , body]) => body.trim() !== '').map(([tag]) => tag.slice(0, 120))).toEqual([]);
  expect(scripts.filter(([tag]) => /data:/.test(tag)).map(([tag]) => tag)).toEqual([]);
  // Every script file exists (and none of them imports a `data:` module).
  for (const [, attrs] of scripts) {
    const src = attrs.match(/\ssrc="([^"]+)"/)?.[1];
    if (!src) continue;
    const file = await fetch(new URL(src, edition()));
    expect(file.status, src).toBe(200);
    expect(file.headers.get('content-type'), src).toMatch(/^text\/javascript/);
    expect(await file.text(), src).not.toMatch(/\bimport\s*\(?\s*['"]data:/);
  }
});

test('reading settings and the device voice, then the recording and back, with no CSP violation', async ({ page, context }) => {
  test.setTimeout(60_000);
  const violations = await watchViolations(page, context);
  await page.addInitScript({ content: FAKE_SPEECH });
  await page.goto(edition());
  await waitForUpgrade(page);

  await (await barButton(page, 'Reading settings')).click();
  const settings = page.getByRole('dialog', { name: 'Reading settings' });
  await settings.getByRole('radio', { name: 'High contrast dark' }).check();
  await settings.getByRole('radio', { name: 'OpenDyslexic' }).check();
  await page.keyboard.press('Escape');
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('hc-dark');
  await expect.poll(() => page.evaluate(() => document.fonts.check('16px "OpenDyslexic"'))).toBe(true);

  await button(page, 'Play').click();
  await expect(page.locator('.ne-s[aria-current="true"]')).toHaveCount(1);
  await button(page, 'Pause').click();

  // The recording, then back to the device voice: the audio player is unloaded.
  await (await barButton(page, 'Voices…')).click();
  await page.getByRole('dialog', { name: 'Voices' }).getByRole('radio', { name: /Recorded narration/ }).check();
  await page.keyboard.press('Escape');
  await button(page, 'Play').click();
  await expect.poll(audioRequested, { timeout: 15_000 }).toBe(true);
  await button(page, 'Pause').click();
  await (await barButton(page, 'Voices…')).click();
  await page.getByRole('dialog', { name: 'Voices' }).getByRole('radio', { name: /Device voice/ }).check();
  await page.keyboard.press('Escape');
  await button(page, 'Play').click();
  await expect(page.locator('.ne-s[aria-current="true"]')).toHaveCount(1);

  // The stored theme applies before the page's modules run (the early script, from its file).
  await violations.drain();
  await page.addInitScript(() => {
    document.addEventListener('readystatechange', () => {
      if (document.readyState === 'interactive') (window as unknown as { __earlyTheme?: string }).__earlyTheme = document.documentElement.dataset.theme;
    });
  });
  await page.reload();
  await waitForUpgrade(page);
  expect(await page.evaluate(() => (window as unknown as { __earlyTheme?: string }).__earlyTheme)).toBe('hc-dark');
  expect(await violations.all()).toEqual([]);
});

test('the recorded narration plays with no CSP violation; a modern browser loads no legacy chunk', async ({ page, context }) => {
  const violations = await watchViolations(page, context);
  const scripts: string[] = [];
  page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));
  await withoutSpeech(page);
  await page.goto(edition('?narration=recorded'));
  await waitForUpgrade(page);
  await button(page, 'Play').click();
  await expect(page.locator('.ne-s[aria-current="true"]')).toHaveCount(1);
  await expect.poll(audioRequested, { timeout: 15_000 }).toBe(true);
  // The modern-browser check (now a file, not a data: module) passed: no legacy chunk, no SystemJS.
  expect(await page.evaluate(() => (window as unknown as { __vite_is_modern_browser?: boolean }).__vite_is_modern_browser)).toBe(true);
  expect(scripts.filter((p) => /-legacy-|\/vite-legacy-entry-/.test(p))).toEqual([]);
  expect(scripts.some((p) => /\/data-import-\w+\.js$/.test(p))).toBe(true);
  expect(await violations.all()).toEqual([]);
});

test('kiosk mode with the recorded spoken help, with no CSP violation', async ({ page, context }) => {
  test.setTimeout(90_000); // the spoken-help recording takes a while to load on a busy machine
  const violations = await watchViolations(page, context);
  await withoutSpeech(page);
  await page.goto(edition('?kiosk&idle=3600'));
  await expect(page.locator('narrated-edition')).toHaveAttribute('data-speech-recording', 'ready', { timeout: 60_000 });
  await page.mouse.click(300, 300); // leave the attract screen
  await button(page, 'Play').click();
  await expect(page.locator('.ne-s[aria-current="true"]')).toHaveCount(1);
  expect(server.requests).toContain('/edition/audio/interface.json');
  expect(await violations.all()).toEqual([]);
});

test('the legacy bundle alone (as a browser without modules runs it) upgrades and plays with no CSP violation', async ({ page, context }) => {
  const violations = await watchViolations(page, context);
  const scripts: string[] = [];
  page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));
  // As legacy.spec.ts does: module scripts out, `nomodule` scripts run; the CSP header stays.
  await serveAsLegacyBrowser(page, (url) => url.pathname === '/edition/');
  await withoutSpeech(page);
  await page.goto(edition('?narration=recorded'));
  await waitForUpgrade(page);
  await button(page, 'Play').click();
  await expect(page.locator('.ne-s[aria-current="true"]')).toHaveCount(1, { timeout: 15_000 });
  expect(scripts.some((p) => /\/index-legacy-[\w-]+\.js$/.test(p))).toBe(true);
  expect(await violations.all()).toEqual([]);
});

test.describe('with the service worker', () => {
  test.use({ serviceWorkers: 'allow' });

  test('the offline worker registers, precaches every script file this browser runs and controls the page, with no CSP violation', async ({ page, context }) => {
    test.setTimeout(60_000);
    const violations = await watchViolations(page, context);
    await withoutSpeech(page);
    await page.goto(edition());
    await waitForUpgrade(page);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await violations.drain();
    await page.reload();
    await waitForUpgrade(page);
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 30_000 }).toBe(true);
    // The precache holds the script files this browser runs (the ones moved out of the HTML among
    // them); a modern browser never runs the nomodule ones, and they are not precached for it.
    const scripts = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLScriptElement>('script[src]:not([nomodule])')].map((s) => new URL(s.src).pathname),
    );
    const cached = await page.evaluate(async () => {
      const paths: string[] = [];
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
      }
      return paths;
    });
    expect(scripts.length).toBeGreaterThan(2);
    for (const path of scripts) expect(cached, `precache holds ${path}`).toContain(path);
    expect(await violations.all()).toEqual([]);
  });
});

test('the embed element on a host page with style-src \'self\' is sized by its stylesheet', async ({ page, context }) => {
  const violations = await watchViolations(page, context);
  await withoutSpeech(page);
  await page.goto(`${server.origin}/host/`);
  await page.waitForFunction(() => customElements.get('narrated-edition'));
  const frame = page.frameLocator('#embed >> iframe');
  await expect(frame.locator('narrated-edition[data-ready]')).toHaveCount(1);
  expect(await frame.locator('html').getAttribute('data-theme')).toBe('cream');

  const size = await embedFrameSize(page);
  expect(size.width).toBeCloseTo(size.expectedWidth, 0);
  expect(size.height).toBeCloseTo(size.expectedHeight, 0);
  expect(size).toMatchObject({ styleElements: 0, adoptedSheets: 1 }); // a constructable stylesheet, no <style>
  expect(await violations.all()).toEqual([]);
});

test('without constructable stylesheets the embed falls back to a <style> element', async ({ page }) => {
  await withoutSpeech(page);
  await page.addInitScript(() => {
    delete (ShadowRoot.prototype as { adoptedStyleSheets?: unknown }).adoptedStyleSheets;
  });
  await page.goto(`${server.origin}/host-open/`); // the same page without a CSP
  await page.waitForFunction(() => customElements.get('narrated-edition'));
  const size = await embedFrameSize(page);
  expect(size.height).toBeCloseTo(size.expectedHeight, 0);
  expect(size).toMatchObject({ styleElements: 1, adoptedSheets: 0 });
});

/** The embed's frame size, the size its CSS asks for, and how its shadow root is styled. */
function embedFrameSize(page: Page) {
  return page.locator('#embed').evaluate((el) => {
    const iframe = el.shadowRoot!.querySelector('iframe')!.getBoundingClientRect();
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
    return {
      width: iframe.width,
      height: iframe.height,
      // inline-size: 100% and block-size: min(85vh, 56rem), each plus a 1px border on both sides
      // (not the 300×150 of an unstyled iframe).
      expectedWidth: el.getBoundingClientRect().width + 2,
      expectedHeight: Math.min(innerHeight * 0.85, 56 * rem) + 2,
      styleElements: el.shadowRoot!.querySelectorAll('style').length,
      adoptedSheets: el.shadowRoot!.adoptedStyleSheets?.length ?? 0,
    };
  });
}
