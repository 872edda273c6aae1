// Embedding on another site: one script tag and <narrated-edition>, or a plain iframe. Attributes
// reach the edition; styles leak neither way. The foreign page is served from another origin.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';

/** Serves `html` as a museum's page on its own port: another origin than the edition's. */
async function serveForeignPage(html: string): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  return { url: `http://localhost:${(server.address() as AddressInfo).port}/gallery.html`, server };
}

test('the embed element and a plain iframe show the edition; attributes apply; styles stay apart', async ({ page, baseURL }) => {
  const edition = JSON.parse(readFileSync(`${process.env.EDITION_OUT_DIR ?? 'dist'}/edition.json`, 'utf8')) as { sentences: { id: string }[] };
  const start = edition.sentences[50].id;
  const html = readFileSync('tests/e2e/fixtures/foreign-page.html', 'utf8')
    .replaceAll('EDITION_ORIGIN', baseURL!.replace(/\/$/, ''))
    .replace('START_ID', start);
  const { url: FOREIGN, server } = await serveForeignPage(html);
  expect(new URL(FOREIGN).origin).not.toBe(new URL(baseURL!).origin);
  await page.addInitScript(() => {
    Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });
  });
  const failed: string[] = [];
  page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
  await page.goto(FOREIGN);
  await page.waitForFunction(() => customElements.get('narrated-edition'), null, { timeout: 10_000 }).catch(() => {
    throw new Error(`embed.js did not define <narrated-edition>: ${failed.join(', ')}`);
  });

  // The element upgraded and framed the edition with the attributes as URL options.
  const frameSrc = await page.locator('#embed').evaluate((el) => el.shadowRoot!.querySelector('iframe')!.src);
  expect(frameSrc).toContain('theme=hc-dark');
  expect(frameSrc).toContain('narration=recorded');
  expect(frameSrc).toContain(`#${start}`);
  // Sandboxed to what the edition needs; it still upgrades, keeps its settings and narrates below.
  expect(await page.locator('#embed').evaluate((el) => el.shadowRoot!.querySelector('iframe')!.getAttribute('sandbox'))).toBe(
    'allow-scripts allow-same-origin allow-downloads',
  );
  const frame = page.frameLocator('#embed >> iframe');
  await expect(frame.locator('narrated-edition[data-ready]')).toHaveCount(1);
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Stalin’s Conversation with A.M. Kollontai');
  expect(await frame.locator('html').getAttribute('data-theme')).toBe('hc-dark');
  await expect(frame.getByText('Sentence 51 of')).toBeVisible();

  // Narration works inside the embed (recorded, forced by the attribute).
  await frame.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(frame.locator('[aria-current="true"]')).toHaveAttribute('id', start);

  // Styles leak neither way.
  const inside = await frame.locator('.ne-text p').first().evaluate((p) => ({
    color: getComputedStyle(p).color,
    font: getComputedStyle(p).fontFamily,
    spacing: getComputedStyle(p).letterSpacing,
  }));
  expect(inside.color).not.toBe('rgb(200, 0, 0)');
  expect(inside.font).not.toContain('Courier');
  expect(inside.spacing).not.toBe('3px');
  const outside = await page.locator('#museum-text').evaluate((p) => ({
    color: getComputedStyle(p).color,
    font: getComputedStyle(p).fontFamily,
    background: getComputedStyle(document.body).backgroundColor,
  }));
  expect(outside).toEqual({ color: 'rgb(200, 0, 0)', font: '"Courier New", monospace', background: 'rgba(0, 0, 0, 0)' });

  // The plain iframe embed works too.
  const plain = page.frameLocator('#plain');
  await expect(plain.locator('narrated-edition[data-ready]')).toHaveCount(1);
  expect(await plain.locator('html').getAttribute('data-theme')).toBe('hc-light');
  server.close();
});

test('embed attributes build the edition URL; empty or false ones are left out', async ({ page, baseURL }) => {
  await page.goto('/');
  await page.addScriptTag({ url: `${baseURL}/embed.js` });
  // On the edition's own page the real element is already defined: test the URL builder directly.
  const url = await page.evaluate(() => {
    const api = (window as unknown as { narratedEditionEmbed: { embedUrl(base: string, attrs: (n: string) => string | null): string } })
      .narratedEditionEmbed;
    const attrs: Record<string, string> = { kiosk: '', idle: '90', 'narration-source': 'device', 'start-sentence': 's-1', theme: '' };
    return api.embedUrl('https://museum.example/edition/', (n) => (n in attrs ? attrs[n] : null));
  });
  expect(url).toBe('https://museum.example/edition/?kiosk=&idle=90&narration=device#s-1');
  // The kiosk's spoken help: a bare `speech` forces it on; `speech="off"` and `speech-rate` pass through.
  const speech = await page.evaluate(() => {
    const api = (window as unknown as { narratedEditionEmbed: { embedUrl(base: string, attrs: (n: string) => string | null): string } })
      .narratedEditionEmbed;
    const build = (attrs: Record<string, string>) => api.embedUrl('https://museum.example/edition/', (n) => (n in attrs ? attrs[n] : null));
    return [
      build({ kiosk: '', speech: '' }),
      build({ kiosk: '', speech: 'off', 'speech-rate': '1.25' }),
      // Bad values go through the page's own parser: clamped, or left out (the default).
      build({ kiosk: 'yes', idle: '1e309', theme: 'neon', 'narration-source': 'loud', speech: 'perhaps', 'speech-rate': 'fast' }),
      build({ idle: '-5', theme: ' hc-dark ', 'narration-source': 'AUDIO', 'speech-rate': '9' }),
    ];
  });
  expect(speech).toEqual([
    'https://museum.example/edition/?kiosk=&speech=on',
    'https://museum.example/edition/?kiosk=&speech=off&speech-rate=1.25',
    'https://museum.example/edition/?kiosk=&idle=3600',
    'https://museum.example/edition/?theme=hc-dark&speech-rate=2&narration=recorded',
  ]);
});

test('the embed refuses any src but http(s) (no frame, an error naming the attribute); kiosk="no" is off', async ({ page, baseURL }) => {
  await page.goto('/');
  await page.addScriptTag({ url: `${baseURL}/embed.js` });
  const results = await page.evaluate(() => {
    const api = (window as unknown as { narratedEditionEmbed: { embedUrl(base: string, attrs: (n: string) => string | null): string } })
      .narratedEditionEmbed;
    const build = (attrs: Record<string, string>) => {
      try {
        return api.embedUrl('https://museum.example/edition/', (n) => (n in attrs ? attrs[n] : null));
      } catch (error) {
        return `refused: ${(error as Error).message}`;
      }
    };
    return {
      js: build({ src: 'javascript:alert(1)' }),
      jsCase: build({ src: ' JaVaScRiPt:alert(1)' }),
      data: build({ src: 'data:text/html,<script>alert(1)</script>' }),
      relative: build({ src: '../other/' }),
      kioskNo: build({ kiosk: 'no' }),
      kioskFalse: build({ kiosk: 'false' }),
      kioskZero: build({ kiosk: '0' }),
      kioskOn: build({ kiosk: '' }),
    };
  });
  expect(results.js).toMatch(/^refused: <narrated-edition src>: only http: and https: addresses are allowed, not "javascript:"/);
  expect(results.jsCase).toMatch(/^refused: .*not "javascript:"/);
  expect(results.data).toMatch(/^refused: .*not "data:"/);
  expect(results.relative).toBe('https://museum.example/other/');
  expect([results.kioskNo, results.kioskFalse, results.kioskZero]).toEqual(Array(3).fill('https://museum.example/edition/'));
  expect(results.kioskOn).toBe('https://museum.example/edition/?kiosk=');
});

test('an embed with a javascript: src shows no frame, runs nothing and says why in the console', async ({ page, baseURL }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.route('**/host.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><title>Host</title><script src="${baseURL}/embed.js"></script>
        <narrated-edition src="javascript:window.parent.__ran = true"></narrated-edition>
        <narrated-edition id="ok" theme="cream"></narrated-edition>`,
    }),
  );
  await page.goto(`${baseURL}/host.html`);
  const frames = await page.evaluate(() =>
    [...document.querySelectorAll('narrated-edition')].map((el) => el.shadowRoot?.querySelector('iframe')?.getAttribute('allow') ?? null),
  );
  expect(frames).toEqual([null, 'autoplay']); // the unsafe one has no frame; the other allows autoplay only
  expect(await page.evaluate(() => (window as unknown as { __ran?: boolean }).__ran ?? false)).toBe(false);
  expect(errors.join('\n')).toContain('<narrated-edition src>: only http: and https: addresses are allowed');
});
