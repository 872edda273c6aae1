// The recorded narration through Howler: the fallback that always works. Real audio files
// (public/audio), real HTML5 audio in Chromium; the highlight is checked against the audio clock.
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { barButton, barControl, expectNoAxeViolations, waitForUpgrade } from './helpers.ts';

const FAKE_SPEECH = readFileSync('tests/e2e/support/fake-speech.js', 'utf8');

interface Entry {
  start: number;
  end: number;
}
const manifest = () =>
  JSON.parse(readFileSync('public/audio/manifest.json', 'utf8')) as { order: string[]; sentences: Record<string, Entry> };

/** Records, at every aria-current change, the audio clock (ms) read from Howler at that moment. */
async function recordHighlights(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __marks: { id: string | null; clock: number; at: number }[]; Howler?: { _howls: { seek(): number }[] } };
    w.__marks = [];
    const clock = () => (w.Howler?._howls[0] ? w.Howler._howls[0].seek() * 1000 : -1);
    new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target as Element;
        if (el.getAttribute('aria-current') === 'true') w.__marks.push({ id: el.getAttribute('id'), clock: clock(), at: performance.now() });
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['aria-current'] });
  });
}
const marks = (page: Page) =>
  page.evaluate(() => (window as unknown as { __marks: { id: string; clock: number }[] }).__marks);
const audioClock = (page: Page) =>
  page.evaluate(() => {
    const h = (window as unknown as { Howler?: { _howls: { seek(): number }[] } }).Howler;
    return h?._howls[0] ? h._howls[0].seek() * 1000 : -1;
  });

async function withoutSpeech(page: Page) {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });
  });
}

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

test('without speechSynthesis, Play plays the recording and the highlight follows the manifest in order', async ({ page }) => {
  test.setTimeout(60_000);
  await withoutSpeech(page);
  await recordHighlights(page);
  await page.goto('/');
  await waitForUpgrade(page);
  await button(page, 'Play').click();
  await expect.poll(() => audioClock(page), { timeout: 10_000 }).toBeGreaterThan(200);
  const { order, sentences } = manifest();
  await expect.poll(async () => new Set((await marks(page)).map((m) => m.id)).size, { timeout: 30_000 }).toBeGreaterThanOrEqual(4);
  const seen = await marks(page);
  expect([...new Set(seen.map((m) => m.id))].slice(0, 4)).toEqual(order.slice(0, 4));
  for (const m of seen) {
    const entry = sentences[m.id];
    // The highlight moved while the audio clock was at (or just before) this sentence.
    expect(m.clock).toBeGreaterThanOrEqual(entry.start - 350);
    expect(m.clock).toBeLessThanOrEqual(entry.end + 60);
  }
  await expectNoAxeViolations(page, 'recorded narration playing');
});

test('clicking a sentence seeks the recording there; at 1.5× the highlight stays in sync', async ({ page }) => {
  test.setTimeout(60_000);
  await withoutSpeech(page);
  await recordHighlights(page);
  await page.goto('/?narration=recorded');
  await waitForUpgrade(page);
  const { order, sentences } = manifest();
  const target = order[40];
  await page.locator(`[id="${target}"]`).click();
  await expect.poll(() => audioClock(page), { timeout: 10_000 }).toBeGreaterThan(sentences[target].start);
  expect(await audioClock(page)).toBeLessThan(sentences[target].end + 200);
  const speed = await barControl(page, 'slider', 'Speed');
  await speed.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight'); // 1.5×
  await expect(speed).toHaveValue('1.5');
  const before = (await marks(page)).length;
  await expect.poll(async () => (await marks(page)).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(before + 3);
  for (const m of (await marks(page)).slice(before)) {
    const entry = sentences[m.id];
    expect(m.clock, `highlight of ${m.id} out of sync`).toBeGreaterThanOrEqual(entry.start - 350);
    expect(m.clock).toBeLessThanOrEqual(entry.end + 80);
  }
  // The audio element itself plays at 1.5× (HTML5 audio keeps the pitch).
  await expect
    .poll(() =>
      page.evaluate(() =>
        (window as unknown as { Howler: { _howls: { _sounds: { _node: HTMLAudioElement }[] }[] } }).Howler._howls[0]._sounds.map(
          (s) => s._node.playbackRate,
        ),
      ),
    )
    .toContain(1.5);
});

test('no audio and no Howler code is fetched before the reader reaches for the narration', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await withoutSpeech(page);
  await page.goto('/');
  await waitForUpgrade(page);
  // Nothing loads the narration until the reader reaches for the bar or a sentence (the controls
  // name the first speaker from the page itself): a preload would ask for the audio or the player
  // code now. A request the page makes afterwards is logged after any such request.
  await expect(page.locator('narration-controls [part="position"]')).toContainText('Speaker: ');
  await page.evaluate(() => fetch('/after-warm-up').catch(() => undefined));
  await expect.poll(() => requests.includes('/after-warm-up')).toBe(true);
  expect(requests.filter((p) => p.includes('/audio/') || /howler/i.test(p))).toEqual([]);
  await button(page, 'Play').click();
  await expect.poll(() => requests.some((p) => p.endsWith('/audio/manifest.json')), { timeout: 10_000 }).toBe(true);
  await expect.poll(() => requests.some((p) => /narration\.(webm|mp3)$/.test(p)), { timeout: 10_000 }).toBe(true);
  expect(requests.some((p) => /howler/i.test(p))).toBe(true);
});

test('an audio file answered with 404 shows a clear message; the text and device voice stay usable', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route(/\/audio\/narration\.(webm|mp3)$/, (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.addInitScript({ content: FAKE_SPEECH });
  await page.goto('/?narration=recorded');
  await waitForUpgrade(page);
  await button(page, 'Play').click();
  // Shown under the controls (a match anywhere, e.g. in the hidden status region, would not prove that).
  const message = page.locator('narration-controls [part="error"]');
  await expect(message).toHaveText(/^The recorded narration could not be loaded\. The text is still here to read/, { timeout: 15_000 });
  expect(errors).toEqual([]);
  await expect(page.locator('[aria-current="true"]')).toHaveCount(0);
  // The device voice is still there: switch to it in the Voices dialog and it reads.
  await page.goto('/');
  await waitForUpgrade(page);
  await button(page, 'Play').click();
  await expect(page.locator('[aria-current="true"]')).toHaveCount(1);
});

test('a manifest entry whose end is not a number is refused with a message for people; nothing plays; a kiosk resets', async ({ page }) => {
  test.setTimeout(90_000); // slow on a loaded 2-core machine
  const broken = JSON.parse(readFileSync('public/audio/manifest.json', 'utf8'));
  broken.sentences[broken.order[3]].end = 'soon';
  await page.route(/\/audio\/manifest\.json$/, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(broken) }));
  await withoutSpeech(page);
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.clock.install(); // time flows as usual; the idle wait at the end is skipped
  await page.goto('/?kiosk&idle=30&speech=off');
  await waitForUpgrade(page);
  await page.mouse.click(300, 300); // leave the attract screen
  await button(page, 'Play').click();
  const message = page.locator('narration-controls [part="error"]');
  await expect(message).toHaveText(/^The recording’s index is damaged, so the recording cannot be played\./, { timeout: 20_000 });
  expect(errors.join('\n')).toContain(`${broken.order[3]}: start/end not numbers`); // details go to the console
  await expect(page.locator('[aria-current="true"]')).toHaveCount(0);
  // Narration is not left "playing": the kiosk's idle timer runs, so the next visitor gets a fresh start.
  await page.clock.runFor(31_000);
  await expect(page.getByRole('alertdialog', { name: 'Are you still there?' })).toBeVisible();
});

test('?narration=recorded forces the recording even when device speech works', async ({ page }) => {
  await page.addInitScript({ content: FAKE_SPEECH });
  await page.goto('/?narration=recorded');
  await waitForUpgrade(page);
  await button(page, 'Play').click();
  await expect.poll(() => audioClock(page), { timeout: 10_000 }).toBeGreaterThan(100);
  expect(await page.evaluate(() => (window as unknown as { __speech: { speakCalls: number } }).__speech.speakCalls)).toBe(0);
  await (await barButton(page, 'Voices…')).click();
  const dialog = page.getByRole('dialog', { name: 'Voices' });
  await expect(dialog.getByRole('radio', { name: /Recorded narration/ })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: /Device voice/ })).toBeDisabled();
});

test('when device speech fails, reading continues with the recording at the same sentence, with a notice', async ({ page }) => {
  test.setTimeout(60_000);
  await page.addInitScript({ content: FAKE_SPEECH });
  await page.addInitScript(() => Object.assign((window as unknown as { __speech: { config: object } }).__speech.config, { failText: 'Stalin', msPerChar: 5 }));
  await recordHighlights(page);
  await page.goto('/');
  await waitForUpgrade(page);
  const first = manifest().order[0]; // the title contains "Stalin": the first utterance fails
  await button(page, 'Play').click();
  await expect(page.locator('narration-controls [part="notice"]')).toHaveText(
    'Device voice unavailable. Playing the recorded narration from the same sentence.',
    { timeout: 10_000 },
  );
  await expect.poll(() => audioClock(page), { timeout: 10_000 }).toBeGreaterThan(50);
  const clock = await audioClock(page);
  expect(clock).toBeLessThan(manifest().sentences[manifest().order[2]].end);
  await expect(page.locator('[aria-current="true"]')).toHaveCount(1);
  expect((await marks(page)).some((m) => m.id === first)).toBe(true);
});

test('the reader can choose recorded narration; the choice persists', async ({ page }) => {
  await page.addInitScript({ content: FAKE_SPEECH });
  await page.goto('/');
  await waitForUpgrade(page);
  await (await barButton(page, 'Voices…')).click();
  const dialog = page.getByRole('dialog', { name: 'Voices' });
  await dialog.getByRole('radio', { name: /Recorded narration/ }).check();
  await page.keyboard.press('Escape');
  await page.reload();
  await waitForUpgrade(page);
  await button(page, 'Play').click();
  await expect.poll(() => audioClock(page), { timeout: 10_000 }).toBeGreaterThan(100);
  expect(await page.evaluate(() => (window as unknown as { __speech: { speakCalls: number } }).__speech.speakCalls)).toBe(0);
});

test('take-away: the MP3 and a WebVTT transcript with voice tags covering every sentence', async ({ page, request }) => {
  await page.goto('/');
  const mp3 = page.getByRole('link', { name: 'Download the narration (MP3)' });
  const vtt = page.getByRole('link', { name: /timed transcript \(WebVTT\)/ });
  const mp3Response = await request.get((await mp3.getAttribute('href'))!);
  expect(mp3Response.status()).toBe(200);
  expect(mp3Response.headers()['content-type']).toContain('audio');
  const text = await (await request.get((await vtt.getAttribute('href'))!)).text();
  expect(text.startsWith('WEBVTT')).toBe(true);
  const { order } = manifest();
  for (const id of order) expect(text).toContain(`\n${id}\n`);
  expect(text).toContain('<v Stalin>');
  expect(text).toContain('<v Kollontai>');
});

test('a recording cut short (its header intact) stops with a message for people, never loops; a kiosk resets', async ({ page }) => {
  test.setTimeout(90_000);
  // The first 24 KB of each file: ~8 s of the Opus recording; the WebM header still announces 18 minutes.
  const cut = (file: string) => readFileSync(`public/audio/${file}`).subarray(0, 24_000);
  await page.route(/\/audio\/narration\.(webm|mp3)$/, (route) => {
    const file = new URL(route.request().url()).pathname.split('/').pop()!;
    return route.fulfill({ status: 200, contentType: file.endsWith('.webm') ? 'audio/webm' : 'audio/mpeg', body: cut(file) });
  });
  await withoutSpeech(page);
  const consoleErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.clock.install(); // time flows as usual; the idle wait at the end is skipped
  await page.goto('/?kiosk&idle=30&speech=off');
  await waitForUpgrade(page);
  await page.mouse.click(300, 300); // leave the attract screen
  await button(page, 'Play').click();
  // The kiosk's spoken-help sprite is a Howl too: the narration's is the one that plays.
  const narrationClock = () =>
    // Howler's chunk loads on Play: until it has, there is no clock yet (-1), not an error.
    page.evaluate(() => Math.max(-1, ...((window as unknown as { Howler?: { _howls: { seek(): number }[] } }).Howler?._howls ?? []).map((h) => h.seek() * 1000)));
  await expect.poll(narrationClock, { timeout: 15_000 }).toBeGreaterThan(1000);
  const message = page.locator('narration-controls [part="error"]');
  await expect(message).toHaveText(/^The recording is incomplete or damaged at this point, so the narration stopped\./, { timeout: 30_000 });
  // Details go to the console: whichever sign of the missing data came first — the early end, the
  // element starting over at 0:00, or a seek into the missing part that could not land.
  expect(consoleErrors.join('\n')).toMatch(/recorded narration: (the file ended at \d+ ms, it announced|the clock jumped back from \d+ to \d+ ms|a seek to \d+ ms did not land)/);
  // It stopped and did not start over at 0:00: nothing sounds, nothing is highlighted.
  const sounding = () =>
    page.evaluate(() =>
      (window as unknown as { Howler: { _howls: { playing(): boolean; _src: string | string[] }[] } }).Howler._howls
        .filter((h) => String(h._src).includes('narration.'))
        .map((h) => h.playing()),
    );
  expect(await sounding()).toEqual([false]);
  await expect(page.locator('[aria-current="true"]')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
  // Narration is not left "playing": the kiosk's idle timer runs, so the next visitor gets a fresh start.
  await page.clock.runFor(31_000);
  await expect(page.getByRole('alertdialog', { name: 'Are you still there?' })).toBeVisible();
  expect(await sounding()).toEqual([false]); // never looped meanwhile
});

test('a click on a sentence past the end of a cut-short recording stops with the message (the seek cannot land)', async ({ page }) => {
  test.setTimeout(60_000);
  await page.route(/\/audio\/narration\.(webm|mp3)$/, (route) => {
    const file = new URL(route.request().url()).pathname.split('/').pop()!;
    return route.fulfill({ status: 200, contentType: file.endsWith('.webm') ? 'audio/webm' : 'audio/mpeg', body: readFileSync(`public/audio/${file}`).subarray(0, 24_000) });
  });
  await withoutSpeech(page);
  await page.goto('/?narration=recorded');
  await waitForUpgrade(page);
  const far = manifest().order[60]!;
  await page.locator(`[id="${far}"]`).click();
  const message = page.locator('narration-controls [part="error"]');
  await expect(message).toHaveText(/^The recording is incomplete or damaged at this point, so the narration stopped\./, { timeout: 30_000 });
  await expect(page.locator('[aria-current="true"]')).toHaveCount(0);
});

test('after a recording fault the reader is offered the device voice, which reads on from the same sentence', async ({ page }) => {
  await page.route(/\/audio\/narration\.(webm|mp3)$/, (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.addInitScript({ content: FAKE_SPEECH });
  // The reader chose the recording earlier (not forced by the page): the device voice may take over.
  await page.addInitScript(() => localStorage.setItem('ne-narration:v1', JSON.stringify({ source: 'recorded' })));
  await page.goto('/#' + manifest().order[4]);
  await waitForUpgrade(page);
  await button(page, 'Play').click();
  await expect(page.locator('narration-controls [part="error"]')).toHaveText(/recorded narration could not be loaded/i, { timeout: 15_000 });
  const offer = button(page, 'Read on with the device voice');
  await expect(offer).toBeVisible();
  const box = (await offer.boundingBox())!;
  expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
  await expectNoAxeViolations(page, 'a recording fault with the device-voice offer');
  expect(await page.evaluate(() => (window as unknown as { __speech: { speakCalls: number } }).__speech.speakCalls)).toBe(0);
  await offer.click();
  await expect(page.locator('[aria-current="true"]')).toHaveAttribute('id', manifest().order[4]!);
  await expect.poll(() => page.evaluate(() => (window as unknown as { __speech: { spoken: { text: string }[] } }).__speech.spoken.length)).toBeGreaterThan(0);
  await expect(offer).toHaveCount(0);
  await expect(page.locator('narration-controls [part="error"]')).toHaveCount(0);
});

test('a page that forces the recording offers no device voice after a fault', async ({ page }) => {
  await page.route(/\/audio\/narration\.(webm|mp3)$/, (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.addInitScript({ content: FAKE_SPEECH });
  await page.goto('/?narration=recorded');
  await waitForUpgrade(page);
  await button(page, 'Play').click();
  await expect(page.locator('narration-controls [part="error"]')).toHaveText(/recorded narration could not be loaded/i, { timeout: 15_000 });
  await expect(button(page, 'Read on with the device voice')).toHaveCount(0);
});
