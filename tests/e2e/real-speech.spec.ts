// Narration against real speech: Chromium with --enable-speech-dispatcher over speech-dispatcher
// and espeak-ng, playing into a PulseAudio null sink (started by support/global-setup.ts).
// A wrapper records every utterance the page speaks and, at each real `start` event, which
// sentence carries aria-current one frame later (and how each one stopped: `end` or an error).
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { test, expect, type Page } from '@playwright/test';
import { barButton, barControl, waitForUpgrade } from './helpers.ts';

test.describe.configure({ mode: 'serial' });

const hasSpeechStack = spawnSync('sh', ['-c', 'command -v speech-dispatcher && command -v espeak-ng && pactl info']).status === 0;
test.skip(!hasSpeechStack && !process.env.CI, 'speech-dispatcher, espeak-ng and PulseAudio are not installed here');

interface Spoken {
  text: string;
  voice: string | null;
  rate: number;
  pitch: number;
  started: boolean;
  highlighted: string | null;
  ended: boolean;
  /** The `error` event's code (e.g. "interrupted" when cancelled), or null. */
  error: string | null;
}

const edition = () =>
  JSON.parse(readFileSync(`${process.env.EDITION_OUT_DIR ?? 'dist'}/edition.json`, 'utf8')) as {
    sentences: { id: string; text: string; kind: string; speaker: string; spans: { speaker: string; text: string }[] }[];
  };

async function openWithRecorder(page: Page, path = '/') {
  await page.addInitScript(() => {
    const log: Spoken[] = [];
    (window as unknown as { __utterances: Spoken[] }).__utterances = log;
    const synth = window.speechSynthesis;
    const speak = synth.speak.bind(synth);
    synth.speak = (u: SpeechSynthesisUtterance) => {
      const entry: Spoken = {
        text: u.text,
        voice: u.voice?.name ?? null,
        rate: u.rate,
        pitch: u.pitch,
        started: false,
        highlighted: null,
        ended: false,
        error: null,
      };
      log.push(entry);
      u.addEventListener('start', () => {
        entry.started = true;
        requestAnimationFrame(() => {
          entry.highlighted = document.querySelector('[aria-current="true"]')?.getAttribute('id') ?? null;
        });
      });
      u.addEventListener('end', () => (entry.ended = true));
      u.addEventListener('error', (e) => (entry.error = (e as SpeechSynthesisErrorEvent).error));
      speak(u);
    };
  });
  await page.goto(path);
  await waitForUpgrade(page);
  // Real voices arrive asynchronously from speech-dispatcher.
  await page.waitForFunction(() => speechSynthesis.getVoices().some((v) => v.lang.startsWith('en')), null, {
    timeout: 20_000,
  });
}

const utterances = (page: Page) => page.evaluate(() => (window as unknown as { __utterances: Spoken[] }).__utterances);
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const current = (page: Page) => page.locator('[aria-current="true"]');

test('the highlight follows the real utterances in order through the first six sentences', async ({ page }) => {
  test.setTimeout(90_000);
  await openWithRecorder(page);
  const speed = await barControl(page, 'slider', 'Speed');
  await speed.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight'); // 1× → 2×
  await expect(speed).toHaveValue('2');
  await button(page, 'Play').click();
  const ids = edition().sentences.map((s) => s.id);
  // Wait until the sixth sentence's utterance has really started.
  await expect
    .poll(async () => new Set((await utterances(page)).filter((u) => u.started && u.highlighted).map((u) => u.highlighted)).size, {
      timeout: 60_000,
    })
    .toBeGreaterThanOrEqual(6);
  const log = (await utterances(page)).filter((u) => u.started);
  const highlightedInOrder = [...new Set(log.map((u) => u.highlighted))].slice(0, 6);
  expect(highlightedInOrder).toEqual(ids.slice(0, 6));
  // Each utterance's text is the spoken form of the sentence highlighted while it played.
  const script = edition().sentences;
  for (const u of log.slice(0, 6)) {
    const sentence = script.find((s) => s.id === u.highlighted)!;
    expect(sentence, `no sentence highlighted for "${u.text}"`).toBeTruthy();
  }
  await (await barButton(page, 'Stop')).click();
});

test('a Stalin sentence and a Kollontai sentence are spoken with different voices or prosody', async ({ page }) => {
  test.setTimeout(60_000);
  await openWithRecorder(page);
  const stalin = page.locator('.ne-turn[data-speaker="stalin"] .ne-s:not([data-speaker])').first();
  const kollontai = page.locator('.ne-turn[data-speaker="kollontai"] .ne-s:not([data-speaker])').first();
  await stalin.click();
  await expect.poll(async () => (await utterances(page)).filter((u) => u.started).length, { timeout: 20_000 }).toBeGreaterThan(0);
  await kollontai.click();
  await expect.poll(async () => (await utterances(page)).filter((u) => u.started).length, { timeout: 20_000 }).toBeGreaterThan(1);
  await (await barButton(page, 'Stop')).click();
  const log = (await utterances(page)).filter((u) => u.started);
  const stalinId = await stalin.getAttribute('id');
  const kollontaiId = await kollontai.getAttribute('id');
  const s = log.find((u) => u.highlighted === stalinId)!;
  const k = log.find((u) => u.highlighted === kollontaiId)!;
  expect(s && k).toBeTruthy();
  expect(s.voice).not.toBeNull();
  expect(k.voice).not.toBeNull();
  expect(`${s.voice}|${s.rate}|${s.pitch}`).not.toBe(`${k.voice}|${k.rate}|${k.pitch}`);
});

test('Pause holds speech and highlight; Next moves them; clicking a later sentence reads from there', async ({ page }) => {
  test.setTimeout(90_000);
  await openWithRecorder(page);
  const ids = edition().sentences.map((s) => s.id);
  // Start on a long sentence so Pause lands mid-sentence.
  const long = edition().sentences.findIndex((s) => s.kind === 'body' && s.text.length > 200);
  await page.locator(`[id="${ids[long]}"]`).click();
  await expect.poll(async () => (await utterances(page)).some((u) => u.started), { timeout: 20_000 }).toBe(true);
  await button(page, 'Pause').click();
  await expect(current(page)).toHaveAttribute('id', ids[long]);
  const countAtPause = (await utterances(page)).length;
  // Pause landed mid-sentence: the long sentence's utterance had started and not ended. Speech
  // holds: the synthesizer stops that utterance (its error event says so, never `end`) and is silent.
  await expect.poll(async () => (await utterances(page)).at(-1)!.error, { timeout: 20_000 }).toMatch(/^(interrupted|canceled)$/);
  expect((await utterances(page)).at(-1)).toMatchObject({ started: true, ended: false, highlighted: ids[long] });
  await expect.poll(() => page.evaluate(() => speechSynthesis.speaking && !speechSynthesis.paused)).toBe(false);
  await expect(current(page)).toHaveAttribute('id', ids[long]);

  await button(page, 'Next sentence').click(); // paused: the position and highlight move
  await expect(current(page)).toHaveAttribute('id', ids[long + 1]);
  await button(page, 'Play').click();
  await expect
    .poll(async () => (await utterances(page)).some((u) => u.started && u.highlighted === ids[long + 1]), { timeout: 20_000 })
    .toBe(true);
  // Nothing was spoken while paused: the first utterance after the pause is the one Play started.
  expect((await utterances(page))[countAtPause]).toMatchObject({ started: true, highlighted: ids[long + 1] });
  await button(page, 'Next sentence').click(); // playing: speech and highlight move together
  await expect
    .poll(async () => (await utterances(page)).some((u) => u.started && u.highlighted === ids[long + 2]), { timeout: 20_000 })
    .toBe(true);

  const later = ids[ids.length - 12];
  await page.locator(`[id="${later}"]`).click();
  await expect
    .poll(async () => (await utterances(page)).some((u) => u.started && u.highlighted === later), { timeout: 20_000 })
    .toBe(true);
  await expect(current(page)).toHaveAttribute('id', later);
  await (await barButton(page, 'Stop')).click();
  // Stop keeps the place: the sentence stays highlighted, and the voice is silent.
  await expect(current(page)).toHaveAttribute('id', later);
  await expect.poll(() => page.evaluate(() => speechSynthesis.speaking), { timeout: 5_000 }).toBe(false);
});

test('kiosk: the first key press brings the spoken welcome, heard through the real voice', async ({ page }) => {
  test.setTimeout(60_000);
  await openWithRecorder(page, '/?kiosk&idle=3600');
  await expect(page.locator('kiosk-attract dialog')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect
    .poll(async () => (await utterances(page)).filter((u) => u.started).map((u) => u.text)[0] ?? '', { timeout: 20_000 })
    .toMatch(/^Welcome\. This kiosk reads a historical document aloud/);
  // It is really spoken to its end, then the essentials and the control that has focus.
  await expect
    .poll(async () => (await utterances(page)).filter((u) => u.ended).map((u) => u.text), { timeout: 40_000 })
    .toEqual([
      expect.stringMatching(/^Welcome\./),
      'Use the arrow keys to move, Enter to choose, Escape to go back, and the Help key for help.',
      'Reading settings, opens a dialog',
    ]);
});
