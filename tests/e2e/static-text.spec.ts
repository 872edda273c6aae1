// The static edition: with JavaScript off every sentence is on the page, in semantic HTML.
import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import type { Edition } from '../../src/content/model.ts';

let edition: Edition;
// Read after the web server has built dist/ (test files are collected before it starts).
test.beforeAll(() => {
  edition = JSON.parse(readFileSync(`${process.env.EDITION_OUT_DIR ?? 'dist'}/edition.json`, 'utf8'));
});

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('every sentence of edition.json is on the page, in order, with its exact text', async ({ page }) => {
    await page.goto('/');
    const onPage = await page.locator('.ne-s').evaluateAll((els) =>
      els.map((el) => ({ id: el.getAttribute('id'), text: el.textContent })),
    );
    expect(onPage.map((s) => s.id)).toEqual(edition.sentences.map((s) => s.id));
    expect(onPage.map((s) => s.text)).toEqual(edition.sentences.map((s) => s.text));
  });

  test('has landmarks, one h1, an h2 per section and a working skip link', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('header')).toHaveCount(1);
    await expect(page.locator('main')).toHaveCount(1);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(edition.title);
    const bodySections = edition.sections.filter((s) => s.heading);
    for (const section of bodySections) {
      await expect(page.getByRole('heading', { level: 2, name: section.heading })).toHaveCount(1);
    }
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to the text' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    // The start of main: the editor's note comes first (it is not skipped past).
    await expect(page).toHaveURL(/#main$/);
    const firstHeading = await page.locator('#main').evaluate((main) => main.querySelector('h2')?.textContent?.trim());
    expect(firstHeading).toBe('Editor’s note');
  });

  test('every dialogue turn names its speaker in text', async ({ page }) => {
    await page.goto('/');
    const turns = edition.blocks.filter((b) => b.role === 'turn');
    expect(turns.length).toBeGreaterThan(10);
    for (const turn of turns) {
      const label = page.locator(`p:has(> [id="${turn.sentenceIds[0]}"]) > .ne-speaker`);
      await expect(label).toContainText(edition.speakers[turn.speaker].name);
    }
  });

  test('uncertain attributions are shown with the editor’s reason', async ({ page }) => {
    await page.goto('/');
    const uncertain = edition.blocks.filter((b) => b.uncertain);
    expect(uncertain.length).toBeGreaterThan(0);
    for (const block of uncertain) {
      await expect(page.locator(`p:has(> [id="${block.sentenceIds[0]}"]) > .ne-speaker`)).toContainText('Probably');
      await expect(page.locator(`#${block.id}-note`)).toContainText(block.uncertain!);
    }
  });

  test('editor’s note comes before the text and the source note after it', async ({ page }) => {
    await page.goto('/');
    const order = await page.locator('main h2').allTextContents();
    expect(order[0]).toBe('Editor’s note');
    expect(order.at(-1)).toBe('Source and credits');
    await expect(page.locator('main')).toContainText('authenticity of the conversation is disputed');
    await expect(page.locator('main')).toContainText('antisemitic conspiracy myth');
    await expect(page.locator('main')).toContainText('Translated from the Russian by Jaweed Ashraf');
  });
});
