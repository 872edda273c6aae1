// Feedback without playing (issue 11, item 2): idle or paused, moving by sentence or paragraph says
// where it went; shortcuts do nothing behind an open modal dialog. Scripted speechSynthesis.
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { loadEdition } from '../../src/content/load.ts';
import { barButton, waitForUpgrade } from './helpers.ts';

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
  await (await barButton(page, 'Next paragraph')).click();
  const third = EDITION.sentences[2]!;
  await expect(status(page)).toHaveText(`Sentence 3 of ${TOTAL}, ${EDITION.speakers[third.speaker].name}`);
  await page.keyboard.press('Alt+Shift+ArrowLeft');
  await expect(status(page)).toHaveText(`Sentence 2 of ${TOTAL}, ${EDITION.speakers[EDITION.sentences[1]!.speaker].name}`);
  expect(await spokenCount(page)).toBe(0);
});

test('a shortcut does nothing while a modal dialog is open', async ({ page }) => {
  await open(page);
  await (await barButton(page, 'Reading settings')).click();
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

/** Records every text the status region shows, with its time (performance.now()). */
async function recordAnnouncements(page: Page) {
  await page.evaluate(() => {
    const region = document.querySelector('narration-controls')!.shadowRoot!.querySelector('[role="status"]')!;
    const log: { t: number; text: string }[] = [];
    (window as unknown as { __announced: typeof log }).__announced = log;
    new MutationObserver(() => {
      const text = region.textContent?.trim() ?? '';
      if (text) log.push({ t: performance.now(), text });
    }).observe(region, { subtree: true, childList: true, characterData: true });
  });
}
const announced = (page: Page) => page.evaluate(() => (window as unknown as { __announced: { t: number; text: string }[] }).__announced);

test('paused, Next sentence is announced once, in the status region, and the highlight moves with it', async ({ page }) => {
  await page.addInitScript({ content: FAKE_SPEECH });
  await page.addInitScript(() => Object.assign((window as unknown as { __speech: { config: object } }).__speech.config, { msPerChar: 60 }));
  await page.goto('/');
  await waitForUpgrade(page);
  await button(page, 'Play').click();
  await expect(page.locator('[aria-current="true"]')).toHaveAttribute('id', EDITION.sentences[0]!.id);
  await button(page, 'Pause').click();
  await recordAnnouncements(page);
  await page.keyboard.press('Alt+Shift+ArrowRight');
  const second = EDITION.sentences[1]!;
  const expected = `Sentence 2 of ${TOTAL}, ${EDITION.speakers[second.speaker].name}`;
  await expect(status(page)).toHaveText(expected);
  await expect(page.locator('[aria-current="true"]')).toHaveAttribute('id', second.id);
  await page.waitForTimeout(400); // a repeat (or a late "Paused") would land within this
  expect((await announced(page)).map((a) => a.text)).toEqual([expected]);
});

test('the fallback notice is announced before the recording starts; nothing is announced in its first second', async ({ page }) => {
  test.setTimeout(60_000);
  await page.addInitScript({ content: FAKE_SPEECH });
  // The title contains "Stalin": the first utterance fails, and the recording takes over.
  await page.addInitScript(() => Object.assign((window as unknown as { __speech: { config: object } }).__speech.config, { failText: 'Stalin' }));
  await page.addInitScript(() => {
    const marks = { playing: 0 };
    (window as unknown as { __marks: typeof marks }).__marks = marks;
    const play = HTMLMediaElement.prototype.play;
    HTMLMediaElement.prototype.play = function (this: HTMLMediaElement, ...args: []) {
      this.addEventListener('playing', () => (marks.playing ||= performance.now()), { once: true });
      return play.apply(this, args);
    };
  });
  await page.goto('/');
  await waitForUpgrade(page);
  await recordAnnouncements(page);
  await button(page, 'Play').click();
  await expect(page.locator('narration-controls [part="notice"]')).toHaveText(/^Device voice unavailable\./, { timeout: 10_000 });
  const playing = async () => page.evaluate(() => (window as unknown as { __marks: { playing: number } }).__marks.playing);
  await expect.poll(playing, { timeout: 20_000 }).toBeGreaterThan(0);
  const start = await playing();
  await page.waitForFunction((t) => performance.now() > t + 1200, start);
  const log = await announced(page);
  const notice = log.find((a) => a.text.startsWith('Device voice unavailable'));
  expect(notice, 'the notice was announced').toBeDefined();
  // Said first, with time for a screen reader to say it (≥ 1 s) before the recording sounds.
  expect(start - notice!.t).toBeGreaterThanOrEqual(1000);
  expect(log.filter((a) => a.t >= start && a.t <= start + 1000)).toEqual([]);
});

test('shortcuts follow the keyboard layout: the key that types P plays, the US P position typing L does not', async ({ page }) => {
  await open(page);
  const cdp = await page.context().newCDPSession(page);
  // Alt (1) + Shift (8), as a Dvorak keyboard sends them: the character, and where the key sits.
  const press = async (key: string, code: string, keyCode: number) => {
    for (const type of ['rawKeyDown', 'keyUp'] as const) {
      await cdp.send('Input.dispatchKeyEvent', { type, modifiers: 9, key, code, windowsVirtualKeyCode: keyCode });
    }
  };
  await press('L', 'KeyP', 76); // Dvorak L sits where US P is: not Play
  await press('ArrowRight', 'ArrowRight', 39); // a stable named key: Next sentence
  await expect(status(page)).toHaveText(new RegExp(`^Sentence 2 of ${TOTAL}`));
  expect(await spokenCount(page)).toBe(0);
  await press('P', 'KeyR', 80); // Dvorak P sits where US R is: Play
  await expect(button(page, 'Pause')).toBeVisible();
  expect(await spokenCount(page)).toBeGreaterThan(0);
  await press('P', 'KeyR', 80);
  await expect(button(page, 'Play')).toBeVisible();
});

test('the keyboard-shortcuts dialog shows the keys as they are typed', async ({ page }) => {
  await open(page);
  await page.keyboard.press('Alt+Shift+KeyH');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.locator('dt', { hasText: 'comma' })).toHaveText(/Alt\s*\+\s*Shift\s*\+\s*, \(comma\)/);
  await expect(help.locator('dt', { hasText: 'full stop' })).toHaveText(/Alt\s*\+\s*Shift\s*\+\s*\. \(full stop\)/);
  await expect(help).not.toContainText('Comma');
  await expect(help).not.toContainText('Period');
  // The slower key is "," (with Alt+Shift): US keyboards send "<" for it, and that works too.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Alt+Shift+Comma');
  await expect(page.locator('narration-controls input[type="range"]')).toHaveValue('0.75');
});

test('reaching for the bar readies the recording before Play: focus on Play fetches its player and file', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true }));
  const audioRequests: string[] = [];
  page.on('request', (r) => {
    if (/\/audio\/narration\.(webm|mp3)/.test(r.url())) audioRequests.push(r.url());
  });
  await page.goto('/?narration=recorded');
  await waitForUpgrade(page);
  expect(audioRequests, 'nothing is fetched for the recording before the reader reaches for it').toEqual([]);
  await button(page, 'Play').focus();
  await expect.poll(() => audioRequests.length, { timeout: 15_000 }).toBeGreaterThan(0);
  // Still silent and idle: warming up plays nothing.
  await expect(button(page, 'Play')).toBeVisible();
  await button(page, 'Play').click();
  await expect(button(page, 'Pause')).toBeVisible();
});

test('Play with the device voice: nothing is announced over the first second of narration (the toggle says Pause instead)', async ({ page }) => {
  await page.addInitScript({ content: FAKE_SPEECH });
  await page.goto('/');
  await waitForUpgrade(page);
  await recordAnnouncements(page);
  await button(page, 'Play').click();
  await expect(button(page, 'Pause')).toBeVisible();
  const firstStart = async () =>
    page.evaluate(() => (window as unknown as { __speech: { events: { type: string; at: number }[] } }).__speech.events.find((e) => e.type === 'start')?.at ?? 0);
  await expect.poll(firstStart).toBeGreaterThan(0);
  const start = await firstStart();
  await page.waitForFunction((t) => performance.now() > t + 1200, start);
  expect((await announced(page)).filter((a) => a.t >= start - 300 && a.t <= start + 1000)).toEqual([]);
});
