// Reflow and text spacing: no horizontal scrolling at 320 CSS px (= 1280 px at 400% zoom),
// the WCAG 1.4.12 spacing override clips or overlaps nothing, and lines stay 45–80 characters.
import { test, expect, type Page } from '@playwright/test';
import { barButton, waitForUpgrade } from './helpers.ts';

const STORAGE_KEY = 'ne-reading-settings:v1';

async function loadWith(page: Page, preferences: Record<string, unknown> = {}) {
  await page.addInitScript(
    ([key, value]) => localStorage.setItem(key, value),
    [STORAGE_KEY, JSON.stringify(preferences)] as const,
  );
  await page.goto('/');
  await waitForUpgrade(page);
  await page.evaluate(() => document.fonts.ready);
}

const horizontalOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

for (const textSize of [100, 200, 300]) {
  for (const font of ['atkinson', 'opendyslexic']) {
    test(`no horizontal scrolling at 320 CSS px, text ${textSize}%, ${font}`, async ({ page }) => {
      await page.setViewportSize({ width: 320, height: 256 });
      await loadWith(page, { textSize, font });
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    });
  }
}

test('no horizontal scrolling at 400% zoom of a 1280 px window (device scale)', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 320, height: 256 }, deviceScaleFactor: 4 });
  const page = await context.newPage();
  await page.goto('/');
  await waitForUpgrade(page);
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await (await barButton(page, 'Reading settings')).click();
  await expect(page.getByRole('dialog', { name: 'Reading settings' })).toBeVisible();
  const dialogOverflow = await page.evaluate(() => {
    const host = document.querySelector('narrated-edition reading-settings')!;
    const dialog = host.shadowRoot!.querySelector('dialog')!;
    return { over: dialog.scrollWidth - dialog.clientWidth, right: dialog.getBoundingClientRect().right };
  });
  expect(dialogOverflow.over).toBeLessThanOrEqual(0);
  expect(dialogOverflow.right).toBeLessThanOrEqual(320);
  await context.close();
});

test('WCAG 1.4.12 text-spacing override clips and overlaps no text', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 900 });
  await loadWith(page);
  await page.addStyleTag({
    content:
      '* { line-height: 1.5 !important; letter-spacing: .12em !important; word-spacing: .16em !important } p { margin-bottom: 2em !important }',
  });
  const applied = await page.evaluate(() => getComputedStyle(document.querySelector('.ne-text p')!).letterSpacing);
  expect(parseFloat(applied)).toBeGreaterThan(2);
  const problems = await page.evaluate(() => {
    const issues: string[] = [];
    const textElements = [...document.querySelectorAll<HTMLElement>('body *')].filter((el) =>
      [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim()),
    );
    for (const el of textElements) {
      const style = getComputedStyle(el);
      // Skip deliberately hidden text (visually-hidden labels, the skip link until it is focused).
      if (style.display === 'none' || el.closest('.ne-visually-hidden') || el.getBoundingClientRect().width <= 1) continue;
      const clips = style.overflowX !== 'visible' || style.overflowY !== 'visible';
      if (clips && (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)) {
        issues.push(`clipped: ${el.tagName}.${el.className}`);
      }
    }
    const blocks = [...document.querySelectorAll<HTMLElement>('main p, main h2, main h3, main dl > div, header h1, header p')];
    for (let i = 1; i < blocks.length; i++) {
      const a = blocks[i - 1].getBoundingClientRect();
      const b = blocks[i].getBoundingClientRect();
      if (a.height && b.height && blocks[i - 1].parentElement === blocks[i].parentElement && b.top < a.bottom - 1) {
        issues.push(`overlap: ${blocks[i - 1].textContent!.slice(0, 30)} / ${blocks[i].textContent!.slice(0, 30)}`);
      }
    }
    return issues;
  });
  expect(problems).toEqual([]);
});

/** Average characters per full line of the longest paragraph (the last, short line is not counted). */
async function charactersPerLine(page: Page): Promise<number> {
  return page.evaluate(() => {
    const paragraphs = [...document.querySelectorAll<HTMLElement>('.ne-text p.ne-prose')];
    const p = paragraphs.sort((a, b) => b.textContent!.length - a.textContent!.length)[0];
    const perLine = new Map<number, number>();
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if ((node.parentElement as HTMLElement).closest('.ne-speaker')) continue;
      for (let i = 0; i < node.textContent!.length; i++) {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect) continue;
        const top = Math.round(rect.top);
        perLine.set(top, (perLine.get(top) ?? 0) + 1);
      }
    }
    const counts = [...perLine.entries()].sort((a, b) => a[0] - b[0]).map(([, n]) => n);
    const full = counts.slice(1, -1); // first line may hold the speaker label; last line is short
    return full.reduce((a, b) => a + b, 0) / full.length;
  });
}

for (const font of ['atkinson', 'opendyslexic', 'lexend']) {
  for (const lineLength of [45, 65, 80]) {
    test(`line length setting ${lineLength} gives about ${lineLength} characters per line (${font})`, async ({ page }) => {
      await page.setViewportSize({ width: 1600, height: 900 });
      await loadWith(page, { font, lineLength });
      const measured = await charactersPerLine(page);
      expect(measured).toBeGreaterThan(lineLength * 0.9);
      expect(measured).toBeLessThanOrEqual(Math.min(lineLength * 1.08, 80));
    });
  }
}
