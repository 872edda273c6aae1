// The conformance claim of the talking book (WCAG 2.2 AA) checked where a machine can: every
// content document, served as XHTML to Chromium with the book's CSS, has no axe-core violation of
// the WCAG 2.0–2.2 A/AA rules. Skipped, saying so, without Chromium (/usr/bin/chromium or CHROMIUM_PATH).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEdition } from '../../../src/content/load.ts';
import { buildEpubBook, PACKAGE_DIR } from '../../../src/epub/epub-book.ts';
import type { AudioManifest } from '../../../src/narration/audio-manifest.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(executablePath);
if (!available) console.warn(`EPUB axe test skipped: no Chromium at ${executablePath}`);

const manifest = JSON.parse(readFileSync(resolve(ROOT, 'public/audio/manifest.json'), 'utf8')) as AudioManifest;
const book = buildEpubBook(loadEdition(resolve(ROOT, 'src/content/source/kollontai-1939.edition.md')), manifest, {
  modified: new Date(),
  voices: 'flite (rms)',
});
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const ORIGIN = 'http://epub.test';
const documents = book.files.filter((f) => f.path.endsWith('.xhtml'));

describe.skipIf(!available)('EPUB content documents under axe-core', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  }, 60_000);
  afterAll(async () => browser?.close());

  it.each(documents.map((f) => f.path))('%s has no WCAG 2.2 A/AA violation', async (path) => {
    const page = await browser.newPage();
    await page.route(`${ORIGIN}/**`, (route) => {
      const file = book.files.find((f) => `${ORIGIN}/${f.path}` === route.request().url());
      if (!file) return route.fulfill({ status: 404 });
      const type = file.path.endsWith('.css') ? 'text/css' : 'application/xhtml+xml';
      return route.fulfill({ status: 200, contentType: `${type}; charset=utf-8`, body: file.text });
    });
    await page.goto(`${ORIGIN}/${path}`);
    expect(await page.locator('h1').count()).toBeGreaterThanOrEqual(1); // parsed as XHTML, styled by the book's CSS
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } }).axe;
      const result = await axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      });
      return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
    });
    await page.close();
    expect(violations).toEqual([]);
  }, 60_000);

  it('serves the documents from the book itself', () => {
    expect(documents.map((f) => f.path)).toEqual(expect.arrayContaining([`${PACKAGE_DIR}/text.xhtml`, `${PACKAGE_DIR}/glossary.xhtml`, `${PACKAGE_DIR}/nav.xhtml`]));
  });
});
