// Feedback without playing (issue 11, item 2): idle or paused, moving by sentence or paragraph says
// where it went; shortcuts do nothing behind an open modal dialog. Scripted speechSynthesis.
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { loadEdition } from '../../src/content/load.ts';
import { waitForUpgrade } from './helpers.ts';

const FAKE_SPEECH = readFileSync('tests/e2e/support/fake-speech.js', 'utf8');
const EDITION = loadEdition('src/content/source/kollontai-1939.edition.md');
const TOTAL = EDITION.sentences.length;

async function open(page: Page) {
  await page.addInitScript({ content: FAKE_SPEECH });
  await page.goto('/');
  await waitForUpgrade(page);
  await expect(page.locator('narration-controls [part="position"]')).toContainText('Speaker: ');
}
const status = (page: Page) => page.locator('narration-controls').getByRole('status');
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const spokenCount = (page: Page) => page.evaluate(() => (window as unknown as { __speech: { speakCalls: number } }).__speech.speakCalls);

test('idle, Next sentence and Next paragraph say the new position and speaker; nothing is spoken aloud', async ({ page }) => {
  await open(page);
  await button(page, 'Next sentence').click();
  await expect(status(page)).toHaveText(`Sentence 2 of ${TOTAL}, ${EDITION.speakers[EDITION.sentences[1]!.speaker].name}`);
  await button(page, 'Next paragraph').click();
  const third = EDITION.sentences[2]!;
  await expect(status(page)).toHaveText(`Sentence 3 of ${TOTAL}, ${EDITION.speakers[third.speaker].name}`);
  await page.keyboard.press('Alt+Shift+ArrowLeft');
  await expect(status(page)).toHaveText(`Sentence 2 of ${TOTAL}, ${EDITION.speakers[EDITION.sentences[1]!.speaker].name}`);
  expect(await spokenCount(page)).toBe(0);
});

test('a shortcut does nothing while a modal dialog is open', async ({ page }) => {
  await open(page);
  await button(page, 'Reading settings').click();
  await expect(page.getByRole('dialog', { name: 'Reading settings' })).toBeVisible();
  await page.keyboard.press('Alt+Shift+KeyP');
  await page.keyboard.press('Alt+Shift+ArrowRight');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Reading settings' })).toBeHidden();
  expect(await spokenCount(page)).toBe(0);
  await expect(page.locator('narration-controls [part="position"]')).toContainText(`Sentence 1 of ${TOTAL}`);
  // The same keys work once the dialog is closed.
  await page.keyboard.press('Alt+Shift+ArrowRight');
  await expect(page.locator('narration-controls [part="position"]')).toContainText(`Sentence 2 of ${TOTAL}`);
});
